/**
 * Engine `raysyncproxy`: drives the local Raysync client over its HTTP control API
 * (spec/transfer.md §2.7). Differences from the old SDK, on purpose: the client is never killed
 * (other programs may use it), start-up and transfers have bounded timeouts, a failed transfer is
 * restarted a bounded number of times, and downloads land in a staging folder renamed into place.
 */
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../../../protocol/src/progress';
import { FarmError } from '../../errors';
import { sleep } from '../download/backoff';
import { makeStaging } from '../download/staging';
import type { TransferEngine, TransferItem, TransferRequest, TransferResult } from './engine';
import { RaysyncControl } from './raysync-control';
import { createTaskBody, raysyncPath, uploadListLine, type RaysyncTaskType } from './raysync-task-body';

export interface RaysyncEngineOptions {
  /** `http://127.0.0.1:<port>` of the client's control API (see controlPortFromClusterXml). */
  controlUrl: string;
  serverIp: string;
  /** The engine line's port (→ `proxy-port`). */
  serverPort: number | string;
  userName: string;
  /** getRaySyncUserKey's `raySyncUserKey`; kept out of enumerable fields. */
  userKey: string;
  platform: string | number;
  /** Input bid: the server port for config uploads (§2.7). */
  inputBid?: string;
  networkMode?: number;
  proxyIp?: string;
  proxyPort?: number | string;
  enableHash?: boolean;
  uploadNum?: number;
  downloadNum?: number;
  /** Download tasks kept created at once (default 16; the client itself runs `downloadNum` of them). */
  tasksAhead?: number;
  /** Pause between status polls (default 5000 ms, as the old SDK). */
  pollMs?: number;
  /** Give up on one transfer after this long (default 18000 s, as the old SDK's max_timeout). */
  maxTimeoutMs?: number;
  /** How long to wait for the client to answer /check-raysync-http (default 30 s; the old SDK waited forever). */
  startupTimeoutMs?: number;
  /** Restarts (`/start-task`) of a failed transfer before giving up (default 2). */
  maxRestarts?: number;
}

/** The client's task states that mean "still going". */
const GOING = new Set(['start', 'idle', 'ready']);

/** The `raysyncproxy` TransferEngine. */
export class RaysyncProxyEngine implements TransferEngine {
  readonly name = 'raysyncproxy' as const;
  private readonly control: RaysyncControl;
  private started = false;

  constructor(private readonly options: RaysyncEngineOptions) {
    this.control = new RaysyncControl(options.controlUrl);
    Object.defineProperty(this, 'options', { enumerable: false });
  }

  /** Waits until the client answers its health check; bounded, unlike the old SDK. */
  async ensureStarted(signal?: AbortSignal): Promise<void> {
    if (this.started) return;
    const deadline = Date.now() + (this.options.startupTimeoutMs ?? 30_000);
    for (;;) {
      try {
        await this.control.post('/check-raysync-http', { sign: 'render-bus' }, signal);
        this.started = true;
        return;
      } catch (error) {
        if (signal?.aborted) throw error;
        if (Date.now() >= deadline) {
          throw new FarmError('ERR_RAYSYNC_LAUNCH', `The Raysync client at ${this.options.controlUrl} does not answer; start it (or check its control port), then retry (old LaunchRaysyncfailed).`, { cause: error });
        }
        await sleep(200, signal);
      }
    }
  }

  private async configure(request: TransferRequest): Promise<void> {
    const o = this.options;
    const speed = Math.round(request.maxSpeedKBps ?? 1048576);
    await this.control.post('/set-transmission-parameters', { 'max-upload-speed': speed, 'max-download-speed': speed, ...(o.networkMode === 1 ? {} : { mss: 1200 }) }, request.signal);
    const proxyOn = Boolean(o.proxyIp && o.proxyPort);
    await this.control.post('/set-proxy-manager', { 'enable-proxy-manager': proxyOn, 'proxy-manager-ip': o.proxyIp ?? '', 'proxy-manager-port': Number(o.proxyPort ?? 0) || 0 }, request.signal);
    const up = o.uploadNum ?? 2;
    const down = o.downloadNum ?? 2;
    if (![up, down].every((n) => Number.isInteger(n) && n >= 1 && n <= 10)) {
      throw new FarmError('ERR_RAYSYNC_ARGUMENT', `uploadNum and downloadNum must be 1–10 (got ${up}, ${down}).`);
    }
    await this.control.post('/set-task-limit', { upload: up, download: down }, request.signal);
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    const totalBytes = request.items.reduce((s, i) => s + (i.size ?? 0), 0);
    const result: TransferResult = { done: [], failed: [], bytes: 0 };
    const emit = (kind: Progress['kind'], file?: string) =>
      request.onProgress?.({
        kind,
        ...(kind === 'begin' ? { title: request.direction === 'download' ? 'Downloading' : 'Uploading', cancellable: true } : {}),
        bytes: { transferred: result.bytes, total: Math.max(totalBytes, result.bytes) },
        files: { transferred: result.done.length, total: request.items.length },
        ...(file ? { currentFile: file } : {}),
      });
    emit('begin');
    try {
      await this.ensureStarted(request.signal);
      await this.configure(request);
      const done = (item: TransferItem, size: number) => {
        result.done.push(item);
        result.bytes += size;
        request.onItemDone?.(item);
        emit('report', item.local);
      };
      if (request.direction === 'download') await this.download(request, result, done);
      else await this.upload(request, result, done);
      return result;
    } finally {
      emit('end');
    }
  }

