/**
 * The SDK home folder (shared-agreements.md): `RAYVISION_SDK_HOME` when set, else
 * `<USERPROFILE or HOME>/renderfarm_sdk`. The discovery file lives there.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The SDK home folder, read from the environment at call time. */
export function sdkHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RAYVISION_SDK_HOME) return env.RAYVISION_SDK_HOME;
  return join(env.USERPROFILE || env.HOME || homedir(), 'renderfarm_sdk');
}
