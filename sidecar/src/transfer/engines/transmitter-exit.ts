/**
 * The transmitter's exit codes (spec/transfer.md §2.5) and what to do with each: 0 success,
 * 1 recoverable (retry with backoff), -1 fatal (seen as 255 on POSIX and 4294967295 on Windows),
 * and the legacy 2–11 of older binaries with the old SDK's numeric error codes.
 */
import { FarmError } from '../../errors';

export type ExitVerdict =
  | { kind: 'ok' }
  | { kind: 'retry'; reason: string }
  | { kind: 'fail'; code: string; farmCode?: number; reason: string };

/** Normalises -1 as the OS reports it (255, 4294967295) back to -1. */
export function normaliseExitCode(code: number): number {
  return code === 255 || code === 4294967295 ? -1 : code;
}

/** What an exit code means for the caller. */
export function judgeExit(rawCode: number | undefined): ExitVerdict {
  if (rawCode === undefined) return { kind: 'retry', reason: 'the transmitter was killed by a signal' };
  const code = normaliseExitCode(rawCode);
  if (code === 0) return { kind: 'ok' };
  if (code === 1) return { kind: 'retry', reason: 'recoverable error (exit 1)' };
  if (code === 10) return { kind: 'retry', reason: 'server busy, retry later (legacy exit 10)' };
  if (code === 11) return { kind: 'fail', code: 'ERR_TRANSMITTER_FILES', farmCode: 200025, reason: 'there are files that cannot be transferred; check that they exist' };
  if (code === 9) return { kind: 'fail', code: 'ERR_TRANSMITTER_HOST', reason: 'parameter or domain name resolution error; check the transfer line host and port' };
  if (code >= 2 && code <= 8) return { kind: 'fail', code: 'ERR_TRANSMITTER_ARGS', farmCode: 200024, reason: `argument format invalid (exit ${code}); check the arguments` };
  return { kind: 'fail', code: 'ERR_TRANSMITTER_FATAL', reason: `fatal error (exit ${code}): an invalid argument, an init failure, or a file that failed for good` };
}

/** A transmitter run that failed for good, or ran out of retries; the last stdout lines are in details. */
export class TransmitterError extends FarmError {
  readonly exitCode?: number;
  constructor(code: string, message: string, opts: { exitCode?: number; farmCode?: number; lastLines?: string[] } = {}) {
    super(code, message, { farmCode: opts.farmCode, details: { exitCode: opts.exitCode, lastLines: opts.lastLines ?? [] } });
    if (opts.exitCode !== undefined) this.exitCode = opts.exitCode;
  }
}
