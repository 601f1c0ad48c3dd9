/**
 * `RayvisionUpload` (spec/transfer.md §1): config files to `/<task_id>/cfg/<name>` in config storage,
 * assets listed in upload.json to the (possibly shared) input storage, through one engine.
 * Differences from the old SDK: the engine defaults to `http` (the local farm); a missing config
 * file is an error; a missing asset fails at once instead of looping forever; retries are bounded with
 * backoff; the constructor makes no network call (getConfig is fetched on first use); nothing is
 * written to the machine's environment; results are summaries (truthy) instead of `True`.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProgressListener } from '../../../protocol/src/progress';
import { readUploadAssetBatches } from '../jobfiles';
import { infoString, type UploadApi } from './api-shape';
import { loadDbConfig, type TransferSettings } from './db-config';
import type { EngineName, TransferEngine, TransferItem } from './engines/engine';
import { createEngine, engineNameOf } from './engines/registry';
import { ConfigUploadError, LocalFileMissingError } from './errors';
import { kbpsToBytesPerSecond } from './rate-limit';
import type { RetryPolicy } from './retry';
import { openRecordStore } from './record/open-records';
import { getShareInfo } from './share-info';
import type { TransferConfig } from './transfer-line';
import { transferChildEnv } from './transfer-paths';
import { uploadAssets, type UploadSummary } from './upload-assets';

export interface UploadLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
}

export interface RayvisionUploadOptions {
  api: UploadApi;
  /** Custom db_config.ini; empty = the bundled defaults. A path that does not exist is an error. */
  dbConfigPath?: string;
  /** 'http' (default), 'transmitter' (alias 'aspera') or 'raysyncproxy', or a ready engine. */
  engine?: EngineName | 'aspera' | TransferEngine;
  transmitterExe?: string;
  /** Line name to use from getConfig (e.g. "移动"); empty = each engine's default line. */
  internetProvider?: string;
  logger?: UploadLogger;
  /** Environment to resolve paths from and to give child processes (default: a copy of process.env). */
  env?: NodeJS.ProcessEnv;
  /** Whole-upload rounds for files that still failed after the engine's retries (default 3, 2 s / 4 s apart). */
  rounds?: Partial<RetryPolicy>;
}

export interface UploadCallOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface UploadResult {
  configs: UploadSummary;
  assets: UploadSummary;
}

/** max_speed as the old SDK took it (KB/s, string or number) → KB/s number, undefined = unlimited. */
const kbps = (maxSpeed: string | number | undefined): number | undefined => {
  const bps = kbpsToBytesPerSecond(maxSpeed);
  return bps === undefined ? undefined : bps / 1024;
};

/** upload.json's assets as transfer items, streamed in batches (never the whole list at once). */
async function* uploadJsonItems(uploadJson: string): AsyncGenerator<TransferItem[]> {
  for await (const batch of readUploadAssetBatches(uploadJson)) {
    yield batch.map((a) => ({ local: a.local, server: a.server.startsWith('/') ? a.server : `/${a.server}` }));
  }
}

/**
 * Read the first batch now, so that a missing or broken upload.json fails before any network call;
 * `close` ends the read if the upload stops before it took every batch.
 */
async function primed<T>(batches: AsyncGenerator<T>): Promise<AsyncIterable<T> & { close(): Promise<unknown> }> {
  const first = await batches.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* batches;
    },
    close: () => batches.return(undefined),
  };
}

export class RayvisionUpload {
  readonly settings: TransferSettings;
  private readonly env: NodeJS.ProcessEnv;
  private enginePromise?: Promise<TransferEngine>;

  constructor(private readonly opts: RayvisionUploadOptions) {
    this.settings = loadDbConfig(opts.dbConfigPath);
    this.env = { ...(opts.env ?? process.env) };
    if (typeof opts.engine === 'string') engineNameOf(opts.engine); // fail fast on a bad name
  }

