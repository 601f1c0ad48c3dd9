/** Streaming sha256 of stored files, cached in the farm DB by (path, size, mtime). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import type { FarmDb } from '../db';

/** sha256 hex of a file, streamed (never loaded whole). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The two statements, prepared once per farm DB (preparing costs more than the lookup itself). */
type Statements = { select: Database.Statement<[string]>; upsert: Database.Statement<[string, number, number, string]> };
const statements = new WeakMap<FarmDb, Statements>();
function prepared(db: FarmDb) {
  let st = statements.get(db);
  if (!st) {
    st = {
      select: db.prepare<[string]>('SELECT size, mtime_ms, sha256 FROM file_hashes WHERE path = ?'),
      upsert: db.prepare<[string, number, number, string]>('INSERT OR REPLACE INTO file_hashes (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)'),
    };
    statements.set(db, st);
  }
  return st;
}

/** sha256 of a stored file, reusing the cached value while size and mtime are unchanged. */
export async function cachedHash(db: FarmDb, file: string): Promise<{ sha256: string; size: number; mtimeMs: number }> {
  const st = await stat(file);
  const row = prepared(db).select.get(file) as
    | { size: number; mtime_ms: number; sha256: string } | undefined;
  if (row && row.size === st.size && row.mtime_ms === st.mtimeMs) return { sha256: row.sha256, size: st.size, mtimeMs: st.mtimeMs };
  const sha256 = await hashFile(file);
  rememberHash(db, file, st.size, st.mtimeMs, sha256);
  return { sha256, size: st.size, mtimeMs: st.mtimeMs };
}

/** Records a hash the server already knows (after a verified commit or a rendered frame). */
export function rememberHash(db: FarmDb, file: string, size: number, mtimeMs: number, sha256: string): void {
  prepared(db).upsert.run(file, size, mtimeMs, sha256);
}

/** Records many hashes in one transaction (a batch of small files). */
export function rememberHashes(db: FarmDb, rows: readonly [file: string, size: number, mtimeMs: number, sha256: string][]): void {
  const { upsert } = prepared(db);
  db.transaction(() => {
    for (const r of rows) upsert.run(...r);
  })();
}
