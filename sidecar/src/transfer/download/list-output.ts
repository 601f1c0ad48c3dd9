/**
 * Lists the files of an output folder through `api.transmit.getOutputFiles` (the documented
 * listing, spec/api.md §3.6), walking sub-folders, and turns each row into a remote version.
 */
import { throwIfAborted } from '../../errors';
import { itemsOf, type DownloadApi, type OutputFileRow } from './api-shape';
import { unsafeReason } from './safe-path';

export interface ListedFile {
  /** Path relative to the storage root, exactly as listed, with one leading "/" removed. */
  relative: string;
  size: number;
  mtime?: string;
  sha256?: string;
}

/** Strips one leading slash and turns backslashes into slashes; keeps everything else for the safety check. */
export function listedRelative(filePath: string): string {
  const unified = filePath.replace(/\\/g, '/');
  return unified.startsWith('/') && !unified.startsWith('//') ? unified.slice(1) : unified;
}

/** Every file under `folder` (relative to the output root), at most `maxFolders` folders deep-walked. */
export async function listOutputFiles(
  api: DownloadApi,
  folder: string,
  signal?: AbortSignal,
  onRefused?: (serverPath: string, reason: string) => void,
  maxFolders = 10_000,
): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  const pending = ['/' + folder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '')];
  const seen = new Set<string>();
  while (pending.length > 0) {
    throwIfAborted(signal);
    const tree = pending.shift()!;
    if (seen.has(tree) || seen.size >= maxFolders) continue;
    seen.add(tree);
    const rows = itemsOf<OutputFileRow>(await api.transmit.getOutputFiles(undefined, tree, { signal }));
    for (const row of rows) {
      const filePath = row.filePath ?? (row.fileName ? `${tree.replace(/\/+$/, '')}/${row.fileName}` : undefined);
      if (!filePath) continue;
      if (row.directory) {
        const dir = listedRelative(filePath).replace(/\/+$/, '');
        const reason = unsafeReason(dir);
        if (reason) onRefused?.(filePath, reason);
        else pending.push('/' + dir);
        continue;
      }
      const size = Number(row.fileSize ?? 0);
      files.push({
        relative: listedRelative(filePath),
        size: Number.isFinite(size) && size >= 0 ? size : 0,
        mtime: row.lastModify === null || row.lastModify === undefined ? undefined : String(row.lastModify),
        sha256: row.sha256,
      });
    }
  }
  return files;
}
