/**
 * The core download routine (the old `_run_download`), made incremental: list each output folder,
 * plan what is missing, hand it to the engine, and journal and announce every file as it lands.
 */
import { throwIfAborted } from '../../errors';
import type { TransferEngine } from '../engines/engine';
import { HttpEngine } from '../engines/http';
import { DownloadArgumentError } from './errors';
import { listStorageFolder } from './list-storage';
import type { DownloadApi } from './api-shape';
import type { DownloadEvents } from './events';
import { frameFromFileName } from './frame-number';
import type { DownloadJournal } from './journal';
import { listOutputFiles } from './list-output';
import { planFolder, type PlannedFile, type RefusedFile } from './plan';
import type { ProgressTally } from './progress-tally';

/** One folder to download: its task, path in the storage, and the storage's owner. */
export interface FolderJob {
  taskId: string;
  folder: string;
  storageId: string;
  userId: string;
  /** Output storage (default) or the input (asset) storage. */
  storage?: 'output' | 'input';
}

export interface FetchContext {
  api: DownloadApi;
  /** The engine, built on first use (a failing getConfig then counts as a failed round, not a crash). */
  engine: () => Promise<TransferEngine>;
  journal: DownloadJournal;
  localRoot: string;
  keepFolder: boolean;
  maxSpeedKBps?: number;
  signal?: AbortSignal;
  tally: ProgressTally;
  /** Where file/refused events go (the call's listeners and the RayvisionDownload instance). */
  events: Pick<DownloadEvents, 'emit'>;
}

export interface FetchOutcome {
  landed: PlannedFile[];
  failed: { file: PlannedFile; error: Error }[];
  refused: RefusedFile[];
  /** Local paths found already downloaded and unchanged (a set: auto rounds see the same file again). */
  skipped: Set<string>;
  bytes: number;
}

/** An outcome with nothing in it yet. */
export const emptyOutcome = (): FetchOutcome => ({ landed: [], failed: [], refused: [], skipped: new Set(), bytes: 0 });

/** Downloads what is new in each folder; per-file failures are collected, cancel throws. */
export async function fetchFolders(ctx: FetchContext, jobs: FolderJob[]): Promise<FetchOutcome> {
  const outcome = emptyOutcome();
  // List and plan every folder first, so the call's totals are known before any byte moves.
  const plans: { job: FolderJob; fetch: PlannedFile[] }[] = [];
  for (const job of jobs) {
    throwIfAborted(ctx.signal);
    const refuse = (r: RefusedFile) => {
      outcome.refused.push(r);
      ctx.events.emit('refused', r);
    };
    const files = job.storage === 'input'
      ? await listAssets(ctx, job)
      : await listOutputFiles(ctx.api, job.folder, ctx.signal, (serverPath, reason) => refuse({ taskId: job.taskId, serverPath, reason }));
    const plan = planFolder({ taskId: job.taskId, folder: job.folder, files, localRoot: ctx.localRoot, keepFolder: ctx.keepFolder, storageId: job.storageId, journal: ctx.journal });
    plan.refused.forEach(refuse);
    for (const f of plan.skipped) outcome.skipped.add(f.local);
    if (plan.fetch.length > 0) plans.push({ job, fetch: plan.fetch });
  }
  const all = plans.flatMap((p) => p.fetch);
  ctx.tally.plan(all.length, all.reduce((s, f) => s + (f.size ?? 0), 0));
  for (const { job, fetch } of plans) await fetchPlanned(ctx, job, fetch, outcome);
  return outcome;
}

/** Hands one folder's planned files to the engine; journals and announces each as it lands. */
async function fetchPlanned(ctx: FetchContext, job: FolderJob, fetch: PlannedFile[], outcome: FetchOutcome): Promise<void> {
  throwIfAborted(ctx.signal);
  const byLocal = new Map(fetch.map((f) => [f.local, f]));
  const engine = await ctx.engine();
  const result = await engine.transfer({
    direction: 'download',
    storage: job.storage ?? 'output',
    storageId: job.storageId,
    userId: job.userId,
    items: fetch,
    maxSpeedKBps: ctx.maxSpeedKBps,
    signal: ctx.signal,
    onProgress: ctx.tally.engineListener(),
    onItemDone: (item) => {
      const file = byLocal.get(item.local);
      if (!file) return;
      if (item.size !== undefined) file.remote.size = item.size;
      ctx.journal.record(file.remote, file.local);
      outcome.landed.push(file);
      const frame = frameFromFileName(file.server);
      ctx.tally.fileDone(file.local, frame);
      ctx.events.emit('file', { taskId: file.taskId, frame, localPath: file.local, serverPath: file.server, size: file.size ?? 0 });
    },
  });
  outcome.bytes += result.bytes;
  for (const f of result.failed) {
    const file = byLocal.get(f.item.local);
    if (!file) continue;
    outcome.failed.push({ file, error: f.error });
    ctx.events.emit('file-failed', { taskId: file.taskId, serverPath: file.server, localPath: file.local, error: f.error });
  }
}

/** The input storage has no REST listing: only the http engine can list it. */
async function listAssets(ctx: FetchContext, job: FolderJob) {
  const engine = await ctx.engine();
  if (!(engine instanceof HttpEngine)) {
    throw new DownloadArgumentError(`asset downloads need a storage listing, which only the http engine has (engine ${engine.name}).`);
  }
  return listStorageFolder(engine.client, job.storageId, job.folder, ctx.signal);
}

/** Adds `b` into `a` (rounds of auto-download accumulate). */
export function mergeOutcome(a: FetchOutcome, b: FetchOutcome): void {
  a.landed.push(...b.landed);
  a.failed.push(...b.failed);
  a.refused.push(...b.refused);
  for (const local of b.skipped) a.skipped.add(local);
  a.bytes += b.bytes;
}
