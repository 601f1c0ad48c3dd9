/** What every part of a running farm shares: its database, folders, faults and address. */
import type { FarmDb } from './db';
import type { FaultGate } from './faults';
import type { FarmLog } from './net-guard';

/** One request as the farm saw it (tests count calls with it, e.g. "createTask was sent once"). */
export interface FarmRequestRecord {
  method: string;
  path: string;
  kind: 'api' | 'storage';
  /** The injected fault, if any. */
  fault?: 'error' | 'drop' | 'hang';
  at: number;
}

/** What the storage received, for tests and benches: commits per `<bid><server path>`, chunk bytes in. */
export interface StorageStats {
  commits: Map<string, number>;
  bytesIn: number;
}

export interface FarmContext {
  db: FarmDb;
  /** Root folder of the farm (database, storage). */
  dir: string;
  /** `<dir>/storage`: one folder per bid, plus `.partial/` for pending uploads. */
  storageDir: string;
  faults: FaultGate;
  /** Port the server listens on, known once it is bound (getConfig advertises it). */
  port: number;
  host: string;
  /** Seconds a signed UTCTimestamp may differ from the farm clock before 610 SIGNATURE_EXPIRED. */
  signatureWindowSec: number;
  /** Milliseconds one frame takes to render. */
  frameDurationMs: number;
  /** Frames of one (sub-)task rendering at the same time, as on several render nodes. */
  parallelFrames: number;
  /** Headers and small bodies must arrive within this; a transfer may not stall longer. */
  requestTimeoutMs: number;
  /** Where dropped connections are logged, once each with the cause. */
  log: FarmLog;
  /** The last requests received (capped), newest last. */
  requests: FarmRequestRecord[];
  /** Counters of the storage (commits per file, bytes received). */
  storageStats: StorageStats;
  /** Now in ms; replaceable so the clock is one place. */
  now(): number;
}
