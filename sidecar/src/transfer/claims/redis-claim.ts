/**
 * In-flight claims across processes and machines that share a Redis record DB: before sending a file,
 * an uploader takes `SET <claim key> <token> NX PX <lease>` and renews the lease while it sends; a second
 * uploader of the same server file waits until the claim is released, or until the lease runs out
 * because its holder died. Only the holder (same token) can renew or release.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

export interface ClaimOptions {
  /** Lease in ms; renewed every third of it while held (default 30 s). */
  leaseMs?: number;
  /** Poll interval while another holder has the claim (default 150 ms, with jitter). */
  pollMs?: number;
  signal?: AbortSignal;
}

export interface HeldClaim {
  release(): Promise<void>;
}

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The Redis key of the in-flight claim on one server file. */
export const claimKey = (id: string): string => `rayvision:upload-claim:${id}`;

/** Wait for, then hold, the claim `key`; resolves with its release. */
export async function takeRedisClaim(redis: Redis, key: string, opts: ClaimOptions = {}): Promise<HeldClaim> {
  const lease = opts.leaseMs ?? 30_000;
  const token = randomUUID();
  for (;;) {
    opts.signal?.throwIfAborted();
    if ((await redis.set(key, token, 'PX', lease, 'NX')) === 'OK') break;
    await sleep((opts.pollMs ?? 150) * (0.5 + Math.random()), undefined, opts.signal ? { signal: opts.signal } : undefined);
  }
  const timer = setInterval(() => void redis.eval(RENEW, 1, key, token, String(lease)).catch(() => {}), Math.max(50, Math.floor(lease / 3)));
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token).catch(() => {});
    },
  };
}
