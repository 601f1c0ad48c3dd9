/**
 * One upload of a file at a time within this process: every job of a sidecar shares this table, so a
 * second job that needs a file another job is sending waits for that send to end (and then finds the
 * file committed: no bytes move) instead of racing it on the farm.
 */

const held = new Map<string, Promise<void>>();

/** Run `fn` while holding `key`; callers with the same key run one after the other, in arrival order. */
export async function exclusive<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const before = held.get(key);
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = before ? before.then(() => mine) : mine;
  held.set(key, tail);
  try {
    if (before) await waitOrAbort(before, signal);
    return await fn();
  } finally {
    release();
    if (held.get(key) === tail) held.delete(key);
  }
}

/** Keys held or waited for right now (tests, diagnostics). */
export const heldCount = (): number => held.size;

function waitOrAbort(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
