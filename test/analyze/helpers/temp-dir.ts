import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temp folder with helpers to create files; `cleanup()` removes it. */
export async function tempTree(prefix = 'analyze-'): Promise<{ dir: string; file: (rel: string, content?: string | Buffer) => Promise<string>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: async (rel, content = 'x') => {
      const full = path.join(dir, rel);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
      return full;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
