/**
 * Upload one file over the storage protocol: hash, `init` (the server says how much it already
 * holds), send the rest in chunks from that offset, `commit` (the server checks sha256). Interrupted
 * uploads resume from the last byte the server confirmed, also across process restarts, because the
 * server keeps partials. Every byte passes the request's shared token bucket.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { throwIfAborted } from '../../errors';
import { StorageRequestError } from '../errors';
import type { RateLimiter } from '../rate-limit';
import { backoff, isRetryable, type RetryPolicy } from '../retry';
import type { StorageClient } from './http-storage';

/** Piece size under a rate limit (each piece waits in the token bucket). */
const PIECE = 64 * 1024;
/** Piece size without a limit: the read(2) size and the size of each socket write. */
const BIG_PIECE = 1024 * 1024;
/** Files up to this size are read into memory once, hashed and announced with their sha256. */
export const IN_MEMORY_MAX = 8 * 1024 * 1024;

export interface FileUploadContext {
  client: StorageClient;
  bid: string;
  limiter: RateLimiter;
  /** Bytes per PUT (the server refuses more than 64 MiB). */
  chunkSize: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Called with every piece handed to the network, and with `size` when the server already had the file. */
  onBytes: (n: number) => void;
}

export interface FileUploadOutcome {
  /** Bytes sent in this call (0 when the server already held the whole file). */
  sent: number;
  sha256: string;
}

