/**
 * The local farm's batched upload for many small files (docs/storage-protocol.md "Batch"): one
 * `op=batch-init` says which of a group are already complete, one `op=batch` carries the rest, each
 * file with its own sha256, each verified and committed on its own. A batch whose body does not arrive
 * whole commits nothing of it, so a killed client leaves only whole, verified files behind.
 * The real farm has no such call (spec/transfer.md is unchanged): this is the http engine's path.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { FarmContext } from '../context';
import { declaredLength } from '../read-body';
import { cachedHash, rememberHashes } from './hash';
import { parseStoragePath, type StoragePath } from './paths';
import { StorageHttpError } from './reply';

/** Largest batch body, and most files in one batch. */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;
export const MAX_BATCH_FILES = 1000;
/** Files of one batch written at once. */
const BATCH_CONCURRENCY = 8;

interface BatchFile { path: string; size: number; sha256: string }

function parseFiles(ctx: FarmContext, bid: string, header: unknown): { file: BatchFile; at: StoragePath }[] {
  const files = (header as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_BATCH_FILES) {
    throw new StorageHttpError(400, 'BAD_REQUEST', `A batch lists 1 to ${MAX_BATCH_FILES} files: { "files": [{ "path", "size", "sha256" }] }.`);
  }
  return files.map((f: BatchFile) => {
    if (typeof f?.path !== 'string' || !Number.isSafeInteger(f.size) || f.size < 0 || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(f.sha256)) {
      throw new StorageHttpError(400, 'BAD_REQUEST', 'Each batch file needs { "path": "/server/path", "size": <bytes>, "sha256": "<64 hex>" }.');
    }
    const encoded = f.path.split('/').filter((s, i) => !(i === 0 && s === '')).map(encodeURIComponent).join('/');
    const at = parseStoragePath(ctx.storageDir, `/storage/${encodeURIComponent(bid)}/${encoded}`);
    if (at.segments.length === 0) throw new StorageHttpError(400, 'BAD_PATH', 'A batch file needs a path below the storage root.');
    return { file: { ...f, sha256: f.sha256.toLowerCase() }, at };
  });
}

/** `op=batch-init` `{ files }` → `{ complete: boolean[] }`: which files the storage already holds as announced. */
export async function batchInit(ctx: FarmContext, bid: string, header: unknown): Promise<{ complete: boolean[] }> {
  const files = parseFiles(ctx, bid, header);
  const complete = await Promise.all(
    files.map(async ({ file, at }) => {
      const st = await stat(at.diskPath).catch(() => undefined);
      return !!st?.isFile() && st.size === file.size && (await cachedHash(ctx.db, at.diskPath)).sha256 === file.sha256;
    }),
  );
  return { complete };
}

/** Reads the whole batch body (bounded): 4-byte big-endian header length, header JSON, then the bytes. */
async function readBatch(req: IncomingMessage): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > MAX_BATCH_BYTES) throw new StorageHttpError(413, 'BATCH_TOO_LARGE', `A batch may carry at most ${MAX_BATCH_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BATCH_BYTES) throw new StorageHttpError(413, 'BATCH_TOO_LARGE', `A batch may carry at most ${MAX_BATCH_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

type BatchResult = { ok: true } | { ok: false; error: string; message: string };

/** `op=batch`: verifies and commits each file of the body on its own; answers one result per file. */
export async function batchUpload(ctx: FarmContext, bid: string, req: IncomingMessage): Promise<{ results: BatchResult[] }> {
  const body = await readBatch(req);
  const headerLength = body.length >= 4 ? body.readUInt32BE(0) : -1;
  if (headerLength < 2 || 4 + headerLength > body.length) throw new StorageHttpError(400, 'BAD_REQUEST', 'A batch body starts with a 4-byte header length and a JSON header.');
  let header: unknown;
  try {
    header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8'));
  } catch {
    throw new StorageHttpError(400, 'BAD_REQUEST', 'The batch header is not JSON.');
  }
  const files = parseFiles(ctx, bid, header);
  const expected = files.reduce((n, f) => n + f.file.size, 0);
  if (4 + headerLength + expected !== body.length) throw new StorageHttpError(400, 'BAD_REQUEST', `The batch body holds ${body.length - 4 - headerLength} bytes; its header announces ${expected}.`);
  ctx.storageStats.bytesIn += expected;
  const tmpDir = path.join(ctx.storageDir, '.partial');
  const offsets: number[] = [];
  for (let i = 0, at = 4 + headerLength; i < files.length; at += files[i]!.file.size, i++) offsets.push(at);
  const results = new Array<BatchResult>(files.length);
  const hashes: [string, number, number, string][] = [];
  // Each folder is made once per batch, however many of its files the batch carries.
  const folders = new Map<string, Promise<unknown>>();
  const folder = (dir: string) => {
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  const commit = async (i: number): Promise<void> => {
    const { file, at: where } = files[i]!;
    const bytes = body.subarray(offsets[i]!, offsets[i]! + file.size);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      results[i] = { ok: false, error: 'HASH_MISMATCH', message: 'The bytes do not match the announced sha256; send the file again.' };
      return;
    }
    try {
      await folder(path.dirname(where.diskPath));
      const tmp = path.join(tmpDir, `${randomUUID()}.batch`);
      await writeFile(tmp, bytes);
      await rename(tmp, where.diskPath).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        // A folder where the file goes: the rename says EISDIR on Linux, other codes elsewhere.
        if ((await stat(where.diskPath).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
        throw e;
      });
      const st = await stat(where.diskPath);
      hashes.push([where.diskPath, st.size, st.mtimeMs, file.sha256]);
      const key = `${bid}${where.serverPath}`;
      ctx.storageStats.commits.set(key, (ctx.storageStats.commits.get(key) ?? 0) + 1);
      results[i] = { ok: true };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const clash = code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR';
      results[i] = { ok: false, error: clash ? 'PATH_CONFLICT' : 'INTERNAL', message: clash ? 'A file and a folder collide on this path.' : `Storage failure: ${(err as Error).message}` };
    }
  };
  // A few files at once (the disk works while one is hashed); each is still verified and committed on its own.
  let next = 0;
  const worker = async () => {
    // The client is gone (cancelled, or the farm closes): commit no more of its batch.
    while (next < files.length && !req.socket?.destroyed) await commit(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, files.length) }, worker));
  } finally {
    if (hashes.length) rememberHashes(ctx.db, hashes);
  }
  // Files not reached because the client left have no result: answer with what was committed.
  const answered = results.findIndex((r) => r === undefined);
  if (answered >= 0) results.length = answered;
  return { results };
}