  /** The engine, built once (getConfig is fetched here, not in the constructor). */
  engine(signal?: AbortSignal): Promise<TransferEngine> {
    const chosen = this.opts.engine;
    if (chosen && typeof chosen !== 'string') return Promise.resolve(chosen);
    this.enginePromise ??= (async () => {
      const transferConfig = ((await this.opts.api.transmit.getTransferConfig(signal ? { signal } : {})) ?? {}) as TransferConfig;
      return createEngine(engineNameOf(chosen ?? 'http'), {
        api: this.opts.api,
        transferConfig,
        settings: this.settings,
        childEnv: transferChildEnv(this.settings, this.env),
        ...(this.opts.internetProvider ? { internetProvider: this.opts.internetProvider } : {}),
        ...(this.opts.transmitterExe ? { transmitterExe: this.opts.transmitterExe } : {}),
        ...(signal ? { signal } : {}),
      });
    })();
    this.enginePromise.catch(() => (this.enginePromise = undefined));
    return this.enginePromise;
  }

  /** Configs (task, tips, asset, upload.json) first, then the assets of upload.json (§1.2). */
  async upload(
    taskId: number | string,
    taskJson: string,
    tipsJson: string,
    assetJson: string,
    uploadJson: string,
    maxSpeed?: string | number,
    options: UploadCallOptions = {},
  ): Promise<UploadResult> {
    const configs = await this.uploadConfig(taskId, [taskJson, tipsJson, assetJson, uploadJson], maxSpeed, options);
    const assets = await this.uploadAsset(uploadJson, maxSpeed, true, options);
    return { configs, assets };
  }

  /** Upload JSON configs to `/<taskId>/cfg/<basename>` in config storage, as the logged-in user. */
  async uploadConfig(taskId: number | string, files: string[], maxSpeed?: string | number, options: UploadCallOptions = {}): Promise<UploadSummary> {
    const speed = kbps(maxSpeed);
    for (const f of files) if (!existsSync(f) || !statSync(f).isFile()) throw new LocalFileMissingError(f, 1000004);
    const engine = await this.engine(options.signal);
    const items = files.map((f) => ({ local: path.resolve(f), server: `/${taskId}/cfg/${path.basename(f)}` }));
    const result = await engine.transfer({
      direction: 'upload',
      storage: 'config',
      storageId: infoString(this.opts.api, 'config_bid'),
      userId: infoString(this.opts.api, 'user_id'),
      items,
      ...(speed ? { maxSpeedKBps: speed } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const first = result.failed[0];
    if (first) throw new ConfigUploadError(first.item.local, { cause: first.error, details: { taskId: String(taskId) } });
    this.opts.logger?.info?.(`uploaded ${items.length} config file(s) for task ${taskId}`);
    return { sent: result.done.length, skipped: 0, bytes: result.bytes };
  }

  /**
   * Upload the `asset` entries of upload.json to the input storage (the main account's when shared).
   * `isDb` false skips the record DB (every file is offered; the server still skips complete ones).
   */
  async uploadAsset(uploadJson: string, maxSpeed?: string | number, isDb = true, options: UploadCallOptions = {}): Promise<UploadSummary> {
    const speed = kbps(maxSpeed);
    const items = await primed(uploadJsonItems(uploadJson));
    try {
      const owner = await getShareInfo(this.opts.api, options.signal);
      const engine = await this.engine(options.signal);
      const store = isDb ? await openRecordStore(this.settings, uploadJson, this.env) : null;
      const log = (m: string) => this.opts.logger?.info?.(m);
      let ok = false;
      try {
        const summary = await uploadAssets({
          engine,
          items,
          storageId: owner.storageId,
          userId: owner.userId,
          platformId: infoString(this.opts.api, 'platform'),
          store,
          ...(speed ? { maxSpeedKBps: speed } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          log,
          ...(this.opts.rounds ? { rounds: this.opts.rounds } : {}),
        });
        ok = true;
        return summary;
      } finally {
        // `temporary`: drop the SQLite records once the whole upload succeeded.
        if (ok && store?.discard && this.settings.sqlite.temporary) await store.discard();
        else await store?.close();
      }
    } finally {
      await items.close();
    }
  }
}
