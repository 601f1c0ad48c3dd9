/**
 * Writes a file atomically: a temp file in the same folder, fsync, then rename over the target.
 * A crash leaves either the old file or the new one, never half of one. Shared by the job files and
 * the owner-only credential files, so it sits below both layers.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * `mode` (e.g. 0o600 for secrets) is set exactly, whatever the umask; without it the file is 0644
 * narrowed by the umask, as any file the user writes.
 */
export async function writeFileAtomic(file: string, content: string | Buffer, opts: { mode?: number } = {}): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    if (opts.mode !== undefined && process.platform !== 'win32') await handle.chmod(opts.mode);
    await handle.writeFile(content);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
