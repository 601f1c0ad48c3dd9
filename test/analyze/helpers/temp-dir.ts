import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempTree {
  dir: string;
  /** Creates `rel` (and its folders) inside the tree; returns its full path. */
  file: (rel: string, content?: string | Buffer) => Promise<string>;
  /** Removes the tree and restores RAYVISION_SDK_HOME when the tree had replaced it. */
  cleanup: () => Promise<void>;
}

/**
 * A temp folder with helpers to create files. With `sdkHome`, RAYVISION_SDK_HOME points at
 * `<dir>/home` until cleanup, so analyses without a workspace stay inside the tree.
 */
export async function tempTree(prefix = 'analyze-', options: { sdkHome?: boolean } = {}): Promise<TempTree> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const savedHome = process.env.RAYVISION_SDK_HOME;
  if (options.sdkHome) process.env.RAYVISION_SDK_HOME = path.join(dir, 'home');
  return {
    dir,
    file: async (rel, content = 'x') => {
      const full = path.join(dir, rel);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
      return full;
    },
    cleanup: async () => {
      if (options.sdkHome) {
        if (savedHome === undefined) delete process.env.RAYVISION_SDK_HOME;
        else process.env.RAYVISION_SDK_HOME = savedHome;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
