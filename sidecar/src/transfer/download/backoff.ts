/**
 * Bounded retry helpers shared by the download engines: capped exponential backoff with jitter
 * and an abortable sleep. The old SDK either never retried (downloads) or retried forever with no
 * pause (uploads, spec/transfer.md §6.2); every loop here has a cap.
 */
import { AbortedError } from '../../errors';

export interface BackoffOptions {
  /** First delay in ms (default 250). */
  baseMs?: number;
  /** Largest delay in ms (default 5000). */
  capMs?: number;
}

/** Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, with ±25 % jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 5000;
  const raw = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.75 + Math.random() * 0.5));
}

/** Waits `ms`, or rejects with `AbortedError` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError(undefined, { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
