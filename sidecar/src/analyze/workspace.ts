import { ensurePrivateDir } from '../private-files';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CGFileNotExistsError } from './errors';

/**
 * The SDK home: `RAYVISION_SDK_HOME` when set, else `<USERPROFILE or HOME>/renderfarm_sdk`
 * (shared agreement; the old SDK keyed this on a "win" substring that also matched macOS).
 */
export function sdkHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RAYVISION_SDK_HOME) return env.RAYVISION_SDK_HOME;
  const home = (process.platform === 'win32' ? env.USERPROFILE : env.HOME) ?? env.HOME ?? env.USERPROFILE ?? os.homedir();
  return path.join(home, 'renderfarm_sdk');
}

let lastStamp = '';
let sequence = 0;

/** `<unix seconds><pid>` as the old SDK, plus `-<n>` when the same process asks twice in one second. */
function nextStamp(): string {
  const base = `${Math.floor(Date.now() / 1000)}${process.pid}`;
  if (base === lastStamp) sequence += 1;
  else {
    lastStamp = base;
    sequence = 0;
  }
  return sequence === 0 ? base : `${base}-${sequence}`;
}

/**
 * Creates a fresh analysis folder `<root>/<stamp>/`. `workspace`, when given, must exist (it is not
 * created); the default root is created. `mkdir` without `recursive` fails on an existing folder,
 * so two analyses (even from two processes) never share one.
 */
export async function createAnalysisFolder(workspace?: string): Promise<string> {
  let root: string;
  if (workspace) {
    const info = await stat(workspace).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new CGFileNotExistsError(`The workspace folder ${workspace} does not exist; create it or leave workspace unset.`, {
        details: { workspace },
      });
    }
    root = workspace;
  } else {
    root = sdkHome();
    ensurePrivateDir(root);
  }
  for (;;) {
    const dir = path.join(root, nextStamp());
    try {
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/**
 * After a failed or cancelled analysis: removes its folder when it is still empty, so failures leave
 * no clutter; a folder that holds something (the tips.json of a missing DCC) is kept.
 */
export async function dropEmptyAnalysisFolder(dir: string): Promise<void> {
  await rmdir(dir).catch(() => undefined);
}
