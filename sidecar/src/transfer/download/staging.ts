/**
 * Staging folders for engines that drive another program (transmitter, Raysync client): files land
 * in a hidden `.rvdl-*` folder next to their final place and are renamed in once complete. A folder
 * left by a killed run is swept when it has not changed for a day (an orphaned program may still be
 * writing into a fresher one).
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const STAGING_PREFIX = '.rvdl-';
const STALE_MS = 24 * 3600 * 1000;

/** Creates a staging folder in `dir` (creating `dir`), after removing stale ones there. */
export async function makeStaging(dir: string, now = Date.now()): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const full = path.join(dir, name);
    const st = await stat(full).catch(() => undefined);
    if (st?.isDirectory() && now - st.mtimeMs > STALE_MS) await rm(full, { recursive: true, force: true });
  }
  return mkdtemp(path.join(dir, STAGING_PREFIX));
}
