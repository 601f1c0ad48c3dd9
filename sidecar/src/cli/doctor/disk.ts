/** Free space and write access where the SDK keeps its files and where frames land. */
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../stage-line';
import { fail, ok, warn, type CheckResult } from './check';

const FAIL_BELOW = 256 * 1024 ** 2;
const WARN_BELOW = 2 * 1024 ** 3;

/** The folder itself, or the nearest parent that exists (what a mkdir would land in). */
function existingAncestor(p: string): string {
  let dir = path.resolve(p);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function checkDisk(what: 'sdk-home' | 'download', folder: string): CheckResult {
  const id = `disk:${what}`;
  const label = what === 'sdk-home' ? 'SDK home' : 'download folder';
  const at = existingAncestor(folder);
  try {
    accessSync(at, constants.W_OK);
  } catch {
    return fail(id, `${label} ${folder}: ${at} is not writable`, what === 'sdk-home' ? 'set RAYVISION_SDK_HOME to a folder you can write' : 'download into a folder you can write (--download / --local-path)');
  }
  const fs = statfsSync(at);
  const free = fs.bavail * fs.bsize;
  const summary = `${label} ${folder}: ${formatBytes(free)} free`;
  if (free < FAIL_BELOW) return fail(id, summary, `free some space on the disk of ${at}, or use another folder`);
  if (free < WARN_BELOW) return warn(id, summary, `frames and records need room: free some space on the disk of ${at}`);
  return ok(id, summary);
}
