/**
 * The asset half of an upload: plan against the record store, send what changed through the engine,
 * record each file the moment the farm verified it. Only verified files are recorded, so a cancel or a
 * crash leaves the record DB true and the next run sends exactly what is missing.
 *
 * Cost stays flat as the list grows: the list streams in (batches from upload.json), the plan pass
 * keeps counters and the files to send (spilled to a private temporary file past a few thousand),
 * the send pass hands the engine one chunk at a time, and records are written in batches. Nothing
 * is held per file for the whole upload but the failed ones.
 */
import type { Progress, ProgressListener } from '../../../protocol/src/progress';
import { AbortedError, throwIfAborted } from '../errors';
import type { TransferEngine, TransferItem } from './engines/engine';
import { UploadFailedError } from './errors';
import { ProgressTracker } from './progress-tracker';
import { planBatches, type PlannedItem, type PlanSource } from './record/plan-upload';
import { recordKeyPrefix } from './record/record-key';
import type { RecordStore } from './record/record-store';
import { RecordWriter } from './record/record-writer';
import { SendList } from './record/send-list';
import { backoff, DEFAULT_RETRY, type RetryPolicy } from './retry';

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
  /** The files: a list, or batches streamed from upload.json. */
  items: PlanSource;
  storageId: string;
  userId: string;
  platformId: string;
  store: RecordStore | null;
  maxSpeedKBps?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  log?: (message: string) => void;
  /**
   * Whole-upload rounds (the old `upload_retry`, bounded): files that still failed after the engine's
   * own retries are offered again after a backoff, unless their error says retrying cannot help.
   * Default 3 rounds, 2 s then 4 s apart.
   */
  rounds?: Partial<RetryPolicy>;
  /** Files handed to the engine per call (default 4096): what the send pass holds at once. */
  chunkSize?: number;
  /** Files planned per batch (default 1000): one record-store lookup each. */
  planBatchSize?: number;
}

/** Missing files named in the error, at most (the count is always exact). */
const MISSING_LISTED = 1000;

/** Upload `items` to input storage, skipping unchanged files; throws UploadFailedError listing every bad file. */
export async function uploadAssets(input: UploadAssetsInput): Promise<UploadSummary> {
  const { store, signal } = input;
  const ids = { platformId: input.platformId, storageId: input.storageId, userId: input.userId };
  const toSend = new SendList(recordKeyPrefix(ids));
  try {
    // Pass 1: plan everything before sending anything (a missing file must fail the upload up front).
    const missing: TransferItem[] = [];
    let missingCount = 0;
    let skipped = 0;
    const plan = planBatches(input.items, { ...ids, store, ...(signal ? { signal } : {}), ...(input.planBatchSize ? { batchSize: input.planBatchSize } : {}) });
    for await (const batch of plan) {
      missingCount += batch.missing.length;
      for (const m of batch.missing) if (missing.length < MISSING_LISTED) missing.push(m);
      skipped += batch.skipped.length;
      await toSend.add(batch.send);
    }
    if (missingCount) {
      // Fail before sending anything: the old SDK re-spawned the transmitter forever on a missing file.
      throw new UploadFailedError(missing.map((m) => ({ local: m.local, server: m.server, reason: 'file not found' })), { total: missingCount });
    }
    input.log?.(`${toSend.files} file(s) to send, ${skipped} unchanged file(s) skipped`);
    throwIfAborted(signal);
    return { ...(await sendAll(input, toSend)), skipped };
  } finally {
    toSend.close();
  }
}