/** sha256 of a file, streamed; small files come back with their bytes so they are read once. */
async function hashFile(path: string, size: number, smallLimit: number, signal?: AbortSignal): Promise<{ sha256: string; bytes?: Buffer }> {
  if (size <= smallLimit) {
    const fh = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(size);
      let off = 0;
      while (off < size) {
        const { bytesRead } = await fh.read(bytes, off, size - off, off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      if (off !== size) throw new StorageRequestError(`${path} changed while it was read (expected ${size} bytes, read ${off}); upload again.`, { retryable: true, path });
      return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
    } finally {
      await fh.close();
    }
  }
  const h = createHash('sha256');
  for await (const buf of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    throwIfAborted(signal);
    h.update(buf as Buffer);
  }
  return { sha256: h.digest('hex') };
}

function* slices(bytes: Buffer, start: number, end: number): Generator<Buffer> {
  for (let o = start; o < end; o += PIECE) yield bytes.subarray(o, Math.min(end, o + PIECE));
}

/**
 * The body of one chunk, as a stream that reports each piece; `feed` sees every piece read from disk
 * with its offset (the running hash of a large file). Without a rate limit the file is read in 1 MiB
 * pieces through one Transform (no await per piece: a GiB is 1,024 pieces, not 16,384 round trips
 * through the bucket); with one, 64 KiB pieces each wait their turn in the shared bucket.
 */
function chunkBody(path: string, bytes: Buffer | undefined, start: number, end: number, ctx: FileUploadContext, feed?: (at: number, buf: Buffer) => void): Readable {
  if (!ctx.limiter.bytesPerSecond && !bytes) {
    let at = start;
    const meter = new Transform({
      transform(buf: Buffer, _enc, done) {
        feed?.(at, buf);
        at += buf.length;
        ctx.onBytes(buf.length);
        done(null, buf);
      },
    });
    const file = createReadStream(path, { start, end: end - 1, highWaterMark: BIG_PIECE });
    file.once('error', (e) => meter.destroy(e));
    meter.once('close', () => file.destroy());
    return file.pipe(meter);
  }
  async function* pieces(): AsyncGenerator<Buffer> {
    const source: Iterable<Buffer> | AsyncIterable<Buffer> = bytes
      ? slices(bytes, start, end)
      : (createReadStream(path, { start, end: end - 1, highWaterMark: PIECE }) as AsyncIterable<Buffer>);
    let at = start;
    for await (const buf of source) {
      feed?.(at, buf);
      at += buf.length;
      await ctx.limiter.take(buf.length, ctx.signal);
      ctx.onBytes(buf.length);
      yield buf;
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}

type Received = { received: number; complete?: boolean };

/**
 * Upload `local` to `server` in storage `ctx.bid`; resolves once the server verified the hash.
 * Retries are bounded two ways: `retry.attempts` failures in a row (any successful request resets
 * the count, since it was progress), and three times that in total. Races with another writer of the
 * same file are not failures: an offset conflict continues from the server's count (after a backoff
 * while the other writer is busy), a pending upload that vanished (the other writer committed it) is
 * re-announced, and the farm then answers that it holds the file complete.
 */
export async function uploadFile(local: string, server: string, size: number, ctx: FileUploadContext): Promise<FileUploadOutcome> {
  if (size <= Math.min(ctx.chunkSize, IN_MEMORY_MAX)) return uploadAnnounced(local, server, size, ctx);
  return uploadHashingWhileSending(local, server, size, ctx);
}

/** What one file's attempts share across retries: bytes sent, failures in a row and in all, offset conflicts. */
interface Attempts { sent: number; inARow: number; total: number; conflicts: number }

/**
 * PUTs the chunks of [offset, size) until the server holds them all (counting them in `attempts`): from
 * `bytes` in memory or read from disk (each read piece passed to `feed`), `afterChunk` after each
 * answer. A 409 means the server holds a different count (a lost answer, a second writer): the
 * upload continues from its count, backing off while it answers BUSY.
 */
async function sendChunks(
  local: string, server: string, offset: number, size: number, ctx: FileUploadContext, attempts: Attempts,
  source: { bytes?: Buffer | undefined; feed?: (at: number, buf: Buffer) => void; afterChunk?: (received: number) => Promise<void> },
): Promise<void> {
  const { client, bid, signal } = ctx;
  while (offset < size) {
    throwIfAborted(signal);
    const end = Math.min(size, offset + ctx.chunkSize);
    const res = await client.request<Received & { error?: string }>(
      {
        method: 'PUT',
        url: client.url(bid, server, { op: 'chunk', offset }),
        data: chunkBody(local, source.bytes, offset, end, ctx, source.feed),
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - offset) },
        signal,
      },
      [409],
    );
    if (res.status !== 409) {
      attempts.sent += end - offset;
      attempts.inARow = 0;
    } else {
      if (++attempts.conflicts >= ctx.retry.attempts * 6) {
        throw new StorageRequestError(`The farm keeps refusing chunks of ${server} (offset conflict); another upload of the same file may be running.`, { status: 409, retryable: true, path: server });
      }
      if (res.data.error === 'BUSY') await backoff(Math.min(attempts.conflicts, 4), ctx.retry, signal);
    }
    offset = res.data.received;
    await source.afterChunk?.(offset);
  }
}

/**
 * After a failed attempt: rethrows unless it is worth another (retryable, 422 hash mismatch, 404
 * NO_PENDING_UPLOAD: the partial is gone, committed or replaced by another writer) within the retry
 * budget, backs off, and says which it was so the caller can start its hash over.
 */
async function retryAfter(error: unknown, attempts: Attempts, ctx: FileUploadContext): Promise<{ mismatch: boolean; vanished: boolean }> {
  throwIfAborted(ctx.signal);
  const e = error as StorageRequestError & { details?: { serverCode?: string } };
  const mismatch = e.status === 422;
  const vanished = e.status === 404 && e.details?.serverCode === 'NO_PENDING_UPLOAD';
  const again = isRetryable(error) || mismatch || vanished;
  attempts.inARow += 1;
  attempts.total += 1;
  if (!again || attempts.inARow >= ctx.retry.attempts || attempts.total >= ctx.retry.attempts * 3) throw error;
  if (!vanished || attempts.inARow > 1) await backoff(attempts.inARow, ctx.retry, ctx.signal);
  return { mismatch, vanished };
}

/** Small files (read once into memory) and files the server may already hold: hash first, then announce. */
async function uploadAnnounced(local: string, server: string, size: number, ctx: FileUploadContext, known?: string): Promise<FileUploadOutcome> {
  const { client, bid, signal } = ctx;
  const attempts: Attempts = { sent: 0, inARow: 0, total: 0, conflicts: 0 };
  let hashed: { sha256: string; bytes?: Buffer } | undefined = known ? { sha256: known } : undefined;
  for (;;) {
    throwIfAborted(signal);
    try {
      hashed ??= await hashFile(local, size, Math.min(ctx.chunkSize, IN_MEMORY_MAX), signal);
      const { sha256, bytes } = hashed;
      const init = await client.request<Received>({ method: 'POST', url: client.url(bid, server, { op: 'init' }), data: { size, sha256 }, signal });
      attempts.inARow = 0;
      if (init.data.complete) {
        ctx.onBytes(size);
        return { sent: attempts.sent, sha256 };
      }
      await sendChunks(local, server, init.data.received, size, ctx, attempts, { bytes });
      // The commit names what it commits, so a file another writer committed meanwhile is a success.
      await client.request({ method: 'POST', url: client.url(bid, server, { op: 'commit' }), data: { size, sha256 }, signal });
      return { sent: attempts.sent, sha256 };
    } catch (error) {
      // a hash mismatch (the file changed under us, or bytes were damaged): hash again, start over
      if ((await retryAfter(error, attempts, ctx)).mismatch) hashed = undefined;
    }
  }
}

/** A running sha256 over a file's bytes in order; pieces already seen are skipped, gaps read from disk. */
class RunningHash {
  private readonly hash = createHash('sha256');
  at = 0;
  private digest?: string;

  feed = (start: number, buf: Buffer): void => {
    const end = start + buf.length;
    if (this.digest !== undefined || end <= this.at || start > this.at) return;
    this.hash.update(start === this.at ? buf : buf.subarray(this.at - start));
    this.at = end;
  };

  /** Read and hash [at, to) from disk: bytes the server holds that this process did not send. */
  async catchUp(path: string, to: number, signal?: AbortSignal): Promise<void> {
    if (to <= this.at) return;
    for await (const buf of createReadStream(path, { start: this.at, end: to - 1, highWaterMark: 1024 * 1024 })) {
      throwIfAborted(signal);
      this.feed(this.at, buf as Buffer);
    }
  }

  hex(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/**
 * Large files, read from disk once: `init` with the size only, the chunks feed a running sha256 as
 * they are read for sending, and `commit` names the hash; the server verifies it (a mismatch drops the
 * partial, 422, and the file is sent again from the start). A resumed upload reads (and hashes) the
 * bytes the server already holds without sending them. When the server holds a committed file of the
 * same size, the file is hashed first instead, so an unchanged file is skipped without sending.
 */
async function uploadHashingWhileSending(local: string, server: string, size: number, ctx: FileUploadContext): Promise<FileUploadOutcome> {
  const { client, bid, signal } = ctx;
  const attempts: Attempts = { sent: 0, inARow: 0, total: 0, conflicts: 0 };
  let sum = new RunningHash();
  for (;;) {
    throwIfAborted(signal);
    try {
      const init = await client.request<Received & { sameSize?: boolean }>({ method: 'POST', url: client.url(bid, server, { op: 'init' }), data: { size }, signal });
      attempts.inARow = 0;
      if (init.data.sameSize) {
        const { sha256 } = await hashFile(local, size, 0, signal);
        const out = await uploadAnnounced(local, server, size, ctx, sha256);
        return { sent: attempts.sent + out.sent, sha256 };
      }
      const offset = init.data.received;
      await sum.catchUp(local, offset, signal);
      await sendChunks(local, server, offset, size, ctx, attempts, { feed: sum.feed, afterChunk: (received) => sum.catchUp(local, received, signal) });
      const sha256 = sum.hex();
      await client.request({ method: 'POST', url: client.url(bid, server, { op: 'commit' }), data: { size, sha256 }, signal });
      return { sent: attempts.sent, sha256 };
    } catch (error) {
      // what the server holds is not this file (422), or the partial is gone: the hash starts over
      const { mismatch, vanished } = await retryAfter(error, attempts, ctx);
      if (mismatch || vanished) sum = new RunningHash();
    }
  }
}
