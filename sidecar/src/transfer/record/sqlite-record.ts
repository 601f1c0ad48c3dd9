/**
 * SQLite upload records (better-sqlite3, WAL), table `record(r_key, r_val, r_time)` as the
 * transmitter creates it, so an existing `<db dir>/db/<tag>.db` keeps working.
 */
import { rmSync } from 'node:fs';
import { ensurePrivateFile } from '../../private-files';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RecordDbUnavailableError } from '../errors';
import { recordTime } from './record-key';
import type { RecordStore } from './record-store';

/** Keys per SELECT: well below SQLite's bound-parameter limit. */
const MAX_KEYS = 4096;

class SqliteRecordStore implements RecordStore {
  readonly kind = 'sqlite' as const;
  private readonly upsert: Database.Statement<[string, string, string]>;
  /** `SELECT … WHERE r_key IN (?, …)` by number of keys: a planner asks with one or two sizes. */
  private readonly selects = new Map<number, Database.Statement<string[], [string, string]>>();

  constructor(private readonly db: Database.Database, private readonly file: string) {
    // Same effect as the transmitter's delete-then-insert, in one statement.
    this.upsert = db.prepare('INSERT OR REPLACE INTO record (r_key, r_val, r_time) VALUES (?, ?, ?)');
  }

  private selectFor(n: number): Database.Statement<string[], [string, string]> {
    let st = this.selects.get(n);
    if (!st) {
      if (this.selects.size >= 8) this.selects.clear();
      st = this.db.prepare<string[], [string, string]>(`SELECT r_key, r_val FROM record WHERE r_key IN (${'?,'.repeat(n - 1)}?)`).raw(true);
      this.selects.set(n, st);
    }
    return st;
  }

  async getMany(keys: string[]): Promise<(string | null)[]> {
    // One statement per batch of keys (SQLite binds up to 32,766 values), not one lookup per key.
    const out = new Array<string | null>(keys.length).fill(null);
    for (let at = 0; at < keys.length; at += MAX_KEYS) {
      const part = at === 0 && keys.length <= MAX_KEYS ? keys : keys.slice(at, at + MAX_KEYS);
      const found = new Map<string, string>(this.selectFor(part.length).all(...part));
      for (let i = 0; i < part.length; i++) out[at + i] = found.get(part[i]!) ?? null;
    }
    return out;
  }

  async put(key: string, value: string): Promise<void> {
    this.upsert.run(key, value, recordTime());
  }

  async putMany(entries: readonly (readonly [key: string, value: string])[]): Promise<void> {
    const now = recordTime();
    // One transaction (one WAL commit) for the whole batch.
    this.db.transaction(() => {
      for (const [k, v] of entries) this.upsert.run(k, v, now);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async discard(): Promise<void> {
    await this.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.file + suffix, { force: true });
  }
}

/** Open (creating if needed) the SQLite record file. */
export function openSqliteRecords(file: string): RecordStore {
  try {
    // 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
    ensurePrivateFile(file);
    const db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS record (r_key CHAR(2048) PRIMARY KEY NOT NULL, r_val CHAR(64) NOT NULL, r_time CHAR(20) NOT NULL)');
    return new SqliteRecordStore(db, file);
  } catch (cause) {
    throw new RecordDbUnavailableError(`Cannot open the upload-record database ${file}; check that the folder is writable or set [DATABASE_CONFIG] db_path.`, {
      cause,
      details: { path: file },
    });
  }
}
