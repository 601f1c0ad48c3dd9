/**
 * The slice of `RayvisionAPI` (sidecar/src/api) the download layer uses. Typed structurally so
 * this layer depends on the agreed method names, not on the client's internals.
 */
import type { TaskInfoItem } from './task-status';

export interface CallOptions {
  signal?: AbortSignal;
}

/** One row of `getOutputUserDirFile` (spec/api.md §3.6). */
export interface OutputFileRow {
  fileName?: string;
  fileSize?: number | string | null;
  lastModify?: string | number | null;
  filePath?: string;
  directory?: boolean;
  sha256?: string;
}

export interface EngineLine {
  name?: string;
  server?: string;
  port?: number | string;
  isDefault?: number | boolean;
}

export interface EngineConfig {
  engineName?: string;
  isDefault?: number | boolean;
  resqEngineAccounts?: { bid?: string | number; name?: string; password?: string }[] | null;
  respTaskEngineLines?: EngineLine[] | null;
}

export interface TransferConfig {
  inputBid?: string | number;
  outputBid?: string | number;
  configBid?: string | number;
  resqEngines?: EngineConfig[] | null;
}

export interface DownloadApi {
  userInfo: Record<string, unknown>;
  query: {
    taskInfo(taskIds: number[], options?: CallOptions): Promise<unknown>;
    getRaySyncUserKey?(options?: CallOptions): Promise<unknown>;
  };
  transmit: {
    getOutputFiles(taskId: number | undefined, treePath: string, options?: CallOptions): Promise<unknown>;
    getTransferConfig(options?: CallOptions): Promise<unknown>;
  };
  user?: { queryUserProfile?(options?: CallOptions): Promise<unknown> };
}

/** The `items` of a page response, or the array itself. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** queryTaskInfo items for the given ids (ids must be integers, spec/transfer.md §0). */
export async function fetchTaskInfo(api: DownloadApi, taskIds: number[], signal?: AbortSignal): Promise<TaskInfoItem[]> {
  return itemsOf<TaskInfoItem>(await api.query.taskInfo(taskIds, { signal }));
}
