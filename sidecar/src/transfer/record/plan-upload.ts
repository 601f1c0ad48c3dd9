/**
 * Plan an asset upload against the record store: stat every file, skip those whose record says the
 * same size and mtime were already sent, and return the rest. Missing files are reported, not thrown,
 * so the caller can fail with one list of every bad path.
 *
 * The planner works in bounded batches (`batchSize` items at a time, the next batch's stats already
 * running while one is looked up): memory depends on the batch size, not on the number of files, and
 * each batch costs one record-store call (one SQLite statement, one Redis MGET), never one per file.
 */
import { stat, type Stats } from 'node:fs';
import type { TransferItem } from '../engines/engine';
import { recordKeyPrefix, recordValue, type RecordValue } from './record-key';
import type { RecordStore } from './record-store';
import { throwIfAborted } from '../../errors';

export interface PlannedItem extends TransferItem {
  size: number;
  /** Record key and the value to store once the file is verified on the farm. */
  recordKey: string;
  recordValue: string;
}

export interface UploadPlan {
  send: PlannedItem[];
  skipped: PlannedItem[];
  missing: TransferItem[];
}

/** One planned batch: the same three lists, for `batchSize` input items at most. */
export type PlanBatch = UploadPlan;

export interface PlanContext {
  platformId: string | number;
  storageId: string | number;
  userId: string | number;
  store: RecordStore | null;
  signal?: AbortSignal;
  /** Parallel stat calls (default 64). */
  concurrency?: number;
  /** Items planned per batch (default 1000): one record-store call each. */
  batchSize?: number;
}

/** Input of the batched planner: a list, or batches of items as a streamed job file yields them. */
export type PlanSource = readonly TransferItem[] | AsyncIterable<readonly TransferItem[]> | Iterable<readonly TransferItem[]>;

/** Compare by fields, not text, so a record written by the transmitter (other spacing) still matches. */
function sameRecord(stored: string | null | undefined, current: string): boolean {
  if (stored == null) return false;
  if (stored === current) return true;
  try {
    const a = JSON.parse(stored) as RecordValue;
    const b = JSON.parse(current) as RecordValue;
    return Number(a.filesize) === b.filesize && Number(a.filetime) === b.filetime;
  } catch {
    return false;
  }
}

/**
 * Stat `items` with at most `limit` calls in flight: one promise for the whole batch, none per file
 * (callback stats), null where the path is missing or is not a file.
 */
export function statBatch(items: readonly TransferItem[], limit: number): Promise<(Stats | null)[]> {
  const out = new Array<Stats | null>(items.length).fill(null);
  if (items.length === 0) return Promise.resolve(out);
  return new Promise((resolve) => {
    let next = 0;
    let pending = items.length;
    const launch = (): void => {
      const i = next++;
      stat(items[i]!.local, (err, s) => {
        if (!err && s.isFile()) out[i] = s;
        if (--pending === 0) resolve(out);
        else if (next < items.length) launch();
      });
    };
    for (let k = Math.min(limit, items.length); k > 0; k--) launch();
  });
}

/** Re-cut a source into batches of `size` items (the last may be shorter), whatever pieces it comes in. */
async function* batchesOf(source: PlanSource, size: number): AsyncGenerator<readonly TransferItem[]> {
  if (Array.isArray(source)) {
    for (let i = 0; i < source.length; i += size) yield source.slice(i, i + size);
    return;
  }
  let batch: TransferItem[] = [];
  for await (const piece of source as AsyncIterable<readonly TransferItem[]>) {
    for (const item of piece) {
      batch.push(item);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * Plan `source` batch by batch. While the caller handles one batch, the next one is already being
 * stat'ed, so the disk stays busy and at most two batches are held.
 */
export async function* planBatches(source: PlanSource, ctx: PlanContext): AsyncGenerator<PlanBatch> {
  const limit = ctx.concurrency ?? 64;
  const keyOf = recordKeyPrefix(ctx);
  const input = batchesOf(source, ctx.batchSize ?? 1000);
  const fetch = async () => {
    const r = await input.next();
    return r.done ? null : { items: r.value, stats: await statBatch(r.value, limit) };
  };
  let ahead = fetch();
  try {
    for (;;) {
      const cur = await ahead;
      throwIfAborted(ctx.signal);
      if (!cur) return;
      ahead = fetch();
      const send: PlannedItem[] = [];
      const missing: TransferItem[] = [];
      const planned: PlannedItem[] = [];
      const { items, stats } = cur;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const s = stats[i];
        if (!s) missing.push(item);
        else planned.push({ local: item.local, server: item.server, size: s.size, recordKey: keyOf(item.local, item.server), recordValue: recordValue(s.size, s.mtimeMs) });
      }
      if (!ctx.store) {
        yield { send: planned, skipped: [], missing };
        continue;
      }
      const keys = new Array<string>(planned.length);
      for (let i = 0; i < planned.length; i++) keys[i] = planned[i]!.recordKey;
      const previous = await ctx.store.getMany(keys);
      const skipped: PlannedItem[] = [];
      for (let i = 0; i < planned.length; i++) (sameRecord(previous[i], planned[i]!.recordValue) ? skipped : send).push(planned[i]!);
      yield { send, skipped, missing };
    }
  } finally {
    // Let a prefetch in flight settle before the source is closed (an early return or a throw).
    await ahead.catch(() => null);
    await input.return(undefined);
  }
}

/** Stat `items` and split them into files to send, unchanged files to skip, and missing files (all held). */
export async function planUpload(items: PlanSource, ctx: PlanContext): Promise<UploadPlan> {
  const plan: UploadPlan = { send: [], skipped: [], missing: [] };
  for await (const b of planBatches(items, ctx)) {
    for (const p of b.send) plan.send.push(p);
    for (const p of b.skipped) plan.skipped.push(p);
    for (const m of b.missing) plan.missing.push(m);
  }
  return plan;
}
