/**
 * The outcome of a download call: files landed (with frames), skipped, refused and failed, bytes
 * fetched and the last state of each task. Also carried in `details.report` of download errors.
 */
import type { FileLanded } from './events';
import { emptyOutcome, type FetchOutcome } from './fetch-folders';
import { frameFromFileName } from './frame-number';

export interface DownloadReport {
  ok: boolean;
  files: FileLanded[];
  /** Distinct files that were already on disk and unchanged on the server, so this call did not fetch them. */
  skipped: number;
  refused: { taskId: string; serverPath: string; reason: string }[];
  failed: { taskId: string; serverPath: string; error: Error }[];
  /** Bytes the engine fetched. */
  bytes: number;
  /** Last seen state per task id. */
  tasks: Record<string, { state: 'ended' | 'running' | 'unknown'; codes: number[] }>;
}

/** A report of nothing (an empty task list in an auto mode). */
export function emptyReport(): DownloadReport {
  return toReport(emptyOutcome(), {});
}

/** The report of what a call did so far. */
export function toReport(o: FetchOutcome, tasks: DownloadReport['tasks']): DownloadReport {
  const landed = new Set(o.landed.map((f) => f.local));
  return {
    ok: o.failed.length === 0,
    files: o.landed.map((f) => ({ taskId: f.taskId, frame: frameFromFileName(f.server), localPath: f.local, serverPath: f.server, size: f.size ?? 0 })),
    // Files this call fetched are not "already here", even when a later auto round saw them unchanged.
    skipped: [...o.skipped].filter((local) => !landed.has(local)).length,
    refused: o.refused,
    failed: o.failed.map((f) => ({ taskId: f.file.taskId, serverPath: f.file.server, error: f.error })),
    bytes: o.bytes,
    tasks: { ...tasks },
  };
}
