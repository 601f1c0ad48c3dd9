/**
 * Decides, for one output folder, which listed files still have to be fetched and where each one
 * lands: safe local path (refusing escapes), the `downloadFilenameFormat` folder level, and the
 * journal's "already here and unchanged" rule.
 */
import type { TransferItem } from '../engines/engine';
import { UnsafePathError } from './errors';
import type { DownloadJournal, RemoteVersion } from './journal';
import type { ListedFile } from './list-output';
import { safeLocalPath, unsafeReason } from './safe-path';

export interface PlannedFile extends TransferItem {
  remote: RemoteVersion;
  taskId: string;
}

export interface RefusedFile {
  taskId: string;
  serverPath: string;
  reason: string;
}

export interface Plan {
  fetch: PlannedFile[];
  /** Files already downloaded, unchanged on the server. */
  skipped: PlannedFile[];
  refused: RefusedFile[];
}

export interface PlanInput {
  taskId: string;
  /** Output folder relative to the storage root ("123_scene" or "123_scene/layer"). */
  folder: string;
  files: ListedFile[];
  localRoot: string;
  /** true: keep the `<folder>` level under the local root; false: its contents go straight into it. */
  keepFolder: boolean;
  storageId: string;
  journal: DownloadJournal;
}

/** Splits a listing into files to fetch, files already here and refused (unsafe) names. */
export function planFolder(input: PlanInput): Plan {
  const folder = input.folder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  const plan: Plan = { fetch: [], skipped: [], refused: [] };
  for (const file of input.files) {
    const refuse = (reason: string) => plan.refused.push({ taskId: input.taskId, serverPath: file.relative, reason });
    const reason = unsafeReason(file.relative);
    if (reason) {
      refuse(reason);
      continue;
    }
    if (folder && file.relative !== folder && !file.relative.startsWith(folder + '/')) {
      refuse(`outside the task's output folder ${folder}`);
      continue;
    }
    const localRelative = input.keepFolder || !folder ? file.relative : file.relative.slice(folder.length + 1);
    let local: string;
    try {
      local = safeLocalPath(input.localRoot, localRelative || (file.relative.split('/').pop() ?? ''));
    } catch (error) {
      refuse(error instanceof UnsafePathError ? String(error.details?.reason ?? error.message) : String(error));
      continue;
    }
    const remote: RemoteVersion = { storageId: input.storageId, serverPath: '/' + file.relative, size: file.size, mtime: file.mtime, sha256: file.sha256 };
    const planned: PlannedFile = { local, server: remote.serverPath, size: file.size, remote, taskId: input.taskId };
    (input.journal.isDone(remote, local) ? plan.skipped : plan.fetch).push(planned);
  }
  return plan;
}
