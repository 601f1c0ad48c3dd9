/**
 * The upload-record store: one writer (this process) over SQLite or Redis, chosen by db_config.ini
 * `type`. A record means "this exact file (size, mtime) is complete and verified on the farm".
 */

import type { ClaimOptions, HeldClaim } from '../claims/redis-claim';

export interface RecordStore {
  readonly kind: 'sqlite' | 'redis';
  /** Values for `keys`, in order; null where there is no record. */
  getMany(keys: string[]): Promise<(string | null)[]>;
  /** Record one file as complete (replaces an older record of the same key). */
  put(key: string, value: string): Promise<void>;
  /** Record many files at once: one SQLite transaction, one Redis MSET. */
  putMany(entries: readonly (readonly [key: string, value: string])[]): Promise<void>;
  /** Flush and release the connection or file handle. */
  close(): Promise<void>;
  /**
   * Wait for, then hold, the in-flight claim on one server file (stores shared by several processes:
   * Redis). The claim's lease expires on its own when the holder dies.
   */
  claim?(id: string, opts?: ClaimOptions): Promise<HeldClaim>;
  /** Remove every record of this store (SQLite `temporary`): deletes the DB file. */
  discard?(): Promise<void>;
}
