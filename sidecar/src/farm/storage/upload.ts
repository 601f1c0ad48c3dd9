/**
 * Resumable, verified uploads (docs/storage-protocol.md "Upload"): `init` announces size and sha256,
 * `chunk` appends at the held offset, `commit` hashes what is held and moves it into place. Pending
 * data lives in `<storage>/.partial/` so it survives restarts of either side.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FarmContext } from '../context';
import { cachedHash, hashFile, rememberHash } from './hash';
import type { StoragePath } from './paths';
import { CutConnectionError, StorageHttpError } from './reply';

/** Largest chunk one PUT may carry. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * Bytes the partial file's writer buffers while a write is in flight: what arrived meanwhile goes to
 * disk in one writev, so a GiB costs a few hundred thread-pool writes instead of one per socket read.
 */
const WRITE_BATCH = 4 * 1024 * 1024;

/** A pending upload; `sha256` is absent when the client hashes while sending and names it at commit. */
interface PartialMeta { bid: string; path: string; size: number; sha256?: string }

const busy = new Set<string>();

/**
 * Running sha256 of each pending upload's bytes, fed as chunks arrive, so a commit needs no second
 * read of a large file. Lost on a restart (the commit then hashes the partial from disk).
 */
const running = new Map<string, { hash: Hash; at: number }>();

function partialFiles(ctx: FarmContext, p: StoragePath): { part: string; meta: string } {
  const key = createHash('sha256').update(`${p.bid}\0${p.serverPath}`).digest('hex');
  const dir = path.join(ctx.storageDir, '.partial');
  return { part: path.join(dir, `${key}.part`), meta: path.join(dir, `${key}.json`) };
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const st = await stat(file);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

async function readMeta(file: string): Promise<PartialMeta | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PartialMeta;
  } catch {
    return undefined;
  }
}

/**
 * `op=init`: returns the bytes already held for this (size, sha256), or marks it complete. Without a
 * sha256 (the client hashes while sending) a pending upload of the same size resumes, and a committed
 * file of the same size answers `sameSize: true`, so the client can hash first and skip it.
 */
export async function uploadInit(ctx: FarmContext, p: StoragePath, body: unknown): Promise<{ received: number; complete?: true; sameSize?: true }> {
  const b = body as { size?: unknown; sha256?: unknown } | null;
  const size = b?.size;
  const sha = typeof b?.sha256 === 'string' ? b.sha256.toLowerCase() : undefined;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || (b?.sha256 !== undefined && (!sha || !/^[0-9a-f]{64}$/.test(sha)))) {
    throw new StorageHttpError(400, 'BAD_REQUEST', 'op=init needs a JSON body { "size": <bytes>, "sha256"?: "<64 hex>" }.');
  }
  if (p.segments.length === 0) throw new StorageHttpError(400, 'BAD_PATH', 'An upload needs a file path below the storage root.');
  const onDisk = await sizeOf(p.diskPath);
  if (sha && onDisk === size && (await cachedHash(ctx.db, p.diskPath)).sha256 === sha) {
    return { received: size, complete: true };
  }
  const files = partialFiles(ctx, p);
  const meta = await readMeta(files.meta);
  const held = await sizeOf(files.part);
  const sameContent = meta && meta.size === size && (meta.sha256 === sha || meta.sha256 === undefined);
  if (sameContent && held !== undefined && held <= size) return { received: held, ...(!sha && onDisk === size ? { sameSize: true as const } : {}) };
  if (busy.has(files.part)) throw new StorageHttpError(409, 'BUSY', 'Another upload of this file is sending a chunk; retry later.', { received: held ?? 0 });
  await mkdir(path.dirname(files.part), { recursive: true });
  await writeFile(files.part, '');
  running.delete(files.part);
  const fresh: PartialMeta = { bid: p.bid, path: p.serverPath, size, ...(sha ? { sha256: sha } : {}) };
  await writeFile(files.meta, JSON.stringify(fresh));
  return { received: 0, ...(!sha && onDisk === size ? { sameSize: true as const } : {}) };
}

