/**
 * The asset half of an upload: plan against the record store, send what changed through the engine,
 * record each file the moment the farm verified it. Only verified files are recorded, so a cancel or a
 * crash leaves the record DB true and the next run sends exactly what is missing.
 */
import type { Progress, ProgressListener } from '../../../protocol/src/progress';
import { AbortedError, throwIfAborted } from '../errors';
import type { TransferEngine, TransferItem, TransferResult } from './engines/engine';
import { UploadFailedError } from './errors';
import { planUpload, type PlannedItem } from './record/plan-upload';
import type { RecordStore } from './record/record-store';
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
  items: TransferItem[];
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
  const rounds: RetryPolicy = { ...DEFAULT_RETRY, attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000, ...input.rounds };
  const done: TransferItem[] = [];
  let bytes = 0;
  let todo = items;
  const failed: TransferResult['failed'] = [];
  const relay = roundRelay(input.onProgress);
  try {
    for (let round = 1; todo.length > 0; round++) {
      const result = await input.engine.transfer({
        direction: 'upload',
        storage: 'input',
        storageId: input.storageId,
        userId: input.userId,
        items: todo,
        ...(input.maxSpeedKBps ? { maxSpeedKBps: input.maxSpeedKBps } : {}),
        ...(signal ? { signal } : {}),
        ...(input.onProgress ? { onProgress: relay.forRound(round) } : {}),
        ...(store?.claim ? { claim: (item: TransferItem, sig?: AbortSignal) => claimFile(store, input, item, sig, input.log) } : {}),
        onItemDone: (item) => {
          const p = planned.get(idOf(item));
          if (!store || !p) return;
          writes.push(store.put(p.recordKey, p.recordValue).catch((e: Error) => void recordFailures.push(e.message)));
        },
      });
      done.push(...result.done);
      bytes += result.bytes;
      const again = result.failed.filter((f) => (f.error as { retryable?: boolean }).retryable !== false);
      failed.push(...result.failed.filter((f) => !again.includes(f)));
      if (again.length === 0 || round >= rounds.attempts || signal?.aborted) {
        failed.push(...again);
        break;
      }
      input.log?.(`${result.failed.length} file(s) failed; round ${round + 1} of ${rounds.attempts} in a moment`);
      await backoff(round, rounds, signal);
      todo = again.map((f) => f.item);
    }
  } finally {
    relay.finish();
    await Promise.all(writes);
    if (recordFailures.length) input.log?.(`could not record ${recordFailures.length} finished file(s): ${recordFailures[0]}`);
  }
  if (signal?.aborted) throw new AbortedError('The upload was cancelled.');
  if (failed.length) {
    throw new UploadFailedError(failed.map((f) => ({ local: f.item.local, server: f.item.server, reason: f.error.message })));
  }
  return { sent: done.length, skipped: plan.skipped.length, bytes };
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
 * One progress stream over several rounds: the first `begin` passes, each round's `end` is held back
 * and one `end` closes the whole upload; later rounds report without counters (their totals would
 * restart, and a derived percentage must never fall).
 */
function roundRelay(listener: ProgressListener | undefined): { forRound(round: number): ProgressListener; finish(): void } {
  let begun = false;
  let lastEnd: Progress | undefined;
  return {
    forRound: (round) => (p) => {
      if (!listener) return;
      if (p.kind === 'begin') {
        if (!begun) listener(p);
        begun = true;
      } else if (p.kind === 'end') {
        if (round === 1) lastEnd = p;
      } else if (round > 1) {
        const { bytes: _b, files: _f, ...rest } = p;
        listener({ ...rest, kind: 'report', message: `retry round ${round}` });
      } else listener(p);
    },
    finish: () => {
      if (listener && begun) listener({ ...(lastEnd ?? {}), kind: 'end' } as Progress);
    },
  };
}
