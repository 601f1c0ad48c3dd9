/** Streaming sha256 of stored files, cached in the farm DB by (path, size, mtime). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FarmDb } from '../db';

/** sha256 hex of a file, streamed (never loaded whole). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** sha256 of a stored file, reusing the cached value while size and mtime are unchanged. */
export async function cachedHash(db: FarmDb, file: string): Promise<{ sha256: string; size: number; mtimeMs: number }> {
  const st = await stat(file);
  const row = db.prepare('SELECT size, mtime_ms, sha256 FROM file_hashes WHERE path = ?').get(file) as
    | { size: number; mtime_ms: number; sha256: string } | undefined;
  if (row && row.size === st.size && row.mtime_ms === st.mtimeMs) return { sha256: row.sha256, size: st.size, mtimeMs: st.mtimeMs };
  const sha256 = await hashFile(file);
  rememberHash(db, file, st.size, st.mtimeMs, sha256);
  return { sha256, size: st.size, mtimeMs: st.mtimeMs };
}

/** Records a hash the server already knows (after a verified commit or a rendered frame). */
export function rememberHash(db: FarmDb, file: string, size: number, mtimeMs: number, sha256: string): void {
  db.prepare('INSERT OR REPLACE INTO file_hashes (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)').run(file, size, mtimeMs, sha256);
}
