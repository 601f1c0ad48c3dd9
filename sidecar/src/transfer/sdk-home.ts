/**
 * The SDK's home folder: `RAYVISION_SDK_HOME` when set, else `<USERPROFILE or HOME>/renderfarm_sdk`
 * (shared agreement). Reads only the env object it is given, so tests can pass their own.
 */
import path from 'node:path';
import os from 'node:os';
import { DbConfigError } from './errors';

/** Resolve the SDK home folder; nothing is created. */
export function sdkHome(env: NodeJS.ProcessEnv = process.env, localOs: string = os.platform()): string {
  if (env.RAYVISION_SDK_HOME) return env.RAYVISION_SDK_HOME;
  const base = localOs.startsWith('win') ? env.USERPROFILE : env.HOME;
  const fallback = base ?? os.homedir();
  if (!fallback) throw new DbConfigError('Neither RAYVISION_SDK_HOME nor HOME/USERPROFILE is set; set RAYVISION_SDK_HOME to a writable folder.');
  return path.join(fallback, 'renderfarm_sdk');
}
