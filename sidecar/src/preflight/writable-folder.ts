/**
 * A folder that must exist and take files: created level by level (never Node's recursive mkdir,
 * which spins forever under /proc), then proven writable by creating and removing a probe file.
 * Every step is bounded and cancellable; levels it created are removed again when the probe fails.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FarmError } from '../errors';
import { bounded, StepTimeoutError, type BoundOptions } from './bounded';

/** The folder cannot be created or written; `details.field` names the option that gave it. */
export class FolderNotWritableError extends FarmError {
  constructor(folder: string, reason: string, field: string, cause?: unknown) {
    super('ERR_FOLDER_NOT_WRITABLE', `The folder ${folder} cannot be used (${reason}); pass a writable folder as ${field}.`, {
      cause,
      details: { folder, reason, field, fieldPhrase: field },
    });
  }
}

const MAX_LEVELS = 64;

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

async function statOrUndefined(p: string, o: BoundOptions) {
  try {
    return await bounded(`stat ${p}`, () => stat(p), o);
  } catch (e) {
    if (['ENOENT', 'ENOTDIR'].includes(codeOf(e))) return codeOf(e) === 'ENOENT' ? undefined : ('ENOTDIR' as const);
    throw e;
  }
}

/** The missing levels from `dir` up to its first existing ancestor (outermost first). */
async function missingLevels(dir: string, o: BoundOptions, field: string): Promise<string[]> {
  const missing: string[] = [];
  for (let cur = dir; missing.length <= MAX_LEVELS; cur = path.dirname(cur)) {
    const st = await statOrUndefined(cur, o);
    if (st === 'ENOTDIR') {
      missing.length = 0;
      continue; // a file sits somewhere above: keep climbing to report it
    }
    if (st) {
      if (!st.isDirectory()) throw new FolderNotWritableError(dir, `${cur} is a file, not a folder`, field);
      return missing.reverse();
    }
    if (path.dirname(cur) === cur) break;
    missing.push(cur);
  }
  throw new FolderNotWritableError(dir, 'no existing parent folder', field);
}

export interface WritableFolderOptions extends BoundOptions {
  /** The option that named the folder, for the message (`localPath`, `download.localPath` …). */
  field?: string;
  /** Folders it creates are owner-only (0700, whatever the umask): the record DB's, the SDK home's. */
  private?: boolean;
}

/** Creates `dir` if needed and proves a file can be written there; throws FolderNotWritableError otherwise. */
export async function ensureWritableFolder(dir: string, options: WritableFolderOptions = {}): Promise<void> {
  const field = options.field ?? 'localPath';
  const folder = path.resolve(dir);
  const created: string[] = [];
  const fail = (reason: string, cause?: unknown): never => {
    throw new FolderNotWritableError(folder, reason, field, cause);
  };
  try {
    for (const level of await missingLevels(folder, options, field)) {
      const make = options.private ? async () => { await mkdir(level, 0o700); await chmod(level, 0o700); } : () => mkdir(level);
      await bounded(`mkdir ${level}`, make, options).catch((e) => (codeOf(e) === 'EEXIST' ? undefined : fail(`mkdir ${level}: ${codeOf(e)}`, e)));
      created.push(level);
    }
    const probe = path.join(folder, `.rayvision-probe-${randomBytes(6).toString('hex')}`);
    const handle = await bounded(`write ${probe}`, () => open(probe, 'wx'), options).catch((e) => fail(`cannot write a file: ${codeOf(e)}`, e));
    await bounded(`close ${probe}`, () => handle.close(), options);
    await bounded(`unlink ${probe}`, () => unlink(probe), options);
  } catch (err) {
    // Nothing half-done: remove the empty levels this call made.
    for (const level of created.reverse()) await rmdir(level).catch(() => {});
    if (err instanceof StepTimeoutError) fail(err.message, err);
    if (err instanceof FarmError) throw err;
    fail(codeOf(err), err);
  }
}