/** `op=chunk&offset=k`: appends the request body when `offset` equals the bytes held. */
export async function uploadChunk(ctx: FarmContext, p: StoragePath, offsetText: string | null, req: IncomingMessage): Promise<{ received: number }> {
  const files = partialFiles(ctx, p);
  const meta = await readMeta(files.meta);
  const held = await sizeOf(files.part);
  if (!meta || held === undefined) throw new StorageHttpError(404, 'NO_PENDING_UPLOAD', 'No pending upload for this path; POST ?op=init first.');
  const offset = offsetText !== null && /^\d+$/.test(offsetText) ? Number(offsetText) : NaN;
  if (!Number.isSafeInteger(offset)) throw new StorageHttpError(400, 'BAD_REQUEST', 'op=chunk needs a numeric offset.');
  if (busy.has(files.part)) throw new StorageHttpError(409, 'BUSY', 'Another chunk of this file is being written; resume from the held count.', { received: held });
  if (offset !== held) throw new StorageHttpError(409, 'OFFSET_MISMATCH', `The server holds ${held} bytes; send the chunk at that offset.`, { received: held });
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > MAX_CHUNK_BYTES) throw new StorageHttpError(413, 'CHUNK_TOO_LARGE', `A chunk may carry at most ${MAX_CHUNK_BYTES} bytes.`);
  const room = meta.size - held;
  if (declared !== undefined && declared > room) throw new StorageHttpError(400, 'CHUNK_OVERFLOW', `The chunk runs past the announced size (${room} bytes left).`);
  const cut = ctx.faults.cutAfter('upload', (req.url ?? '').split('?')[0]!);
  busy.add(files.part);
  // Feed the running hash only when it has seen exactly the bytes held so far.
  let sum = running.get(files.part);
  if (!sum && held === 0) running.set(files.part, (sum = { hash: createHash('sha256'), at: 0 }));
  if (sum && sum.at !== held) (running.delete(files.part), (sum = undefined));
  try {
    let seen = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (cut !== undefined && seen + chunk.length > cut) {
          const keep = Math.max(0, cut - seen);
          seen = cut;
          if (keep > 0) {
            sum?.hash.update(chunk.subarray(0, keep));
            if (sum) sum.at += keep;
            this.push(chunk.subarray(0, keep));
          }
          // Let the kept bytes reach the file before the connection drops.
          setImmediate(() => done(new CutConnectionError('upload cut by fault injection')));
          return;
        }
        seen += chunk.length;
        ctx.storageStats.bytesIn += chunk.length;
        if (seen > Math.min(room, MAX_CHUNK_BYTES)) done(new StorageHttpError(seen > room ? 400 : 413, seen > room ? 'CHUNK_OVERFLOW' : 'CHUNK_TOO_LARGE', 'The chunk is longer than allowed.'));
        else {
          sum?.hash.update(chunk);
          if (sum) sum.at += chunk.length;
          done(null, chunk);
        }
      },
    });
    await pipeline(req, limiter, createWriteStream(files.part, { flags: 'a', highWaterMark: WRITE_BATCH }));
  } finally {
    busy.delete(files.part);
    // A write that failed after hashing leaves the running hash ahead of the file: drop it.
    const now = await sizeOf(files.part);
    if (sum && sum.at !== now) running.delete(files.part);
  }
  return { received: (await sizeOf(files.part)) ?? 0 };
}

/** What a commit may name: the size and sha256 the client means to commit (optional for old clients). */
export interface CommitClaim { size?: number; sha256?: string }

/** Is the file at `p` already committed with exactly this size and sha256? */
async function alreadyCommitted(ctx: FarmContext, p: StoragePath, want: CommitClaim): Promise<boolean> {
  if (want.size === undefined || !want.sha256) return false;
  return (await sizeOf(p.diskPath)) === want.size && (await cachedHash(ctx.db, p.diskPath)).sha256 === want.sha256.toLowerCase();
}

/**
 * `op=commit`: verifies the held bytes against the announced sha256 and moves them into place. A commit
 * that names a size and sha256 the server already holds complete (another writer committed the same
 * file) succeeds without a pending upload; one naming other content than the pending upload's is 404.
 */
export async function uploadCommit(ctx: FarmContext, p: StoragePath, want: CommitClaim = {}): Promise<{ size: number; sha256: string }> {
  const files = partialFiles(ctx, p);
  const meta = await readMeta(files.meta);
  const held = await sizeOf(files.part);
  const mismatch = meta && want.sha256 !== undefined && ((meta.sha256 !== undefined && meta.sha256 !== want.sha256.toLowerCase()) || meta.size !== want.size);
  if (!meta || held === undefined || mismatch) {
    if (await alreadyCommitted(ctx, p, want)) return { size: want.size!, sha256: want.sha256!.toLowerCase() };
    throw new StorageHttpError(404, 'NO_PENDING_UPLOAD', 'No pending upload of this content for this path; POST ?op=init first.');
  }
  if (busy.has(files.part)) throw new StorageHttpError(409, 'BUSY', 'A chunk is still being written; commit after it ends.', { received: held });
  if (held !== meta.size) throw new StorageHttpError(409, 'INCOMPLETE', `The server holds ${held} of ${meta.size} bytes; send the rest before committing.`, { received: held });
  const expected = meta.sha256 ?? want.sha256?.toLowerCase();
  if (!expected) throw new StorageHttpError(400, 'BAD_REQUEST', 'This upload was announced without a sha256: op=commit needs { "size": <bytes>, "sha256": "<64 hex>" }.');
  const sum = running.get(files.part);
  running.delete(files.part);
  const sha256 = sum && sum.at === held ? sum.hash.digest('hex') : await hashFile(files.part);
  if (sha256 !== expected) {
    await rm(files.part, { force: true });
    await rm(files.meta, { force: true });
    throw new StorageHttpError(422, 'HASH_MISMATCH', 'The received bytes do not match the announced sha256; the partial upload was dropped, upload the file again.');
  }
  await mkdir(path.dirname(p.diskPath), { recursive: true });
  const existing = await stat(p.diskPath).catch(() => undefined);
  if (existing?.isDirectory()) throw new StorageHttpError(409, 'IS_DIRECTORY', 'A folder already exists at this path.');
  await rename(files.part, p.diskPath);
  await rm(files.meta, { force: true });
  const st = await stat(p.diskPath);
  rememberHash(ctx.db, p.diskPath, st.size, st.mtimeMs, sha256);
  const key = `${p.bid}${p.serverPath}`;
  ctx.storageStats.commits.set(key, (ctx.storageStats.commits.get(key) ?? 0) + 1);
  return { size: st.size, sha256 };
}
