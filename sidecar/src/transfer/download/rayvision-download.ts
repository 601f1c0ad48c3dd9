/**
 * `RayvisionDownload(api, options)`: the old SDK's three download modes (spec/transfer.md §4) —
 * `download`, `autoDownload`, `autoDownloadAfterTaskCompleted` — over any engine, downloading
 * each finished file exactly once, refusing unsafe names, with events, progress, timeout and cancel.
 */
import { ensureWritableFolder } from '../../preflight/index';
import { AbortedError } from '../../errors';
import type { TransferEngine } from '../engines/engine';
import type { UploadApi } from '../api-shape';
import { getShareInfo } from '../share-info';
import { fetchTaskInfo, type DownloadApi } from './api-shape';
import { pollTasks, type PollHost } from './auto-poll';
import { fromAutoArgs, fromDownloadArgs, normalise, type DownloadCallOptions, type EngineType, type NormalisedCall } from './call-options';
import { createEngine, type EngineFactoryOptions } from './engine-factory';
import { DownloadArgumentError, DownloadFailed, DownloadTimeoutError, TaskNotFoundError } from './errors';
import { DownloadEvents, type FileLanded } from './events';
import { emptyOutcome, fetchFolders, mergeOutcome, type FetchContext, type FolderJob } from './fetch-folders';
import { DownloadJournal } from './journal';
import { resolveLocalRoot } from './local-root';
import { ProgressTally } from './progress-tally';
import { emptyReport, toReport, type DownloadReport } from './report';
import { normaliseTask, outputEntries, type TaskNode } from './task-status';

export type { DownloadReport } from './report';
type Mode = 'once' | 'auto' | 'after-completed';

export interface Logger {
  info(message: string): void;
  debug?(message: string): void;
  warn?(message: string): void;
}

export interface RayvisionDownloadOptions extends EngineFactoryOptions {
  /** Engine when a call names none; default: "http" if the farm offers it, else "aspera" (transmitter). */
  engineType?: EngineType;
  /** A ready engine (tests, custom transports); overrides engineType. */
  engine?: TransferEngine;
  logger?: Logger;
}



/** The download client of the old SDK, with events (`file`, `refused`, `status`, …). */
export class RayvisionDownload extends DownloadEvents {
  private readonly engines = new Map<string, Promise<TransferEngine>>();

  constructor(readonly api: DownloadApi, readonly options: RayvisionDownloadOptions = {}) {
    super();
  }

  /** Downloads the tasks' (or server paths') output once. Positional form resolves `true`, options form a report. */
  download(options: DownloadCallOptions): Promise<DownloadReport>;
  download(taskIdList?: (number | string)[] | null, maxSpeed?: string | number | null, printLog?: boolean, downloadFilenameFormat?: string, localPath?: string | null, serverPath?: string | string[] | null, ...rest: unknown[]): Promise<true>;
  async download(...args: unknown[]): Promise<DownloadReport | true> {
    const report = await this.run('once', fromDownloadArgs(args));
    return isOptions(args) ? report : true;
  }

  /** Polls the tasks and downloads new files every round until every task has ended. */
  autoDownload(options: DownloadCallOptions): Promise<DownloadReport>;
  autoDownload(taskIdList?: (number | string)[] | null, maxSpeed?: string | number | null, printLog?: boolean, sleepTime?: number, downloadFilenameFormat?: string, localPath?: string | null, ...rest: unknown[]): Promise<true>;
  async autoDownload(...args: unknown[]): Promise<DownloadReport | true> {
    const report = await this.run('auto', fromAutoArgs(args, false));
    return isOptions(args) ? report : true;
  }

  /** Polls the tasks and downloads each one once, when it has ended. */
  autoDownloadAfterTaskCompleted(options: DownloadCallOptions): Promise<DownloadReport>;
  autoDownloadAfterTaskCompleted(taskIdList?: (number | string)[] | null, maxSpeed?: string | number | null, printLog?: boolean, sleepTime?: number, downloadFilenameFormat?: string, localPath?: string | null, ...rest: unknown[]): Promise<true>;
  async autoDownloadAfterTaskCompleted(...args: unknown[]): Promise<DownloadReport | true> {
    const report = await this.run('after-completed', fromAutoArgs(args, true));
    return isOptions(args) ? report : true;
  }

  private pollHost(): PollHost {
    return { api: this.api, emit: this.emit.bind(this) as DownloadEvents['emit'], log: (c, m) => this.log(c, m), jobsFor: (c, sig, n) => this.jobsFor(c, sig, n) };
  }

  private log(call: NormalisedCall, message: string): void {
    const logger = this.options.logger;
    if (!logger) return;
    if (call.printLog) logger.info(message);
    else (logger.debug ?? logger.info).call(logger, message);
  }

  private engineFor(call: NormalisedCall): Promise<TransferEngine> {
    if (this.options.engine) return Promise.resolve(this.options.engine);
    const type = call.engineType ?? this.options.engineType;
    const key = JSON.stringify([type, call.serverIp, call.serverPort, call.networkMode, call.proxyIp, call.proxyPort, call.enableHash, call.downloadNum]);
    let engine = this.engines.get(key);
    if (!engine) {
      engine = createEngine(this.api, type, this.options, call);
      engine.catch(() => this.engines.delete(key));
      this.engines.set(key, engine);
    }
    return engine;
  }

