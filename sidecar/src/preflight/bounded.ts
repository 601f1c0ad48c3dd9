/**
 * One filesystem or network step, bounded: it settles when the step does, when the signal fires
 * (AbortedError) or after `timeoutMs` (StepTimeoutError), whichever comes first. Node cannot abort
 * a libuv fs call; a step that hangs (a dead NFS mount, /proc) keeps its thread, but the caller moves on.
 */
import { AbortedError, FarmError } from '../errors';

/** A bounded step did not settle in time. */
export class StepTimeoutError extends FarmError {
  constructor(what: string, timeoutMs: number) {
    super('ERR_STEP_TIMEOUT', `${what} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, { details: { step: what, timeoutMs } });
  }
}

export interface BoundOptions {
  signal?: AbortSignal | undefined;
  /** Default 10 s: long enough for a slow disk, short enough that a hung mount is reported. */
  timeoutMs?: number | undefined;
}

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** Races `step` against the signal and a timer; the loser's result is ignored. */
export function bounded<T>(what: string, step: () => Promise<T>, options: BoundOptions = {}): Promise<T> {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  if (signal?.aborted) return Promise.reject(new AbortedError(undefined, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(() => reject(new StepTimeoutError(what, timeoutMs))), timeoutMs);
    const onAbort = () => done(() => reject(new AbortedError(undefined, { cause: signal?.reason })));
    let settled = false;
    function done(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    step().then(
      (v) => done(() => resolve(v)),
      (e) => done(() => reject(e)),
    );
  });
}
