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

class SqliteRecordStore implements RecordStore {
  readonly kind = 'sqlite' as const;
  private readonly select: Database.Statement<[string], { r_val: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(private readonly db: Database.Database, private readonly file: string) {
    this.select = db.prepare('SELECT r_val FROM record WHERE r_key = ?');
    // Same effect as the transmitter's delete-then-insert, in one statement.
    this.upsert = db.prepare('INSERT OR REPLACE INTO record (r_key, r_val, r_time) VALUES (?, ?, ?)');
  }

  async getMany(keys: string[]): Promise<(string | null)[]> {
    // One read transaction for the whole batch instead of one per key.
    return this.db.transaction(() => keys.map((k) => this.select.get(k)?.r_val ?? null))();
  }

  async put(key: string, value: string): Promise<void> {
    this.upsert.run(key, value, recordTime());
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
