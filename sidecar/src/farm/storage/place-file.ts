/**
 * Puts a whole file into a storage at once: written under `<storage>/.partial/` and renamed into
 * place, so a listing, a download or the render step never sees half of it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FarmContext } from '../context';

/** Writes `data` to `file` (inside ctx.storageDir) atomically, creating its folders. */
export async function placeFile(ctx: FarmContext, file: string, data: string | Buffer): Promise<void> {
  const tmp = path.join(ctx.storageDir, '.partial', `place-${randomBytes(8).toString('hex')}.tmp`);
  await writeFile(tmp, data);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