  private password(): string {
    return `${this.options.userKey}&1&${this.options.platform}&12345678`;
  }

  /** Creates a task and polls it to the end, restarting a failed one a bounded number of times. */
  private async runTask(taskType: RaysyncTaskType, request: TransferRequest, paths: { sourcePath?: string; targetPath?: string; fileList?: string }): Promise<void> {
    const o = this.options;
    const portBid = Number(request.storage === 'config' && o.inputBid ? o.inputBid : request.storageId);
    const body = createTaskBody({ taskType, serverIp: o.serverIp, linePort: Number(o.serverPort), portBid, userName: o.userName, password: this.password(), networkMode: o.networkMode, enableHash: o.enableHash, ...paths });
    const created = await this.control.post<{ 'task-id'?: number | string }>('/create-task', body, request.signal);
    const taskId = created['task-id'];
    const deadline = Date.now() + (o.maxTimeoutMs ?? 18_000_000);
    let restarts = 0;
    for (;;) {
      await sleep(o.pollMs ?? 5000, request.signal);
      const status = await this.control.post<{ 'task-list'?: { 'task-state'?: string }[] }>('/get-task-status', { 'task-id': taskId }, request.signal);
      const state = status['task-list']?.[0]?.['task-state'] ?? 'unknown';
      if (state === 'successful') return;
      if (state === 'failed') {
        const errors = await this.control.post<{ 'file-list'?: { 'local-path'?: string; 'error-code'?: number }[] }>('/get-file-list', { 'task-id': taskId, 'list-type': 'error', 'page-size': 10, 'page-number': 1 }, request.signal).catch(() => ({} as { 'file-list'?: { 'local-path'?: string; 'error-code'?: number }[] }));
        if (restarts >= (o.maxRestarts ?? 2)) {
          const first = (errors['file-list'] ?? []).slice(0, 3).map((e) => `${e['local-path']} (error ${e['error-code']})`).join('; ');
          throw new FarmError('ERR_RAYSYNC_TRANSFER', `The Raysync ${taskType} task failed after ${restarts + 1} attempts${first ? `: ${first}` : ''}.`, { farmCode: 500 });
        }
        restarts += 1;
        await this.control.post('/start-task', { 'task-id': taskId }, request.signal);
        continue;
      }
      if (!GOING.has(state)) throw new FarmError('ERR_RAYSYNC_TASK', `The Raysync task entered state "${state}" (old CreatTaskFailed).`);
      if (Date.now() >= deadline) throw new FarmError('ERR_RAYSYNC_TIMEOUT', `The Raysync ${taskType} task did not finish within ${Math.round((o.maxTimeoutMs ?? 18_000_000) / 1000)} s (old TransferTimeout).`);
    }
  }

  private async download(request: TransferRequest, result: TransferResult, done: (item: TransferItem, size: number) => void): Promise<void> {
    const storage = request.storage === 'input' ? 'input' : 'output';
    const queue = [...request.items];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const dir = path.dirname(item.local);
        const staging = await makeStaging(dir);
        try {
          await this.runTask('download', request, { sourcePath: raysyncPath(storage, request.storageId, request.userId, item.server), targetPath: staging });
          const staged = path.join(staging, path.basename(item.local));
          const size = await stat(staged).then((s) => s.size, () => -1);
          if (size < 0 || (item.size !== undefined && size !== item.size)) {
            throw new FarmError('ERR_RAYSYNC_TRANSFER', `The Raysync client reported success but ${path.basename(item.local)} did not arrive complete.`);
          }
          await rename(staged, item.local);
          done(item, size);
        } catch (error) {
          if (request.signal?.aborted) throw error;
          result.failed.push({ item, error: error as Error });
        } finally {
          await rm(staging, { recursive: true, force: true });
        }
      }
    };
    // The client runs `downloadNum` tasks at once and queues the rest ("ready"); keeping more tasks
    // created ahead means each file does not wait a whole poll interval for its turn.
    await Promise.all(Array.from({ length: Math.max(1, Math.min(64, this.options.tasksAhead ?? 16)) }, worker));
  }

  private async upload(request: TransferRequest, result: TransferResult, done: (item: TransferItem, size: number) => void): Promise<void> {
    const sizes = await Promise.all(request.items.map((i) => (i.size !== undefined ? i.size : stat(i.local).then((s) => s.size, () => 0))));
    try {
      if (request.storage === 'config') {
        for (const item of request.items) {
          const target = raysyncPath('input', request.storageId, request.userId, path.posix.dirname(item.server.replace(/\\/g, '/')));
          await this.runTask('upload', request, { sourcePath: item.local, targetPath: target });
        }
      } else {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'rvrs-'));
        try {
          const list = path.join(dir, 'upload_list.json');
          await writeFile(list, request.items.map((i) => uploadListLine(i.local, request.storageId, request.userId, i.server)).join('\n') + '\n', 'utf8');
          await this.runTask('upload-list', request, { fileList: list });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      request.items.forEach((item, i) => done(item, sizes[i] ?? 0));
    } catch (error) {
      if (request.signal?.aborted) throw error;
      for (const item of request.items) result.failed.push({ item, error: error as Error });
    }
  }
}
