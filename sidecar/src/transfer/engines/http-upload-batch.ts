/**
 * Many small files in few requests (the local farm's batch call, docs/storage-protocol.md "Batch"):
 * each file is read once, hashed, and the group is announced with `op=batch-init` (files the farm
 * already holds complete are skipped), then the rest travel in one `op=batch` body, each verified
 * and committed on its own. Per file the outcome is the same as a single upload: done once verified,
 * or failed with a typed error; a batch cut by a crash commits none of its files.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { throwIfAborted } from '../../errors';
import { StorageRequestError } from '../errors';
import type { RateLimiter } from '../rate-limit';
import { backoff, isRetryable, type RetryPolicy } from '../retry';
import type { TransferItem } from './engine';
import type { StorageClient } from './http-storage';

/** Files up to this size go in batches; a batch holds at most BATCH_FILES files or BATCH_BYTES bytes. */
export const BATCH_FILE_MAX = 1024 * 1024;
export const BATCH_FILES = 128;
export const BATCH_BYTES = 8 * 1024 * 1024;
/** Files of a batch read from disk at once. */
const READS_AT_ONCE = 8;

export interface BatchContext {
  client: StorageClient;
  bid: string;
  limiter: RateLimiter;
  retry: RetryPolicy;
  signal?: AbortSignal;
  onBytes: (n: number, item: TransferItem) => void;
}

export type BatchOutcome = { item: TransferItem; sent: number } | { item: TransferItem; error: Error };

/** Group small items into batches, in order. */
export function batchesOf<T extends { size: number }>(items: T[]): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const i of items) {
    if (cur.length && (cur.length >= BATCH_FILES || bytes + i.size > BATCH_BYTES)) (out.push(cur), (cur = []), (bytes = 0));
    cur.push(i);
    bytes += i.size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Upload one batch; resolves with one outcome per item (never throws but for a cancel). */
export async function uploadBatch(items: (TransferItem & { size: number })[], ctx: BatchContext): Promise<BatchOutcome[]> {
  const { client, bid, signal } = ctx;
  const outcomes: BatchOutcome[] = [];
  // Read a few files at once (the disk is busy while one is hashed), keeping the batch's order.
  const slots = new Array<{ item: TransferItem; bytes: Buffer; sha256: string } | undefined>(items.length);
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      const item = items[i]!;
      try {
        const bytes = await readFile(item.local);
        if (bytes.length !== item.size) throw new StorageRequestError(`${item.local} changed while it was read (expected ${item.size} bytes, read ${bytes.length}); upload again.`, { retryable: true, path: item.server });
        slots[i] = { item, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
      } catch (error) {
        outcomes.push({ item, error: error as Error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, items.length) }, reader));
  const read = slots.filter((r) => r !== undefined);
  if (read.length === 0) return outcomes;
  const files = read.map((r) => ({ path: r.item.server, size: r.bytes.length, sha256: r.sha256 }));
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    try {
      const init = await client.request<{ complete: boolean[] }>({ method: 'POST', url: client.url(bid, '/', { op: 'batch-init' }), data: { files }, signal });
      const held = read.filter((_, i) => init.data.complete[i]);
      const todo = read.filter((_, i) => !init.data.complete[i]);
      const settled: BatchOutcome[] = held.map((r) => ({ item: r.item, sent: 0 }));
      if (todo.length > 0) {
        const header = Buffer.from(JSON.stringify({ files: todo.map((r) => ({ path: r.item.server, size: r.bytes.length, sha256: r.sha256 })) }));
        const length = Buffer.alloc(4);
        length.writeUInt32BE(header.length, 0);
        const body = Buffer.concat([length, header, ...todo.map((r) => r.bytes)]);
        await ctx.limiter.take(body.length, signal);
        const res = await client.request<{ results: { ok: boolean; error?: string; message?: string }[] }>({
          method: 'POST',
          url: client.url(bid, '/', { op: 'batch' }),
          data: body,
          headers: { 'Content-Type': 'application/octet-stream' },
          signal,
        });
        todo.forEach((r, i) => {
          const result = res.data.results[i];
          if (result?.ok) settled.push({ item: r.item, sent: r.bytes.length });
          else {
            const retryable = result?.error !== 'PATH_CONFLICT';
            const message = `Storage refused ${r.item.server}: ${result?.message ?? 'no answer for this file'}`;
            settled.push({ item: r.item, error: new StorageRequestError(message, { retryable, path: r.item.server, ...(result?.error ? { serverCode: result.error } : {}) }) });
          }
        });
      }
      for (const o of settled) if ('sent' in o) ctx.onBytes(o.item.size ?? 0, o.item);
      return [...outcomes, ...settled];
    } catch (error) {
      throwIfAborted(signal);
      if (!isRetryable(error) || attempt >= ctx.retry.attempts) return [...outcomes, ...read.map((r) => ({ item: r.item, error: error as Error }))];
      await backoff(attempt, ctx.retry, signal);
    }
  }
}
