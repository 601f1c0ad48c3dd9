/**
 * The asset half of an upload: plan against the record store, send what changed through the engine,
 * record each file the moment the farm verified it. Only verified files are recorded, so a cancel or a
 * crash leaves the record DB true and the next run sends exactly what is missing.
 */
import type { ProgressListener } from '../../../protocol/src/progress';
import { AbortedError, throwIfAborted } from '../errors';
import type { TransferEngine, TransferItem } from './engines/engine';
import { UploadFailedError } from './errors';
import { planUpload, type PlannedItem } from './record/plan-upload';
import type { RecordStore } from './record/record-store';

export interface UploadSummary {
  /** Files sent in this call. */
  sent: number;
  /** Files skipped because the record DB says they are unchanged since they were last verified. */
  skipped: number;
  /** Bytes put on the wire. */
  bytes: number;
}

export interface UploadAssetsInput {
  engine: TransferEngine;
  items: TransferItem[];
  storageId: string;
  userId: string;
  platformId: string;
  store: RecordStore | null;
  maxSpeedKBps?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  log?: (message: string) => void;
}

/** Upload `items` to input storage, skipping unchanged files; throws UploadFailedError listing every bad file. */
export async function uploadAssets(input: UploadAssetsInput): Promise<UploadSummary> {
  const { store, signal } = input;
  const plan = await planUpload(input.items, { platformId: input.platformId, storageId: input.storageId, userId: input.userId, store, ...(signal ? { signal } : {}) });
  if (plan.missing.length) {
    // Fail before sending anything: the old SDK re-spawned the transmitter forever on a missing file.
    throw new UploadFailedError(plan.missing.map((m) => ({ local: m.local, server: m.server, reason: 'file not found' })));
  }
  input.log?.(`${plan.send.length} file(s) to send, ${plan.skipped.length} unchanged file(s) skipped`);
  throwIfAborted(signal);
  // Engines may hand back copies of the items: look records up by (local, server), not identity.
  const idOf = (i: TransferItem) => `${i.local}\0${i.server}`;
  const planned = new Map<string, PlannedItem>(plan.send.map((p) => [idOf(p), p]));
  const items = plan.send.map((p): TransferItem => ({ local: p.local, server: p.server, size: p.size }));
  const writes: Promise<void>[] = [];
  const recordFailures: string[] = [];
  let result;
  try {
    result = await input.engine.transfer({
      direction: 'upload',
      storage: 'input',
      storageId: input.storageId,
      userId: input.userId,
      items,
      ...(input.maxSpeedKBps ? { maxSpeedKBps: input.maxSpeedKBps } : {}),
      ...(signal ? { signal } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      onItemDone: (item) => {
        const p = planned.get(idOf(item));
        if (!store || !p) return;
        writes.push(store.put(p.recordKey, p.recordValue).catch((e: Error) => void recordFailures.push(e.message)));
      },
    });
  } finally {
    await Promise.all(writes);
    if (recordFailures.length) input.log?.(`could not record ${recordFailures.length} finished file(s): ${recordFailures[0]}`);
  }
  if (signal?.aborted) throw new AbortedError('The upload was cancelled.');
  if (result.failed.length) {
    throw new UploadFailedError(result.failed.map((f) => ({ local: f.item.local, server: f.item.server, reason: f.error.message })));
  }
  return { sent: result.done.length, skipped: plan.skipped.length, bytes: result.bytes };
}
