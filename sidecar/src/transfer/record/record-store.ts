/**
 * The upload-record store: one writer (this process) over SQLite or Redis, chosen by db_config.ini
 * `type`. A record means "this exact file (size, mtime) is complete and verified on the farm".
 */

export interface RecordStore {
  readonly kind: 'sqlite' | 'redis';
  /** Values for `keys`, in order; null where there is no record. */
  getMany(keys: string[]): Promise<(string | null)[]>;
  /** Record one file as complete (replaces an older record of the same key). */
  put(key: string, value: string): Promise<void>;
  /** Flush and release the connection or file handle. */
  close(): Promise<void>;
  /** Remove every record of this store (SQLite `temporary`): deletes the DB file. */
  discard?(): Promise<void>;
}
