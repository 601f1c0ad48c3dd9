/**
 * Bounded retries with capped exponential backoff and jitter (spec/transfer.md §6.2 asked for a hard
 * cap: the old SDK could loop forever with no sleep). Only errors marked retryable are repeated.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { throwIfAborted } from '../errors';

export interface RetryPolicy {
  /** Total attempts, including the first (default 5). */
  attempts: number;
  /** First delay in ms; doubles each time (default 500). */
  baseDelayMs: number;
  /** Upper bound of one delay (default 10 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 };

/** The delay before attempt `n + 1` (n ≥ 1): exponential, capped, with 50–100 % jitter. */
export function retryDelay(n: number, policy: RetryPolicy, random = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(raw * (0.5 + random() / 2));
}

/** Sleep the backoff for attempt `n`, waking early (with AbortedError) when cancelled. */
export async function backoff(n: number, policy: RetryPolicy, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(retryDelay(n, policy), undefined, signal ? { signal } : undefined);
  } catch (cause) {
    throwIfAborted(signal);
    throw cause;
  }
}

/** True when `error` says another attempt may succeed (`retryable: true`). */
export const isRetryable = (error: unknown): boolean => !!(error as { retryable?: boolean } | null)?.retryable;
