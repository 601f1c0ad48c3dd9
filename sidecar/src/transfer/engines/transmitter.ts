/**
 * Engine `transmitter` (the old SDK's "aspera"): drives the vendor's `rayvision_transmitter` binary
 * with the documented arguments (spec/transfer.md §2.2–2.3), parses its progress lines, and retries
 * recoverable exits (1, legacy 10) with capped backoff, a bounded number of times (§2.5, §6.2).
 *
 * Downloads land in a hidden staging folder next to their final place and are renamed into place
 * only after a successful run and a size check, so a killed or failing binary never leaves a partial
 * file under a final name. Uploads: config files one by one with `upload_path` (as upload_config),
 * assets with `upload_json` (as upload_asset).
 */
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../../../protocol/src/progress';
import { backoffDelay, sleep } from '../download/backoff';
import { makeStaging } from '../download/staging';
import type { TransferEngine, TransferItem, TransferRequest, TransferResult } from './engine';
import { buildTransmitterArgs, type TransmitType, type TransmitterCall } from './transmitter-args';
import { judgeExit, TransmitterError } from './transmitter-exit';
import type { TransmitterLine } from './transmitter-output';
import { runTransmitterOnce } from './transmitter-run';

export interface TransmitterEngineOptions {
  /** Path of the binary (the user's `transmitter_exe`). */
  exe: string;
  host: string;
  port: string | number;
  /** `-E`; default "aspera". */
  engine?: 'aspera' | 'raysync';
  /** `-p`; default 0. */
  networkMode?: number;
  /** Environment of the child only (e.g. RAYVISION_LOG); process.env is never changed. */
  env?: NodeJS.ProcessEnv;
  /** Runs per request, first included, when the binary exits "recoverable" (default 4). */
  maxAttempts?: number;
  /** Backoff base in ms between runs (default 1000, capped at 30 s). */
  backoffMs?: number;
  /** `-C` for multi-file uploads (the record DB ini); default "None". */
  dbIni?: string;
  /** A run that prints nothing for this long is stopped and retried (default 10 min; the old SDK waited forever). */
  idleTimeoutMs?: number;
}

interface Run {
  request: TransferRequest;
  result: TransferResult;
  emit: (kind: Progress['kind'], file?: string) => void;
  partial: Map<string, number>;
}

const sameFile = (a: string, b: string) => a.replace(/\\/g, '/') === b.replace(/\\/g, '/');
const baseOf = (p: string) => p.replace(/\\/g, '/').split('/').pop() ?? p;

/** The `transmitter` TransferEngine. */
export class TransmitterEngine implements TransferEngine {
  readonly name = 'transmitter' as const;
  constructor(readonly options: TransmitterEngineOptions) {}

  /** Runs the binary with raw arguments (e.g. `upload_list` of an existing list file), with retries. */
  async runRaw(call: Omit<TransmitterCall, 'engine' | 'host' | 'port' | 'networkMode'>, signal?: AbortSignal, onLine?: (l: TransmitterLine) => void): Promise<void> {
    const verdict = await this.runWithRetry(call, signal, onLine ?? (() => {}));
    if (verdict) throw verdict;
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    const totalBytes = request.items.reduce((s, i) => s + (i.size ?? 0), 0);
    const run: Run = { request, result: { done: [], failed: [], bytes: 0 }, partial: new Map(), emit: () => {} };
    run.emit = (kind, file) => {
      const partialBytes = [...run.partial.values()].reduce((s, n) => s + n, 0);
      request.onProgress?.({
        kind,
        ...(kind === 'begin' ? { title: request.direction === 'download' ? 'Downloading' : 'Uploading', cancellable: true } : {}),
        bytes: { transferred: run.result.bytes + partialBytes, total: Math.max(totalBytes, run.result.bytes + partialBytes) },
        files: { transferred: run.result.done.length, total: request.items.length },
        ...(file ? { currentFile: file } : {}),
      });
    };
    run.emit('begin');
    try {
      if (request.direction === 'download') await this.download(run);
      else await this.upload(run);
      return run.result;
    } finally {
      run.emit('end');
    }
  }

  private call(request: TransferRequest, type: TransmitType, local: string, remote: string, dbIni?: string): Omit<TransmitterCall, 'engine' | 'host' | 'port' | 'networkMode'> {
    return { storageId: request.storageId, userId: request.userId, type, local, remote, keep: false, speedKBps: request.maxSpeedKBps, dbIni };
  }

