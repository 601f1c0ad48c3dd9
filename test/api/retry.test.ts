// The pure retry decision: which causes are retried, the idempotency rule, backoff bounds, Retry-After.
import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, DEFAULT_API_RETRY, parseRetryAfter, type ApiAttemptOutcome } from '../../sidecar/src/api/retry';

const policy = { ...DEFAULT_API_RETRY, retries: 4, minDelayMs: 100, maxDelayMs: 1000 };
const decide = (outcome: ApiAttemptOutcome, idempotent = true, attempt = 1, random = 0.5) =>
  decideRetry({ outcome, attempt, idempotent, policy, random });

describe('decideRetry', () => {
  it('retries transient causes on idempotent endpoints', () => {
    const transient: ApiAttemptOutcome[] = [
      { kind: 'network', errorCode: 'ECONNRESET' },
      { kind: 'network', errorCode: 'ECONNREFUSED' },
      { kind: 'timeout' },
      { kind: 'http', status: 502 },
      { kind: 'http', status: 503 },
      { kind: 'http', status: 408 },
      { kind: 'http', status: 429 },
      { kind: 'farm', farmCode: 500, status: 500 },
      { kind: 'farm', farmCode: 1000, status: 200 },
      { kind: 'farm', farmCode: 100, status: 503 }, // an overloaded gateway answering with an envelope
      { kind: 'farm', farmCode: 100, status: 429 },
    ];
    for (const outcome of transient) expect(decide(outcome).retry, JSON.stringify(outcome)).toBe(true);
  });

  it('never retries signature, auth, validation or other business and client errors', () => {
    const fatal: ApiAttemptOutcome[] = [
      { kind: 'farm', farmCode: 611, status: 200 },
      { kind: 'farm', farmCode: 610, status: 200 },
      { kind: 'farm', farmCode: 600, status: 200 },
      { kind: 'farm', farmCode: 404, status: 200 },
      { kind: 'farm', farmCode: 100, status: 500 }, // HTTP 5xx but a business code: the envelope decides
      { kind: 'http', status: 400 },
      { kind: 'http', status: 404 },
      { kind: 'http', status: 200 },
      { kind: 'fatal' },
    ];
    for (const outcome of fatal) expect(decide(outcome).retry, JSON.stringify(outcome)).toBe(false);
  });

  it('re-sends a non-idempotent call only when the connection was never made', () => {
    expect(decide({ kind: 'network', errorCode: 'ECONNREFUSED' }, false).retry).toBe(true);
    expect(decide({ kind: 'network', errorCode: 'ENOTFOUND' }, false).retry).toBe(true);
    expect(decide({ kind: 'network', errorCode: 'ECONNRESET' }, false).retry).toBe(false);
    expect(decide({ kind: 'timeout' }, false).retry).toBe(false);
    expect(decide({ kind: 'http', status: 503 }, false).retry).toBe(false);
    expect(decide({ kind: 'farm', farmCode: 500, status: 500 }, false).retry).toBe(false);
  });

  it('stops after the retry limit', () => {
    expect(decide({ kind: 'timeout' }, true, 4).retry).toBe(true);
    expect(decide({ kind: 'timeout' }, true, 5)).toEqual({ retry: false, reason: 'retries exhausted' });
  });

  it('backs off exponentially with jitter between half and the full step, capped', () => {
    expect(backoffDelay(1, policy, 0)).toBe(50);
    expect(backoffDelay(1, policy, 0.999999)).toBe(100);
    expect(backoffDelay(3, policy, 1)).toBe(400);
    expect(backoffDelay(10, policy, 1)).toBe(1000);
    expect(backoffDelay(10, policy, 0)).toBe(500);
    for (let a = 1; a < 8; a += 1) expect(backoffDelay(a, policy, 0.5)).toBeLessThanOrEqual(policy.maxDelayMs);
  });

  it('waits at least Retry-After, and gives up when it is longer than allowed', () => {
    const d = decide({ kind: 'http', status: 429, retryAfterMs: 5000 });
    expect(d).toEqual({ retry: true, delayMs: 5000 });
    expect(decide({ kind: 'http', status: 503, retryAfterMs: 10 * 60_000 }).retry).toBe(false);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
