/**
 * The retry decision, as one pure function (got's allow-list by cause): network failures, timeouts,
 * HTTP 408/429/5xx (JSON or not) and transient farm codes are retried with capped, jittered backoff;
 * signature, auth, validation and other business errors never are. A non-idempotent endpoint is
 * re-sent only when the request cannot have reached the server (the connection was never made).
 */

export interface ApiRetryPolicy {
  /** Retries after the first attempt (the old SDK made 5 attempts: 4 retries). */
  retries: number;
  /** Backoff of the first retry; doubles each time, with jitter in [half, full]. */
  minDelayMs: number;
  /** Cap of one backoff. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_API_RETRY: ApiRetryPolicy = { retries: 4, minDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** Envelope codes that mean "try again later": 500 INTERNAL_ERROR, 513 user cache miss, 1000 REDIS_CACHE_FAIL. */
export const TRANSIENT_FARM_CODES: ReadonlySet<number> = new Set([500, 513, 1000]);

/** HTTP statuses worth another attempt when the body is not a farm envelope. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 524]);

/** Statuses that mean "not processed, come back later" even when the body is an envelope. */
export const OVERLOAD_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Connection errors raised before any byte reached the server: safe to re-send anything. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** What one attempt ended with, as far as retrying is concerned. */
export type ApiAttemptOutcome =
  | { kind: 'network'; errorCode: string }
  | { kind: 'timeout' }
  | { kind: 'http'; status: number; retryAfterMs?: number }
  | { kind: 'farm'; farmCode: number; status: number; retryAfterMs?: number }
  | { kind: 'fatal' };

export type ApiRetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

export interface RetryInput {
  outcome: ApiAttemptOutcome;
  /** Attempts made so far, including the one that just failed (1 after the first). */
  attempt: number;
  idempotent: boolean;
  policy: ApiRetryPolicy;
  /** A number in [0, 1): injected so the decision stays pure. */
  random: number;
}

/** Decides whether to try again and how long to wait first. */
export function decideRetry({ outcome, attempt, idempotent, policy, random }: RetryInput): ApiRetryDecision {
  if (attempt > policy.retries) return { retry: false, reason: 'retries exhausted' };
  const cause = retryableCause(outcome);
  if (!cause) return { retry: false, reason: 'not a transient failure' };
  const neverSent = outcome.kind === 'network' && NOT_SENT_CODES.has(outcome.errorCode);
  if (!idempotent && !neverSent) return { retry: false, reason: 'not idempotent and the request may have reached the server' };
  const backoff = backoffDelay(attempt, policy, random);
  const retryAfter = 'retryAfterMs' in outcome ? outcome.retryAfterMs : undefined;
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxRetryAfterMs) return { retry: false, reason: 'Retry-After too long' };
    return { retry: true, delayMs: Math.max(retryAfter, backoff) };
  }
  return { retry: true, delayMs: backoff };
}

function retryableCause(outcome: ApiAttemptOutcome): boolean {
  switch (outcome.kind) {
    case 'network':
    case 'timeout':
      return true;
    case 'http':
      return RETRY_STATUSES.has(outcome.status);
    case 'farm':
      return TRANSIENT_FARM_CODES.has(outcome.farmCode) || OVERLOAD_STATUSES.has(outcome.status);
    default:
      return false;
  }
}

/** Exponential backoff, capped, with jitter between half and the full step. */
export function backoffDelay(attempt: number, policy: ApiRetryPolicy, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
