import { describe, expect, it } from 'vitest';
import { createRateLimiter, kbpsToBytesPerSecond } from '../../sidecar/src/transfer/rate-limit';
import { AbortedError } from '../../sidecar/src/errors';
import { MaxSpeedError } from '../../sidecar/src/transfer/errors';

describe('token bucket', () => {
  it('converts max_speed KB/s (string or number) to bytes/s; empty or 0 is unlimited', () => {
    expect(kbpsToBytesPerSecond('1048576')).toBe(1048576 * 1024);
    expect(kbpsToBytesPerSecond(512)).toBe(512 * 1024);
    expect(kbpsToBytesPerSecond('')).toBeUndefined();
    expect(kbpsToBytesPerSecond(0)).toBeUndefined();
    expect(() => kbpsToBytesPerSecond('fast')).toThrow(MaxSpeedError);
    expect(() => kbpsToBytesPerSecond(-5)).toThrow(/max_speed must be a number of KB\/s/);
  });

  /** A limiter on a simulated clock: sleeping advances the clock, and every sleep is recorded. */
  function simulated(bytesPerSecond: number, burstBytes: number) {
    const clock = { now: 0, sleeps: [] as number[] };
    const limiter = createRateLimiter(bytesPerSecond, {
      burstBytes,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.sleeps.push(ms);
        clock.now += ms;
      },
    });
    return { clock, limiter };
  }

  it('grants the burst at once, then makes takers wait exactly for their share (simulated clock)', async () => {
    const { clock, limiter } = simulated(1000, 100);
    await limiter.take(100);
    expect(clock.sleeps).toEqual([]);
    clock.now += 50; // 50 ms idle refills 50 bytes
    await limiter.take(50);
    expect(clock.sleeps).toEqual([]);
    await limiter.take(200); // an empty bucket: 200 bytes at 1000 B/s is 200 ms
    expect(clock.sleeps).toEqual([200]);
    clock.now += 10_000; // a long idle pause refills only up to the burst
    await limiter.take(300);
    expect(clock.sleeps).toEqual([200, 200]);
  });

  it('four concurrent takers of 512 KB/s move 5 MiB in 10 simulated seconds (the ±10 % of max_speed, exactly)', async () => {
    const rate = 512 * 1024;
    const burst = rate / 4;
    const { clock, limiter } = simulated(rate, burst);
    const chunk = 64 * 1024;
    const perTaker = (rate * 10) / 4 / chunk;
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let i = 0; i < perTaker; i++) await limiter.take(chunk);
    }));
    // Everything past the initial burst waits for its share: (total - burst) / rate seconds.
    expect(clock.now / 1000).toBeCloseTo((rate * 10 - burst) / rate, 6);
    const average = (rate * 10) / (clock.now / 1000);
    expect(average).toBeGreaterThanOrEqual(rate * 0.9);
    expect(average).toBeLessThanOrEqual(rate * 1.1);
  });

  it('is shared: concurrent takers together never exceed the rate (debt accumulates)', async () => {
    const limiter = createRateLimiter(200 * 1024, { burstBytes: 1024 });
    const start = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => (async () => {
      for (let i = 0; i < 10; i++) await limiter.take(1024);
    })()));
    const elapsed = (performance.now() - start) / 1000;
    // 40 KiB at 200 KiB/s takes at least (40-1)/200 s; assert the lower bound only (noisy machines are slower, never faster).
    expect(elapsed).toBeGreaterThanOrEqual((39 / 200) * 0.95);
  });

  it('a cancelled waiter rejects with AbortedError and does not block the others', async () => {
    const limiter = createRateLimiter(1024, { burstBytes: 1 });
    await limiter.take(1);
    const ac = new AbortController();
    const p = limiter.take(10 * 1024, ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    const unlimited = createRateLimiter(undefined);
    await unlimited.take(1e12);
  });
});
