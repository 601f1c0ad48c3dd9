import { describe, expect, it } from 'vitest';
import { createRateLimiter, kbpsToBytesPerSecond } from '../../sidecar/src/transfer/rate-limit';
import { AbortedError } from '../../sidecar/src/errors';

describe('token bucket', () => {
  it('converts max_speed KB/s (string or number) to bytes/s; empty or 0 is unlimited', () => {
    expect(kbpsToBytesPerSecond('1048576')).toBe(1048576 * 1024);
    expect(kbpsToBytesPerSecond(512)).toBe(512 * 1024);
    expect(kbpsToBytesPerSecond('')).toBeUndefined();
    expect(kbpsToBytesPerSecond(0)).toBeUndefined();
    expect(() => kbpsToBytesPerSecond('fast')).toThrow(RangeError);
  });

  it('grants the burst at once, then makes takers wait for their share (mechanism, fake clock)', async () => {
    let now = 0;
    const limiter = createRateLimiter(1000, { burstBytes: 100, now: () => now });
    // 100 tokens in the bucket, then 50 more after 50 ms of (fake) time: neither take sleeps, so
    // both resolve although the fake clock never moves during the awaits.
    await limiter.take(100);
    now += 50;
    await limiter.take(50);
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
