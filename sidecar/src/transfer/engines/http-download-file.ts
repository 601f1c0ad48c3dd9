/**
 * One file over the local farm's HTTP storage protocol (docs/storage-protocol.md): ranged GET into
 * `<name>.rvpart`, resume from what the partial file holds, verify size and X-Sha256, then rename
 * into place. A partial file never sits under the final name.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VerifyError } from '../download/errors';
import { StorageRequestError } from '../errors';
import type { RateLimiter } from '../rate-limit';
import type { StorageClient } from './http-storage';

/**
 * Bytes the partial file's writer buffers while a write is in flight: what arrives meanwhile goes to
 * disk in one writev, so a GiB costs a few hundred thread-pool writes instead of one per socket read.
 */
const WRITE_BATCH = 4 * 1024 * 1024;

/** Bodies up to this size are gathered in memory and written with one call. */
const SMALL_BODY = 1024 * 1024;

/** Suffix of a file being downloaded; removed by the final rename. */
export const PART_SUFFIX = '.rvpart';

export interface FetchFileOptions {
  client: StorageClient;
  storageId: string;
  serverPath: string;
  local: string;
  /** Size from the listing, checked against what arrives. */
  expectedSize?: number;
  signal?: AbortSignal;
  throttle?: RateLimiter;
  /** Called with each chunk's length as it is written (bytes actually fetched). */
  onBytes?: (n: number) => void;
  /** Folders this request already created: a thousand frames in one folder cost one mkdir, not 1,000. */
  madeDirs?: Set<string>;
}

export interface FetchFileResult {
  size: number;
  sha256: string;
  /** Bytes fetched by this call (less than `size` after a resume). */
  fetched: number;
  resumedFrom: number;
}

async function partSize(part: string): Promise<number> {
  try {
    return (await stat(part)).size;
  } catch {
    return 0;
  }
}

async function hashPrefix(part: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
}

/** Downloads one file with resume and verification; throws `HttpStatusError`/`VerifyError` for the caller to retry. */
export async function fetchFile(options: FetchFileOptions): Promise<FetchFileResult> {
  const part = options.local + PART_SUFFIX;
  const dir = path.dirname(options.local);
  if (!options.madeDirs?.has(dir)) {
    await mkdir(dir, { recursive: true });
    options.madeDirs?.add(dir);
  }
  let offset = await partSize(part);
  if (options.expectedSize !== undefined && offset > options.expectedSize) {
    await rm(part, { force: true });
    offset = 0;
  }
  const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
  const url = options.client.url(options.storageId, options.serverPath);
  const response = await options.client.request({ method: 'GET', url, headers, responseType: 'stream', signal: options.signal, maxRedirects: 0 }, [416]);
  const body = response.data as NodeJS.ReadableStream & { destroy(): void };
  if (response.status === 416) {
    body.destroy();
    await rm(part, { force: true });
    throw new StorageRequestError(`The partial download of ${options.serverPath} no longer fits the server file; starting over.`, {
      status: 416,
      retryable: true,
      path: options.serverPath,
    });
  }
  if (response.status !== 200 && response.status !== 206) {
    body.destroy();
    throw new StorageRequestError(`Storage answered ${response.status} for ${options.serverPath}.`, { status: response.status, retryable: false, path: options.serverPath });
  }
  if (response.status === 200) offset = 0; // the server ignored the range: start over
  const length = Number(response.headers['content-length']);
  const total = Number.isFinite(length) ? offset + length : undefined;
  const announcedSha = (response.headers['x-sha256'] as string | undefined)?.toLowerCase();

  const hash = createHash('sha256');
  if (offset > 0) await hashPrefix(part, hash);
  let fetched = 0;
  const throttle = options.throttle?.bytesPerSecond ? options.throttle : undefined; // unlimited: no per-chunk await
  if (offset === 0 && total !== undefined && total <= SMALL_BODY) {
    // A frame-sized file: gathered in memory and written in one go (open, write, close on this
    // thread: for a 100 KiB frame that beats three thread-pool round trips). A cut body leaves no
    // partial file; it is at most SMALL_BODY to fetch again.
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (throttle) await throttle.take(chunk.length, options.signal);
      hash.update(chunk);
      fetched += chunk.length;
      options.onBytes?.(chunk.length);
      chunks.push(chunk);
    }
    writeFileSync(part, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, fetched));
  } else {
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        const pass = () => {
          hash.update(chunk);
          fetched += chunk.length;
          options.onBytes?.(chunk.length);
          done(null, chunk);
        };
        if (!throttle) return pass();
        throttle.take(chunk.length, options.signal).then(pass, done);
      },
    });
    await pipeline(body, meter, createWriteStream(part, { flags: offset > 0 ? 'a' : 'w', highWaterMark: WRITE_BATCH }), { signal: options.signal });
  }

  // What the partial held plus what this call appended (pipeline resolved: all of it is written).
  const size = offset + fetched;
  const sha256 = hash.digest('hex');
  // The server's Content-Length is the truth: a file may have grown since it was listed.
  const expected = total ?? options.expectedSize;
  if (expected !== undefined && size !== expected) {
    if (size > expected) await rm(part, { force: true });
    throw new VerifyError(`Downloaded ${size} bytes of ${path.basename(options.local)}, expected ${expected}; will resume.`, {
      details: { local: options.local, size, expected },
    });
  }
  if (announcedSha && announcedSha !== sha256) {
    await rm(part, { force: true });
    throw new VerifyError(`SHA-256 of ${path.basename(options.local)} does not match the server's; the file is fetched again.`, {
      details: { local: options.local, expected: announcedSha, actual: sha256 },
    });
  }
  await rename(part, options.local);
  return { size, sha256, fetched, resumedFrom: offset };
}
