/**
 * The root of every error the SDK throws. Each layer has its own family (api/errors.ts,
 * jobfiles/errors.ts, analyze/errors.ts, transfer/errors.ts …) deriving from `FarmError`:
 * - `code`: a stable string (`ERR_SIGNATURE`, `ERR_TRANSFER_ABORTED` …), listed in docs/errors.md;
 * - `farmCode`: the documented numeric code (spec/api.md §8, spec/transfer.md §6) when there is one.
 * Secrets are scrubbed when the error is built, never later: pass nothing secret to a message.
 */
export interface FarmErrorOptions {
  farmCode?: number;
  cause?: unknown;
  /** Extra, non-secret facts for callers and the RPC layer (file, field, taskId …). */
  details?: Record<string, unknown>;
}

export class FarmError extends Error {
  readonly code: string;
  readonly farmCode?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options: FarmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.farmCode !== undefined) this.farmCode = options.farmCode;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Thrown when an operation was cancelled through its AbortSignal. */
export class AbortedError extends FarmError {
  constructor(message = 'The operation was cancelled.', options: FarmErrorOptions = {}) {
    super('ERR_ABORTED', message, options);
  }
}

/** Throws `AbortedError` when the signal has fired; call at every safe point of long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
}
