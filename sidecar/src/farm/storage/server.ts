/**
 * The storage half of the farm: `/storage/<bid>/<path>` with Basic auth of the account advertised by
 * getConfig. Dispatches to upload (init/chunk/commit), download (GET/HEAD) and listing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findByStorageName, type Account } from '../accounts';
import type { FarmContext } from '../context';
import { BodyTimeoutError, BodyTooLargeError, readBodyText } from '../read-body';
import { listFolder, serveFile } from './download';
import { parseStoragePath } from './paths';
import { CutConnectionError, sendJson, sendStorageError, StorageHttpError } from './reply';
import { uploadChunk, uploadCommit, uploadInit } from './upload';
import { batchInit, batchUpload } from './batch';

function authenticate(ctx: FarmContext, req: IncomingMessage): Account {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!m) throw new StorageHttpError(401, 'UNAUTHORIZED', 'Storage requests need Basic auth with the account from getConfig.');
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const account = colon > 0 ? findByStorageName(ctx.db, text.slice(0, colon)) : undefined;
  const given = Buffer.from(text.slice(colon + 1));
  const expected = Buffer.from(account?.storagePassword ?? '');
  if (!account || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new StorageHttpError(401, 'UNAUTHORIZED', 'Unknown storage account or wrong password; fetch the account again with getConfig.');
  }
  return account;
}

/** The small JSON body of op=init or op=commit, within its size and time limits. */
async function readSmallBody(ctx: FarmContext, req: IncomingMessage, res: ServerResponse, op = 'init', limit = 64 * 1024): Promise<string> {
  try {
    return await readBodyText(req, limit, ctx.requestTimeoutMs);
  } catch (err) {
    if (err instanceof BodyTooLargeError || err instanceof BodyTimeoutError) res.setHeader('Connection', 'close');
    if (err instanceof BodyTooLargeError) throw new StorageHttpError(413, 'BODY_TOO_LARGE', `op=${op} takes a small JSON body (${limit / 1024} KiB at most).`);
    if (err instanceof BodyTimeoutError) throw new StorageHttpError(408, 'BODY_TIMEOUT', `The body did not arrive within ${ctx.requestTimeoutMs} ms; send it again.`);
    throw err;
  }
}

/** The optional `{ size, sha256 }` body of `op=commit` (older clients send none). */
function commitClaim(text: string): { size?: number; sha256?: string } {
  if (!text.trim()) return {};
  let b: { size?: unknown; sha256?: unknown };
  try {
    b = JSON.parse(text) as typeof b;
  } catch {
    throw new StorageHttpError(400, 'BAD_REQUEST', 'op=commit takes an optional JSON body { "size": <bytes>, "sha256": "<64 hex>" }.');
  }
  const ok = Number.isSafeInteger(b?.size) && typeof b?.sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(b.sha256);
  if (!ok) throw new StorageHttpError(400, 'BAD_REQUEST', 'op=commit takes an optional JSON body { "size": <bytes>, "sha256": "<64 hex>" }.');
  return { size: b.size as number, sha256: b.sha256 as string };
}

/** Handles one storage request; always answers (errors in the protocol's JSON shape). */
export async function handleStorage(ctx: FarmContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const account = authenticate(ctx, req);
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const p = parseStoragePath(ctx.storageDir, rawPath);
    const own = [account.inputBid, account.configBid, account.outputBid, account.parentInputBid];
    if (!own.includes(p.bid)) throw new StorageHttpError(403, 'FORBIDDEN', `Storage ${p.bid} does not belong to this account.`);
    const op = url.searchParams.get('op');
    if (req.method === 'POST' && op === 'init') {
      const text = await readSmallBody(ctx, req, res);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new StorageHttpError(400, 'BAD_REQUEST', 'op=init needs a JSON body.');
      }
      return sendJson(res, 200, await uploadInit(ctx, p, body));
    }
    if (req.method === 'POST' && op === 'batch-init') {
      let header: unknown;
      try {
        header = JSON.parse(await readSmallBody(ctx, req, res, 'batch-init', 4 * 1024 * 1024));
      } catch (err) {
        if (err instanceof StorageHttpError) throw err;
        throw new StorageHttpError(400, 'BAD_REQUEST', 'op=batch-init needs a JSON body { "files": [...] }.');
      }
      return sendJson(res, 200, await batchInit(ctx, p.bid, header));
    }
    if (req.method === 'POST' && op === 'batch') return sendJson(res, 200, await batchUpload(ctx, p.bid, req));
    if (req.method === 'PUT' && op === 'chunk') return sendJson(res, 200, await uploadChunk(ctx, p, url.searchParams.get('offset'), req));
    if (req.method === 'POST' && op === 'commit') return sendJson(res, 200, await uploadCommit(ctx, p, commitClaim(await readSmallBody(ctx, req, res, 'commit'))));
    if (req.method === 'GET' && op === 'list') return sendJson(res, 200, await listFolder(ctx, p));
    if ((req.method === 'GET' || req.method === 'HEAD') && op === null) {
      if (p.segments.length === 0) throw new StorageHttpError(400, 'IS_DIRECTORY', 'The storage root is a folder; list it with ?op=list.');
      return await serveFile(ctx, p, req, res);
    }
    throw new StorageHttpError(405, 'BAD_METHOD', `${req.method} with op=${op ?? '(none)'} is not a storage operation.`);
  } catch (err) {
    if (err instanceof CutConnectionError) {
      req.socket?.destroy();
      res.destroy();
      return;
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof StorageHttpError) return sendStorageError(res, err.status, err.error, err.message, err.extra);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
      return sendStorageError(res, 409, 'PATH_CONFLICT', 'A file and a folder collide on this path.');
    }
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET') {
      res.destroy();
      return;
    }
    sendStorageError(res, 500, 'INTERNAL', `Storage failure: ${(err as Error).message}`);
  }
}
