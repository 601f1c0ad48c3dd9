/**
 * Engine `http`: talks the local farm's storage protocol (docs/storage-protocol.md). Uploads run
 * `concurrency` files at once, chunked and resumable, verified by sha256 at commit, all sharing one
 * token bucket for `maxSpeedKBps`. Cancel stops at the next piece; files already verified stay done.
 * Downloads are delegated to the download side's implementation when one is given.
 */
import { stat } from 'node:fs/promises';
import { AbortedError, throwIfAborted } from '../../errors';
import { TransferError } from '../errors';
import { ProgressTracker } from '../progress-tracker';
import { createRateLimiter } from '../rate-limit';
import { DEFAULT_RETRY, type RetryPolicy } from '../retry';
import { selectTransferLine, type TransferConfig, type TransferLine } from '../transfer-line';
import { mapLimit } from '../util/map-limit';
import type { TransferEngine, TransferItem, TransferRequest, TransferResult } from './engine';
import { createStorageClient, type StorageClient } from './http-storage';
import { uploadFile } from './http-upload-file';
import { exclusive } from '../claims/in-process';
import { BATCH_FILE_MAX, batchesOf, uploadBatch } from './http-upload-batch';

/** The farm's largest chunk (docs/storage-protocol.md: 413 above 64 MiB). */
const MAX_CHUNK = 64 * 1024 * 1024;

export interface HttpEngineOptions {
  line: TransferLine;
  protocol?: 'http' | 'https';
  /** Files in flight at once (default 8). */
  concurrency?: number;
  /** Small files (≤ 1 MiB) in batched requests of the local farm (default true; false = one upload per file). */
  batch?: boolean;
  /**
   * Bytes per chunk request. Default: 64 MiB (the farm's largest chunk: 16 round trips a GiB, and a
   * cut chunk keeps the bytes that arrived, so resume loses nothing); 8 MiB under a speed limit, so a
   * chunk stays well inside the farm's request time limit.
   */
  chunkSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request socket timeout in ms (default 120 s). */
  timeoutMs?: number;
  /** The download implementation (owned by the download side); without it downloads are refused. */
  download?: (request: TransferRequest, client: StorageClient) => Promise<TransferResult>;
}

export class HttpEngine implements TransferEngine {
  readonly name = 'http' as const;
  readonly client: StorageClient;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: HttpEngineOptions) {
    this.client = createStorageClient(opts.line, {
      ...(opts.protocol ? { protocol: opts.protocol } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
  }

  /** Build the engine from `api.transmit.getTransferConfig()` (engine "HTTP"). */
  static fromTransferConfig(config: TransferConfig, options: Omit<HttpEngineOptions, 'line'> & { internetProvider?: string } = {}): HttpEngine {
    return new HttpEngine({ ...options, line: selectTransferLine(config, 'HTTP', options.internetProvider) });
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    if (request.direction === 'download') {
      if (!this.opts.download) throw new TransferError('ERR_UNSUPPORTED_DIRECTION', 'This http engine was built without a download implementation; use RayvisionDownload.');
      return this.opts.download(request, this.client);
    }
    return this.upload(request);
  }

  private async upload(request: TransferRequest): Promise<TransferResult> {
    const { signal } = request;
    throwIfAborted(signal);
    const items = await Promise.all(request.items.map(async (i) => ({ ...i, size: i.size ?? (await stat(i.local).then((s) => s.size, () => 0)) })));
    const limiter = createRateLimiter(request.maxSpeedKBps ? request.maxSpeedKBps * 1024 : undefined);
    const total = items.reduce((n, i) => n + i.size, 0);
    const tracker = new ProgressTracker(request.onProgress, { bytes: total, files: items.length, title: `Uploading ${items.length} file(s)` });
    const done: TransferItem[] = [];
    const failed: TransferResult['failed'] = [];
    let bytes = 0;
    let aborted: unknown;
    tracker.begin();
    try {
      const succeed = (item: TransferItem, sent: number) => {
        bytes += sent;
        done.push(item);
        request.onItemDone?.(item);
        tracker.fileDone(item.local);
      };
      const fail = (item: TransferItem, error: unknown) => {
        // Keep going on a per-file failure; stop taking files when cancelled.
        if (error instanceof AbortedError || signal?.aborted) aborted ??= error;
        else failed.push({ item, error: error as Error });
      };
      // One send of a server file at a time: jobs of this process queue on the file's URL, and other
      // processes through the request's claim (a shared record DB); a waiter then finds the file
      // committed and sends nothing. A batch holds all of its files (in one order: no deadlock).
      const holding = async <T>(group: TransferItem[], body: () => Promise<T>): Promise<T> => {
        const keys = [...new Set(group.map((i) => this.client.url(request.storageId, i.server)))].sort();
        const hold = async (k: number): Promise<T> => (k === keys.length ? body() : exclusive(keys[k]!, () => hold(k + 1), signal));
        return hold(0);
      };
      const claimed = async <T>(group: TransferItem[], body: () => Promise<T>): Promise<T> => {
        const claims: { release(): Promise<void> }[] = [];
        try {
          for (const item of group) {
            const c = await request.claim?.(item, signal);
            if (c) claims.push(c);
          }
          return await body();
        } finally {
          await Promise.all(claims.map((c) => c.release()));
        }
      };
      const fileCtx = (item: TransferItem) => ({
        client: this.client,
        bid: request.storageId,
        limiter,
        chunkSize: this.opts.chunkSize ?? (limiter.bytesPerSecond ? 8 * 1024 * 1024 : MAX_CHUNK),
        retry: this.retry,
        ...(signal ? { signal } : {}),
        onBytes: (n: number) => tracker.addBytes(n, item.local),
      });
      const batched = this.opts.batch !== false;
      const isSmall = (i: (typeof items)[number]) => batched && i.size <= BATCH_FILE_MAX;
      const units: ({ one: (typeof items)[number] } | { batch: typeof items })[] = [
        ...batchesOf(items.filter(isSmall)).map((batch) => ({ batch })),
        ...items.filter((i) => !isSmall(i)).map((one) => ({ one })),
      ];
      await mapLimit(
        units,
        batched ? Math.min(4, this.opts.concurrency ?? 8) : (this.opts.concurrency ?? 8),
        async (unit) => {
          if ('one' in unit) {
            const item = unit.one;
            try {
              const out = await holding([item], () => claimed([item], () => uploadFile(item.local, item.server, item.size, fileCtx(item))));
              succeed(item, out.sent);
            } catch (error) {
              fail(item, error);
            }
            return;
          }
          try {
            const ctx = { client: this.client, bid: request.storageId, limiter, retry: this.retry, ...(signal ? { signal } : {}), onBytes: (n: number, i: TransferItem) => tracker.addBytes(n, i.local) };
            const outcomes = await holding(unit.batch, () => claimed(unit.batch, () => uploadBatch(unit.batch, ctx)));
            for (const o of outcomes) if ('sent' in o) succeed(o.item, o.sent);
            else fail(o.item, o.error);
          } catch (error) {
            for (const item of unit.batch) fail(item, error);
          }
        },
        signal,
      );
      if (aborted !== undefined || signal?.aborted) throw new AbortedError('The upload was cancelled; files already verified are recorded and will not be sent again.', { cause: aborted ?? signal?.reason });
      return { done, failed, bytes };
    } finally {
      tracker.end(signal?.aborted ? 'cancelled' : failed.length ? `${failed.length} file(s) failed` : 'done');
    }
  }
}
