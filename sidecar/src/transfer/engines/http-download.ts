/**
 * The `http` engine's download side: fetches files from the local farm's storage
 * (docs/storage-protocol.md) through the shared storage client, a few files in flight, with
 * resume, verification, bounded retries with backoff, the shared token bucket and one progress
 * stream per request. Plugged into `HttpEngine` via its `download` option (see `httpDownload`).
 */
import path from 'node:path';
import type { Progress } from '../../../../protocol/src/progress';
import { AbortedError } from '../../errors';
import { backoffDelay, sleep } from '../download/backoff';
import { TransferError } from '../errors';
import { createRateLimiter, type RateLimiter } from '../rate-limit';
import type { TransferItem, TransferRequest, TransferResult } from './engine';
import { fetchFile } from './http-download-file';
import type { StorageClient } from './http-storage';

export interface HttpDownloadOptions {
  /** Files in flight at once (default 4). */
  concurrency?: number;
  /** Attempts per file, first included (default 6). */
  maxAttempts?: number;
  /** Backoff base in ms between attempts (default 250, capped at 5 s). */
  backoffMs?: number;
  /** Builds the request's shared limiter (default: the transfer layer's token bucket). */
  createLimiter?: (bytesPerSecond: number | undefined) => RateLimiter;
}

const NET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'EAI_AGAIN']);

/** Whether another attempt may succeed: marked retryable, a verification mismatch, or a dropped stream. */
export function isDownloadRetryable(error: unknown): boolean {
  const e = error as { retryable?: boolean; code?: string } | null;
  if (e?.retryable) return true;
  return e?.code === 'ERR_DOWNLOAD_VERIFY' || (typeof e?.code === 'string' && NET_CODES.has(e.code));
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const e = error as { name?: string; code?: string } | null;
  return e?.name === 'AbortError' || e?.code === 'ERR_CANCELED' || error instanceof AbortedError;
}

/** Downloads every item of `request` over `client`; per-file failures are collected, cancel throws. */
export async function httpDownload(request: TransferRequest, client: StorageClient, options: HttpDownloadOptions = {}): Promise<TransferResult> {
  if (request.direction !== 'download') throw new TransferError('ERR_UNSUPPORTED_DIRECTION', 'httpDownload only downloads.');
  const throttle = (options.createLimiter ?? createRateLimiter)(request.maxSpeedKBps ? request.maxSpeedKBps * 1024 : undefined);
  const totalBytes = request.items.reduce((sum, i) => sum + (i.size ?? 0), 0);
  const result: TransferResult = { done: [], failed: [], bytes: 0 };
  const emit = (kind: Progress['kind'], currentFile?: string) =>
    request.onProgress?.({
      kind,
      ...(kind === 'begin' ? { title: 'Downloading', cancellable: true } : {}),
      bytes: { transferred: result.bytes, total: Math.max(totalBytes, result.bytes) },
      files: { transferred: result.done.length, total: request.items.length },
      ...(currentFile ? { currentFile } : {}),
    });
  emit('begin');
  let lastReport = 0;
  const onBytes = (n: number, local: string) => {
    result.bytes += n;
    const now = Date.now();
    if (now - lastReport >= 100) {
      lastReport = now;
      emit('report', local);
    }
  };
  const queue = [...request.items];
  const madeDirs = new Set<string>();
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (request.signal?.aborted) return;
      try {
        await fetchWithRetry(request, item, client, throttle, options, onBytes, madeDirs);
        result.done.push(item);
        request.onItemDone?.(item);
        emit('report', item.local);
      } catch (error) {
        if (isAbort(error, request.signal)) return;
        result.failed.push({ item, error: error as Error });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    if (request.signal?.aborted) throw new AbortedError('The download was cancelled; partial files stay as .rvpart and resume next time.');
    return result;
  } finally {
    emit('end');
  }
}

async function fetchWithRetry(
  request: TransferRequest,
  item: TransferItem,
  client: StorageClient,
  throttle: RateLimiter,
  options: HttpDownloadOptions,
  onBytes: (n: number, local: string) => void,
  madeDirs: Set<string>,
): Promise<void> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  for (let attempt = 1; ; attempt++) {
    try {
      const got = await fetchFile({
        client,
        storageId: request.storageId,
        serverPath: item.server,
        local: item.local,
        expectedSize: item.size,
        signal: request.signal,
        throttle,
        onBytes: (n) => onBytes(n, item.local),
        madeDirs,
      });
      item.size = got.size; // what actually landed (the listing may be older)
      return;
    } catch (error) {
      madeDirs.delete(path.dirname(item.local)); // the folder may have gone: the next attempt makes it again
      if (isAbort(error, request.signal) || !isDownloadRetryable(error) || attempt >= maxAttempts) throw error;
      await sleep(backoffDelay(attempt, { baseMs: options.backoffMs ?? 250 }), request.signal);
    }
  }
}