  private async run(mode: Mode, raw: DownloadCallOptions): Promise<DownloadReport> {
    const call = normalise(raw);
    if (mode !== 'once' && call.serverPaths.length > 0 && call.taskIds.length === 0) {
      throw new DownloadArgumentError('The auto modes follow tasks: pass taskIds (serverPath is for download()).');
    }
    if (call.taskIds.length === 0 && call.serverPaths.length === 0) {
      if (mode !== 'once') return emptyReport();
      throw new DownloadArgumentError('One of taskIds (taskIdList) and serverPath must be given.');
    }
    if (call.asset && mode !== 'once') throw new DownloadArgumentError('asset downloads are for download() only.');
    const localRoot = resolveLocalRoot(call.localPath);
    // Bounded and cancellable: Node's recursive mkdir never returns on some paths (/proc/…).
    await ensureWritableFolder(localRoot, { signal: call.signal, field: 'localPath' });
    const timeout = call.timeoutMs !== undefined && mode !== 'once' ? AbortSignal.timeout(call.timeoutMs) : undefined;
    const signal = [call.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
    const combined = signal.length > 1 ? AbortSignal.any(signal) : signal[0];
    const tally = new ProgressTally(call.onProgress, mode === 'once');
    const journal = new DownloadJournal(localRoot);
    const onFile = (f: FileLanded) => {
      this.log(call, `downloaded ${f.serverPath} -> ${f.localPath}`);
      call.onFile?.(f);
    };
    // Per-call routing: onFile sees only this call's files even when calls run side by side.
    const emit = this.emit.bind(this) as (name: string, ...args: unknown[]) => boolean;
    const events = {
      emit: ((name: string, ...args: unknown[]) => {
        if (name === 'file') onFile(args[0] as FileLanded);
        return emit(name, ...args);
      }) as DownloadEvents['emit'],
    };
    const total = emptyOutcome();
    const tasks: DownloadReport['tasks'] = {};
    tally.begin(mode === 'once' ? 'Downloading' : 'Downloading as tasks render');
    try {
      const ctx: FetchContext = { api: this.api, engine: () => this.engineFor(call), journal, localRoot, keepFolder: call.keepFolder, maxSpeedKBps: call.maxSpeedKBps, signal: combined, tally, events };
      if (mode === 'once') mergeOutcome(total, await fetchFolders(ctx, await this.jobsFor(call, combined)));
      else await pollTasks(this.pollHost(), mode, call, ctx, total, tasks);
      const report = toReport(total, tasks);
      tally.end(`${report.files.length} files downloaded, ${report.skipped} already here`);
      if (mode === 'once' && total.failed.length > 0) {
        throw new DownloadFailed(`${total.failed.length} file(s) failed to download; run again to resume them.`, { details: { report } });
      }
      return report;
    } catch (error) {
      tally.end('stopped');
      if (timeout?.aborted && !call.signal?.aborted) {
        const pending = Object.entries(tasks).filter(([, t]) => t.state !== 'ended').map(([id]) => id);
        throw new DownloadTimeoutError(
          `Gave up after ${call.timeoutMs} ms: task(s) ${pending.join(', ') || call.taskIds.join(', ')} had not ended. ${total.landed.length} file(s) downloaded so far stay on disk; run again to continue.`,
          { details: { report: toReport(total, tasks), pendingTaskIds: pending } },
        );
      }
      if (call.signal?.aborted && !(error instanceof AbortedError)) throw new AbortedError('The download was cancelled.', { cause: error });
      throw error;
    } finally {
      journal.close();
    }
  }

  /** Folder jobs: from server paths (download only), or from each task's leaves (bid and owner per leaf). */
  private async jobsFor(call: NormalisedCall, signal?: AbortSignal, nodes?: TaskNode[]): Promise<FolderJob[]> {
    const info = this.api.userInfo;
    const ownBid = String(info.output_bid ?? '');
    const ownUser = String(info.user_id ?? '');
    if (call.asset) {
      if (call.serverPaths.length === 0) throw new DownloadArgumentError('asset downloads need serverPath (a folder or file of the input storage).');
      const owner = await getShareInfo(this.api as unknown as UploadApi, signal);
      return call.serverPaths.map((p) => ({ taskId: '', folder: p, storageId: owner.storageId, userId: owner.userId, storage: 'input' as const }));
    }
    if (call.serverPaths.length > 0 && !nodes) {
      return call.serverPaths.map((p) => ({ taskId: /^\/?(\d+)_/.exec(p)?.[1] ?? '', folder: p, storageId: ownBid, userId: ownUser }));
    }
    const tree = nodes ?? (await fetchTaskInfo(this.api, call.taskIds, signal)).map(normaliseTask);
    if (!nodes) refuseUnknown(call.taskIds, tree);
    return tree.flatMap(outputEntries).map((e) => ({ taskId: e.taskId, folder: e.outputName, storageId: e.bid ?? ownBid, userId: e.userId ?? ownUser }));
  }
}

/** Task ids the farm answered nothing for are an error, not "0 files downloaded". */
export function refuseUnknown(taskIds: (string | number)[], nodes: TaskNode[]): void {
  const missing = taskIds.map(String).filter((id) => !nodes.some((n) => n.taskId === id));
  if (missing.length) throw new TaskNotFoundError(missing);
}

function isOptions(args: unknown[]): boolean {
  return typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]);
}
