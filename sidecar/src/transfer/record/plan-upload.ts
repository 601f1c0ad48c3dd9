/**
 * Plan an asset upload against the record store: stat every file, skip those whose record says the
 * same size and mtime were already sent, and return the rest. Missing files are reported, not thrown,
 * so the caller can fail with one list of every bad path.
 */
import { stat } from 'node:fs/promises';
import type { TransferItem } from '../engines/engine';
import { mapLimit } from '../util/map-limit';
import { recordKey, recordValue, type RecordValue } from './record-key';
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

export interface PlanContext {
  platformId: string | number;
  storageId: string | number;
  userId: string | number;
  store: RecordStore | null;
  signal?: AbortSignal;
  /** Parallel stat calls (default 64). */
  concurrency?: number;
}

/** Compare by fields, not text, so a record written by the transmitter (other spacing) still matches. */
function sameRecord(stored: string | null, current: string): boolean {
  if (stored === null) return false;
  if (stored === current) return true;
  try {
    const a = JSON.parse(stored) as RecordValue;
    const b = JSON.parse(current) as RecordValue;
    return Number(a.filesize) === b.filesize && Number(a.filetime) === b.filetime;
  } catch {
    return false;
  }
}

/** Stat `items` and split them into files to send, unchanged files to skip, and missing files. */
export async function planUpload(items: readonly TransferItem[], ctx: PlanContext): Promise<UploadPlan> {
  const stats = await mapLimit(
    items,
    ctx.concurrency ?? 64,
    async (item) => stat(item.local).then((s) => (s.isFile() ? s : null), () => null),
    ctx.signal,
  );
  throwIfAborted(ctx.signal);
  const planned: PlannedItem[] = [];
  const missing: TransferItem[] = [];
  items.forEach((item, i) => {
    const s = stats[i];
    if (!s) {
      missing.push(item);
      return;
    }
    const key = recordKey({ platformId: ctx.platformId, storageId: ctx.storageId, userId: ctx.userId, local: item.local, remote: item.server });
    planned.push({ ...item, size: s.size, recordKey: key, recordValue: recordValue(s.size, s.mtimeMs) });
  });
  if (!ctx.store) return { send: planned, skipped: [], missing };
  const previous = await ctx.store.getMany(planned.map((p) => p.recordKey));
  const send: PlannedItem[] = [];
  const skipped: PlannedItem[] = [];
  planned.forEach((p, i) => (sameRecord(previous[i] ?? null, p.recordValue) ? skipped : send).push(p));
  return { send, skipped, missing };
}
