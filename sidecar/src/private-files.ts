/**
 * Files a user owns stay theirs (issue 19): the SDK home, the record DBs, logs and discovery files
 * are created owner-only (folders 0700, files 0600) whatever the umask, with an explicit chmod, since
 * a umask only narrows a mode. Only what this call creates is changed: an existing folder (the
 * user's HOME, a workspace they chose) keeps its mode. On Windows modes are not POSIX: nothing to do.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

const posix = process.platform !== 'win32';

/** `mkdir -p` with every folder it creates set to 0700. */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!first || !posix) return;
  // mkdirSync answers the topmost folder it created: tighten it and everything below it down to `dir`.
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chmodSync(d, 0o700);
    if (d === path.resolve(first) || path.dirname(d) === d) break;
  }
}

/** Creates `file` (and its folders, 0700) as an empty 0600 file when it does not exist; an existing file is tightened to 0600. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  closeSync(openSync(file, 'a', 0o600));
  if (posix) chmodSync(file, 0o600);
}
