/**
 * Reads from storage (docs/storage-protocol.md "Download"): GET with `Range: bytes=k-` (and k-m),
 * HEAD, and a recursive listing with sizes, mtimes and sha256.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FarmContext } from '../context';
import { cachedHash } from './hash';
import type { StoragePath } from './paths';
import { CutConnectionError, StorageHttpError } from './reply';

function parseRange(header: string, size: number): { start: number; end: number } {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new StorageHttpError(416, 'BAD_RANGE', 'Only a single "bytes=start-[end]" range is supported.', { size });
  let start: number;
  let end: number;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end) {
    throw new StorageHttpError(416, 'BAD_RANGE', `The range starts past the end of the file (${size} bytes).`, { size });
  }
  return { start, end };
}

/** GET/HEAD of one stored file, honouring a byte range. */
export async function serveFile(ctx: FarmContext, p: StoragePath, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const st = await stat(p.diskPath).catch(() => undefined);
  if (!st) throw new StorageHttpError(404, 'NOT_FOUND', `No file at ${p.serverPath} in storage ${p.bid}.`);
  if (!st.isFile()) throw new StorageHttpError(400, 'IS_DIRECTORY', `${p.serverPath} is a folder; list it with ?op=list.`);
  const { sha256 } = await cachedHash(ctx.db, p.diskPath);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Last-Modified': new Date(st.mtimeMs).toUTCString(),
    'X-Sha256': sha256,
  };
  const rangeHeader = req.headers.range;
  let start = 0;
  let end = st.size - 1;
  let status = 200;
  if (rangeHeader) {
    ({ start, end } = parseRange(rangeHeader, st.size));
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
  }
  const length = Math.max(0, end - start + 1);
  headers['Content-Length'] = length;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const cut = ctx.faults.cutAfter('download', (req.url ?? '').split('?')[0]!);
  if (cut !== undefined && cut < length) {
    if (cut > 0) await pipeline(createReadStream(p.diskPath, { start, end: start + cut - 1 }), res, { end: false });
    throw new CutConnectionError('download cut by fault injection');
  }
  await pipeline(createReadStream(p.diskPath, { start, end }), res);
}

export interface ListEntry { path: string; size: number; mtime: number; sha256: string }

/** Recursive listing below a folder; paths are relative to it and start with "/". */
export async function listFolder(ctx: FarmContext, p: StoragePath): Promise<ListEntry[]> {
  const st = await stat(p.diskPath).catch(() => undefined);
  if (!st) throw new StorageHttpError(404, 'NOT_FOUND', `No folder at ${p.serverPath} in storage ${p.bid} (nothing was written there yet).`);
  if (!st.isDirectory()) throw new StorageHttpError(400, 'NOT_A_DIRECTORY', `${p.serverPath} is a file; GET it instead of listing it.`);
  const out: ListEntry[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full, `${rel}/${e.name}`);
      else if (e.isFile()) {
        const h = await cachedHash(ctx.db, full);
        out.push({ path: `${rel}/${e.name}`, size: h.size, mtime: Math.floor(h.mtimeMs), sha256: h.sha256 });
      }
    }
  };
  await walk(p.diskPath, '');
  return out;
}
