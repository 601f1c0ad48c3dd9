/**
 * The one interface every transfer engine implements (`http`, `transmitter`, `raysyncproxy`).
 * Upload and download, config and asset files, all go through `transfer()`; engines stream
 * progress with the shared progress shape and stop at the next safe point when `signal` fires.
 */
import type { ProgressListener } from '../../../../protocol/src/progress';

export type EngineName = 'http' | 'transmitter' | 'raysyncproxy';

/** Which farm storage a transfer talks to; the bid comes from the logged-in user's info. */
export type StorageKind = 'input' | 'config' | 'output';

export interface TransferItem {
  /** Absolute local path (upload: source; download: destination). */
  local: string;
  /** Server path inside the storage, always starting with "/" (e.g. "/D/tex/a.png", "/41235091/cfg/task.json"). */
  server: string;
  /** Size in bytes when known (upload: from stat; download: from the listing). */
  size?: number;
}

export interface TransferRequest {
  direction: 'upload' | 'download';
  storage: StorageKind;
  /** Storage id (bid) and owner user id, resolved by the caller (shareMainCapital rule, spec/transfer.md §1.4). */
  storageId: string;
  userId: string;
  items: TransferItem[];
  /** Rate limit in KB/s for this whole request (shared by all concurrent files); undefined = unlimited. */
  maxSpeedKBps?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /**
   * Wait for, then hold, the claim on one file before sending it (another process may be sending the
   * same server file); the engine releases it once the file ended either way.
   */
  claim?: (item: TransferItem, signal?: AbortSignal) => Promise<{ release(): Promise<void> } | undefined>;
  /** Called once per file as soon as it is complete and verified on the other side. */
  onItemDone?: (item: TransferItem) => void;
}

export interface TransferResult {
  done: TransferItem[];
  failed: { item: TransferItem; error: Error }[];
  bytes: number;
}

export interface TransferEngine {
  readonly name: EngineName;
  transfer(request: TransferRequest): Promise<TransferResult>;
}
