/**
 * A token bucket shared by every concurrent transfer of one request (upload or download), so that
 * `max_speed` (KB/s, as in the old SDK) bounds the request's total rate, not each file's.
 * Tokens are bytes; the bucket holds at most `burst` bytes (default: a quarter second of rate) so an
 * idle pause cannot be followed by a long over-speed burst.
 */
import { setTimeout as timerSleep } from 'node:timers/promises';
import { throwIfAborted } from '../errors';
import { MaxSpeedError } from './errors';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
const realSleep: Sleep = async (ms, signal) => {
  await timerSleep(ms, undefined, signal ? { signal } : undefined);
};

export interface RateLimiter {
  /** Wait until `bytes` may be sent; resolves at once when unlimited. */
  take(bytes: number, signal?: AbortSignal): Promise<void>;
  /** Bytes per second, or undefined when unlimited. */
  readonly bytesPerSecond?: number;
}

/** Convert the documented `max_speed` (KB/s, string or number) to bytes/s; empty or 0 = unlimited. */
export function kbpsToBytesPerSecond(maxSpeed: string | number | undefined | null): number | undefined {
  if (maxSpeed === undefined || maxSpeed === null || maxSpeed === '') return undefined;
  const n = Number(maxSpeed);
  if (!Number.isFinite(n) || n < 0) throw new MaxSpeedError(maxSpeed);
  return n === 0 ? undefined : n * 1024;
}

class TokenBucket implements RateLimiter {
  private tokens: number;
  private last: number;
  /** Waiters are served in order so one big chunk cannot starve the others. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly bytesPerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
    this.last = t;
  }

  take(bytes: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(bytes, signal));
    // A cancelled waiter must not block those behind it.
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async wait(bytes: number, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    this.refill();
    // Debt is allowed: a chunk larger than the burst goes once its share of time has passed.
    this.tokens -= bytes;
    if (this.tokens >= 0) return;
    const ms = (-this.tokens / this.bytesPerSecond) * 1000;
    try {
      await this.sleep(ms, signal);
    } catch (cause) {
      throwIfAborted(signal);
      throw cause;
    }
  }
}

const unlimited: RateLimiter = { take: async (_b, signal) => throwIfAborted(signal) };

/**
 * Create the limiter for one request; `bytesPerSecond` undefined → no limit. `now` and `sleep` are
 * injectable so the rate arithmetic can be tested on a simulated clock.
 */
export function createRateLimiter(bytesPerSecond: number | undefined, opts: { burstBytes?: number; now?: () => number; sleep?: Sleep } = {}): RateLimiter {
  if (!bytesPerSecond) return unlimited;
  const burst = opts.burstBytes ?? Math.max(16 * 1024, bytesPerSecond / 4);
  return new TokenBucket(bytesPerSecond, burst, opts.now ?? (() => performance.now()), opts.sleep ?? realSleep);
}
