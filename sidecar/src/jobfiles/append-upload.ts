import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from './atomic-write';
import { convertPath, type ConvertPathOptions } from './convert-path';
import { JobFileError, JOBFILE_CODES } from './errors';
import type { UploadJson } from './types';

/** Every file under a folder, recursively, forward-slash paths in a stable (sorted) order. */
async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkFiles(full)));
    else out.push(full);
  }
  return out;
}

async function loadUpload(uploadPath: string): Promise<UploadJson> {
  let text: string;
  try {
    text = await readFile(uploadPath, 'utf8');
  } catch {
    throw new JobFileError('ERR_UPLOAD_JSON_MISSING', `${uploadPath} is not exist; run the analysis (or create upload.json) first.`, {
      farmCode: JOBFILE_CODES.uploadJsonMissing,
      details: { file: uploadPath },
    });
  }
  // The old SDK silently reset a damaged upload.json to an empty list, losing every file an analysis
  // had listed (a render then misses its textures); we refuse and leave the file as it is.
  const invalid = (what: string, cause?: unknown): JobFileError =>
    new JobFileError('ERR_JOBFILE_INVALID', `${uploadPath} ${what}; nothing was added. Re-run the analysis to rebuild it.`, {
      ...(cause ? { cause } : {}),
      details: { file: uploadPath },
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw invalid('is not valid JSON', err);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid('must hold a JSON object');
  const upload = data as UploadJson;
  if (upload.asset === undefined) upload.asset = [];
  if (!Array.isArray(upload.asset)) throw invalid('has an "asset" that is not a list');
  return upload;
}

/**
 * Adds files to upload.json `asset` (spec/api.md §6.3): folders (given alone or in a list) expand to
 * every file inside; each path must exist (1000004, nothing written) and a relative one is made
 * absolute; a path whose forward-slash form is already listed is skipped. Entries are `{ local, server }`.
 */
export async function appendToUpload(filesPaths: string | string[], uploadPath: string, options: ConvertPathOptions = {}): Promise<void> {
  if (typeof filesPaths !== 'string' && !Array.isArray(filesPaths)) {
    throw new JobFileError('ERR_BAD_ARGUMENT', 'files_paths must be a string or a list of strings.', { farmCode: JOBFILE_CODES.badArgument });
  }
  const upload = await loadUpload(uploadPath);
  const given = typeof filesPaths === 'string' ? [filesPaths] : filesPaths;
  const files: string[] = [];
  for (const p of given) {
    if (typeof p !== 'string') {
      throw new JobFileError('ERR_BAD_ARGUMENT', 'files_paths must be a string or a list of strings.', { farmCode: JOBFILE_CODES.badArgument });
    }
    const info = await stat(p).catch(() => undefined);
    if (!info) {
      throw new JobFileError('ERR_FILE_NOT_FOUND', `${p.replace(/\\/g, '/')} is not exist; check the path before adding it to upload.json.`, {
        farmCode: JOBFILE_CODES.fileNotFound,
        details: { file: p },
      });
    }
    // relative paths are made absolute: the uploader and the server path need the full location
    const full = path.isAbsolute(p) ? p : path.resolve(p);
    if (info.isDirectory()) files.push(...(await walkFiles(full)));
    else files.push(full);
  }
  const known = new Set(upload.asset.map((a) => String(a.local).replace(/\\/g, '/')));
  for (const file of files) {
    const local = file.replace(/\\/g, '/');
    if (known.has(local)) continue;
    known.add(local);
    upload.asset.push({ local, server: convertPath(local, options) });
  }
  await writeJsonAtomic(uploadPath, upload);
}
