/**
 * Typed events of a download, so the sidecar can tell a DCC plugin to load a frame as it lands
 * (`download/frame`) and report odd situations without failing the whole download.
 */
import { EventEmitter } from 'node:events';

/** A file that is now complete and verified on disk. */
export interface FileLanded {
  taskId: string;
  /** Frame number parsed from the file name, when it carries one. */
  frame?: number;
  localPath: string;
  /** Path in the output storage, starting with "/". */
  serverPath: string;
  size: number;
}

export interface DownloadEventMap {
  file: [FileLanded];
  'file-failed': [{ taskId: string; serverPath: string; localPath: string; error: Error }];
  /** A listed name that would escape the local folder (or is otherwise unusable); nothing was written. */
  refused: [{ taskId: string; serverPath: string; reason: string }];
  /** A task status code that is in no documented table; the task is treated as still running. */
  'unknown-status': [{ taskId: string; codes: number[] }];
  /** A task's status as seen in one polling round. */
  status: [{ taskId: string; state: 'ended' | 'running' | 'unknown'; codes: number[] }];
  /** A polling round failed (e.g. the farm answered 5xx after the API client's retries); polling goes on. */
  'round-error': [{ error: Error; consecutive: number }];
  'task-end': [{ taskId: string; ok: boolean }];
}

/** A typed EventEmitter of the events above; RayvisionDownload is one. */
export class DownloadEvents extends EventEmitter<DownloadEventMap> {}
