import { readUploadJson } from './read';
import { writeJsonAtomic } from './atomic-write';
import { JobFileError, JOBFILE_CODES } from './errors';

const norm = (p: string): string => p.replace(/\\/g, '/').replace(/\/+$/, '');

/**
 * Leaves files out of upload.json `asset`: each given path drops the entry with that local path, or
 * every entry under it when it is a folder. A path that matches nothing, or the scene file itself
 * (the farm cannot render without it), is refused and nothing is written.
 */
export async function removeFromUpload(paths: string[], uploadPath: string): Promise<void> {
  const upload = await readUploadJson(uploadPath);
  const scenes = new Set((upload.scene ?? []).map((s) => norm(String(s.local))));
  let assets = upload.asset;
  for (const given of paths) {
    const p = norm(given);
    if (scenes.has(p)) {
      throw new JobFileError('ERR_BAD_ARGUMENT', `assets.remove: ${p} is the scene file; the farm needs it, so it stays in the upload.`, {
        farmCode: JOBFILE_CODES.badArgument,
        details: { field: 'assets.remove', file: p },
      });
    }
    const kept = assets.filter((a) => {
      const local = norm(String(a.local));
      return local !== p && !local.startsWith(p + '/');
    });
    if (kept.length === assets.length) {
      throw new JobFileError('ERR_FILE_NOT_FOUND', `assets.remove: ${p} is not in the upload list; nothing was removed.`, {
        farmCode: JOBFILE_CODES.fileNotFound,
        details: { field: 'assets.remove', file: p },
      });
    }
    assets = kept;
  }
  upload.asset = assets;
  await writeJsonAtomic(uploadPath, upload);
}