  /** Runs until success, a fatal exit, or the attempt cap; returns the error to report, or undefined. */
  private async runWithRetry(
    call: Omit<TransmitterCall, 'engine' | 'host' | 'port' | 'networkMode'>,
    signal: AbortSignal | undefined,
    onLine: (l: TransmitterLine) => void,
    beforeRetry?: () => Promise<Omit<TransmitterCall, 'engine' | 'host' | 'port' | 'networkMode'> | undefined>,
  ): Promise<TransmitterError | undefined> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 4);
    let current = call;
    for (let attempt = 1; ; attempt++) {
      const args = buildTransmitterArgs({ ...current, engine: this.options.engine ?? 'aspera', host: this.options.host, port: this.options.port, networkMode: this.options.networkMode ?? 0 });
      const { exitCode, lastLines } = await runTransmitterOnce({
        exe: this.options.exe, args, env: this.options.env, signal, onLine: (l) => onLine(l), idleTimeoutMs: this.options.idleTimeoutMs ?? 600_000,
      });
      const verdict = judgeExit(exitCode);
      if (verdict.kind === 'ok') return undefined;
      if (verdict.kind === 'fail') {
        return new TransmitterError(verdict.code, `The transmitter failed: ${verdict.reason}.`, { exitCode, farmCode: verdict.farmCode, lastLines });
      }
      if (attempt >= maxAttempts) {
        return new TransmitterError('ERR_TRANSMITTER_RETRIES', `The transmitter still reported a recoverable error after ${attempt} runs (${verdict.reason}); check the network and the transfer line, then run again.`, { exitCode, lastLines });
      }
      await sleep(backoffDelay(attempt, { baseMs: this.options.backoffMs ?? 1000, capMs: 30_000 }), signal);
      if (beforeRetry) {
        const next = await beforeRetry();
        if (!next) return undefined;
        current = next;
      }
    }
  }

  private async download(run: Run): Promise<void> {
    const groups = new Map<string, TransferItem[]>();
    for (const item of run.request.items) {
      const dir = path.dirname(item.local);
      groups.set(dir, [...(groups.get(dir) ?? []), item]);
    }
    for (const [dir, items] of groups) await this.downloadGroup(run, dir, items);
  }

  /** One transmitter run (plus retries) for the files of one local folder. */
  private async downloadGroup(run: Run, dir: string, items: TransferItem[]): Promise<void> {
    const { request } = run;
    const staging = await makeStaging(dir);
    const listDir = await mkdtemp(path.join(os.tmpdir(), 'rvdl-list-'));
    let remaining = [...items];
    /** Moves a staged file into place if it is complete; true when it landed. */
    const land = async (item: TransferItem): Promise<boolean> => {
      if (!remaining.includes(item)) return false;
      const staged = path.join(staging, baseOf(item.server));
      const size = await stat(staged).then((s) => s.size, () => -1);
      if (size < 0 || (item.size !== undefined && size !== item.size) || !remaining.includes(item)) return false;
      remaining = remaining.filter((i) => i !== item);
      run.partial.delete(baseOf(item.server));
      await rename(staged, item.local);
      run.result.done.push(item);
      run.result.bytes += size;
      request.onItemDone?.(item);
      run.emit('report', item.local);
      return true;
    };
    // Files land as soon as the binary says "done", so a DCC can load frames during a long run.
    let landing: Promise<unknown> = Promise.resolve();
    const collect = async () => {
      await landing;
      for (const item of [...remaining]) {
        if (!(await land(item))) run.partial.delete(baseOf(item.server));
      }
    };
    const callFor = async () => {
      if (remaining.length === 1) return this.call(request, 'download_path', staging, remaining[0]!.server);
      const list = path.join(listDir, 'download_list.txt');
      await writeFile(list, remaining.map((i) => i.server).join('\n') + '\n', 'utf8');
      return this.call(request, 'download_list', staging, list);
    };
    const onLine = (line: TransmitterLine) => {
      if (line.kind === 'file-done') {
        const item = remaining.find((i) => baseOf(i.server) === baseOf(line.path));
        if (item) landing = landing.then(() => land(item)).catch(() => {});
        return;
      }
      if (line.kind === 'file-progress' && line.percent !== undefined) {
        const item = remaining.find((i) => baseOf(i.server) === baseOf(line.path));
        if (item?.size) run.partial.set(baseOf(item.server), Math.floor((item.size * Math.min(100, line.percent)) / 100));
        run.emit('report', line.path);
      }
    };
    try {
      const error = await this.runWithRetry(await callFor(), request.signal, onLine, async () => {
        await collect();
        return remaining.length > 0 ? callFor() : undefined;
      });
      await collect();
      for (const item of remaining) {
        run.result.failed.push({ item, error: error ?? new TransmitterError('ERR_TRANSMITTER_MISSING', `The transmitter reported success but ${baseOf(item.server)} did not arrive (or has the wrong size).`) });
      }
    } finally {
      await landing;
      await rm(staging, { recursive: true, force: true });
      await rm(listDir, { recursive: true, force: true });
    }
  }

  private async upload(run: Run): Promise<void> {
    const { request } = run;
    if (request.storage === 'config' && request.items.length > 1) {
      // Config files go one by one with upload_path, to /<taskId>/cfg/<name>, as the old upload_config did.
      for (const item of request.items) await this.upload({ ...run, request: { ...request, items: [item] } });
      return;
    }
    let remaining = [...request.items];
    for (const item of remaining) if (item.size === undefined) item.size = await stat(item.local).then((s) => s.size, () => 0);
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'rvul-'));
    const callFor = async () => {
      if (request.storage === 'config') {
        return this.call(request, 'upload_path', remaining[0]!.local, remaining[0]!.server);
      }
      const json = path.join(tmp, 'upload.json');
      await writeFile(json, JSON.stringify({ asset: remaining.map((i) => ({ local: i.local.replace(/\\/g, '/'), server: i.server })) }, null, 2), 'utf8');
      return this.call(request, 'upload_json', json, '/', this.options.dbIni);
    };
    const markDone = (item: TransferItem) => {
      remaining = remaining.filter((i) => i !== item);
      run.partial.delete(item.local);
      run.result.done.push(item);
      run.result.bytes += item.size ?? 0;
      request.onItemDone?.(item);
      run.emit('report', item.local);
    };
    const onLine = (line: TransmitterLine) => {
      if (line.kind !== 'file-progress' && line.kind !== 'file-done') return;
      const item = remaining.find((i) => sameFile(i.local, line.path));
      if (!item) return;
      if (line.kind === 'file-done') return markDone(item);
      if (line.percent !== undefined) run.partial.set(item.local, Math.floor(((item.size ?? 0) * Math.min(100, line.percent)) / 100));
      run.emit('report', item.local);
    };
    try {
      const error = await this.runWithRetry(await callFor(), request.signal, onLine, async () => (remaining.length > 0 ? callFor() : undefined));
      if (!error) [...remaining].forEach(markDone);
      else for (const item of remaining) run.result.failed.push({ item, error });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}
