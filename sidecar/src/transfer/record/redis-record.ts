/**
 * Redis upload records (ioredis): plain GET/SET of the transmitter's key and value strings in DB
 * `table_index`. Connecting is bounded by the ini `timeout`; an unreachable server is a typed error,
 * never a hang or an endless reconnect loop.
 */
import { Redis } from 'ioredis';
import { RecordDbUnavailableError } from '../errors';
import type { TransferSettings } from '../db-config';
import type { RecordStore } from './record-store';
import { claimKey, takeRedisClaim, type ClaimOptions, type HeldClaim } from '../claims/redis-claim';

const BATCH = 1000;

class RedisRecordStore implements RecordStore {
  readonly kind = 'redis' as const;
  constructor(private readonly redis: Redis) {}

  async getMany(keys: string[]): Promise<(string | null)[]> {
    // One MGET per batch of keys: one round trip, never one per file.
    if (keys.length <= BATCH) return keys.length ? this.redis.mget(keys) : [];
    const out: (string | null)[] = [];
    for (let i = 0; i < keys.length; i += BATCH) for (const v of await this.redis.mget(keys.slice(i, i + BATCH))) out.push(v);
    return out;
  }

  async put(key: string, value: string): Promise<void> {
    await this.redis.set(key, value);
  }

  async putMany(entries: readonly (readonly [key: string, value: string])[]): Promise<void> {
    // One MSET per batch (the same strings SET would write), one round trip.
    for (let i = 0; i < entries.length; i += BATCH) {
      const args: string[] = [];
      for (const [k, v] of entries.slice(i, i + BATCH)) args.push(k, v);
      await this.redis.mset(args);
    }
  }

  claim(id: string, opts?: ClaimOptions): Promise<HeldClaim> {
    return takeRedisClaim(this.redis, claimKey(id), opts);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Connect to Redis as db_config.ini says; throws RecordDbUnavailableError within `timeout` ms. */
export async function openRedisRecords(cfg: TransferSettings['redis']): Promise<RecordStore> {
  const where = `${cfg.host}:${cfg.port} (db ${cfg.tableIndex})`;
  const redis = new Redis({
    host: cfg.host,
    port: cfg.port,
    db: cfg.tableIndex,
    ...(cfg.password ? { password: cfg.password } : {}),
    connectTimeout: cfg.timeoutMs,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Never reconnect in the background: a failure surfaces as an error to the caller.
    retryStrategy: () => null,
  });
  // ioredis emits 'error' events besides rejecting; swallow them, the rejection is what we report.
  redis.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${cfg.timeoutMs} ms`)), cfg.timeoutMs + 250);
      }),
    ]);
    await redis.ping();
  } catch (cause) {
    redis.disconnect();
    const reason = cause instanceof Error ? cause.message.replace(cfg.password || '\u0000', '***') : 'unknown error';
    throw new RecordDbUnavailableError(`Cannot reach the Redis upload-record database at ${where}: ${reason}. Start Redis or fix [REDIS] in db_config.ini (or set type = sqlite).`, {
      details: { host: cfg.host, port: cfg.port, db: cfg.tableIndex },
    });
  } finally {
    clearTimeout(timer);
  }
  return new RedisRecordStore(redis);
}