/** Pass 2: the planned files, chunk by chunk through the engine, then bounded rounds for the failures. */
async function sendAll(input: UploadAssetsInput, toSend: SendList): Promise<{ sent: number; bytes: number }> {
  const { store, signal } = input;
  const writer = store ? new RecordWriter(store, { onError: (e, n) => input.log?.(`could not record ${n} finished file(s): ${e.message}`) }) : undefined;
  const rounds: RetryPolicy = { ...DEFAULT_RETRY, attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000, ...input.rounds };
  const tracker = new ProgressTracker(input.onProgress, { bytes: toSend.bytes, files: toSend.files, title: `Uploading ${toSend.files} file(s)` });
  let sent = 0;
  let bytes = 0;
  let again: { item: PlannedItem; error: Error }[] = [];
  const failed: { item: TransferItem; error: Error }[] = [];
  const send = async (chunk: PlannedItem[], round: number): Promise<void> => {
    // Engines may hand back copies of the items: look records up by (local, server), not identity.
    const idOf = (i: TransferItem) => `${i.local}\0${i.server}`;
    const planned = new Map<string, PlannedItem>();
    for (const p of chunk) planned.set(idOf(p), p);
    const result = await input.engine.transfer({
      direction: 'upload',
      storage: 'input',
      storageId: input.storageId,
      userId: input.userId,
      items: chunk.map((p): TransferItem => ({ local: p.local, server: p.server, size: p.size })),
      ...(input.maxSpeedKBps ? { maxSpeedKBps: input.maxSpeedKBps } : {}),
      ...(signal ? { signal } : {}),
      ...(input.onProgress ? { onProgress: relayInto(tracker, round) } : {}),
      ...(store?.claim ? { claim: (item: TransferItem, sig?: AbortSignal) => claimFile(store, input, item, sig, input.log) } : {}),
      onItemDone: (item) => {
        const p = planned.get(idOf(item));
        if (writer && p) writer.add(p.recordKey, p.recordValue);
      },
    });
    sent += result.done.length;
    bytes += result.bytes;
    for (const f of result.failed) {
      const p = planned.get(idOf(f.item));
      if (p && (f.error as { retryable?: boolean }).retryable !== false) again.push({ item: p, error: f.error });
      else failed.push(f);
    }
  };
  tracker.begin();
  try {
    for await (const chunk of toSend.chunks(input.chunkSize ?? 4096)) {
      throwIfAborted(signal);
      await send(chunk, 1);
    }
    for (let round = 2; again.length > 0 && round <= rounds.attempts && !signal?.aborted; round++) {
      input.log?.(`${again.length} file(s) failed; round ${round} of ${rounds.attempts} in a moment`);
      await backoff(round - 1, rounds, signal);
      const todo = again;
      again = [];
      await send(todo.map((a) => a.item), round);
    }
  } finally {
    tracker.end(signal?.aborted ? 'cancelled' : failed.length + again.length ? `${failed.length + again.length} file(s) failed` : 'done');
    await writer?.flush();
  }
  if (signal?.aborted) throw new AbortedError('The upload was cancelled.');
  // What still failed after the last round, with the error of its last attempt.
  for (const a of again) failed.push(a);
  if (failed.length) {
    throw new UploadFailedError(failed.map((f) => ({ local: f.item.local, server: f.item.server, reason: f.error.message })));
  }
  return { sent, bytes };
}

/**
 * The shared store's in-flight claim on one server file (platform, storage, server path). A store that
 * cannot answer is no reason to stop: the farm still refuses a racing write, so the upload goes on.
 */
async function claimFile(store: RecordStore, input: UploadAssetsInput, item: TransferItem, signal: AbortSignal | undefined, log?: (m: string) => void) {
  const id = JSON.stringify({ platform_id: input.platformId, storage_id: input.storageId, remote_filename: item.server });
  try {
    return await store.claim!(id, signal ? { signal } : {});
  } catch (error) {
    throwIfAborted(signal);
    log?.(`could not claim ${item.server} in the record DB (${(error as Error).message}); sending it unclaimed`);
    return undefined;
  }
}

/**
 * One progress stream over every chunk and round: the engine's counters of each call are relayed as
 * increments into the upload's one tracker (one `begin`, one `end`, counters that never fall). Later
 * rounds relay files only (their bytes were partly counted in the round that failed).
 */
function relayInto(tracker: ProgressTracker, round: number): ProgressListener {
  let files = 0;
  let bytes = 0;
  return (p: Progress) => {
    const f = p.files?.transferred ?? files;
    const b = p.bytes?.transferred ?? bytes;
    if (round === 1 && b > bytes) tracker.addBytes(b - bytes, p.currentFile);
    if (f > files) tracker.filesDone(f - files, p.currentFile);
    files = Math.max(files, f);
    bytes = Math.max(bytes, b);
  };
}
