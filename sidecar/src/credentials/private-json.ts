/**
 * Owner-only JSON files (0600 in a 0700 folder), written atomically: a temp file opened 0600, fsync,
 * rename over the target. A crash leaves the old file or the new one; no moment exists where the
 * content is readable by others or half written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { ensurePrivateDir } from '../private-files';

/** The parsed file, or `fallback` when it does not exist. A file that is not JSON is an error naming it. */
export function readPrivateJson<T>(file: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}): fix or remove it.`, { cause: err });
  }
}

/** Writes `data` as JSON to `file`, mode 0600, atomically. */
export async function writePrivateJson(file: string, data: unknown): Promise<void> {
  ensurePrivateDir(path.dirname(file));
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
}
