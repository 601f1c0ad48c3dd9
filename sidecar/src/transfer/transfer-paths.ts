/**
 * Where the record DB and the transmitter's logs live (spec/transfer.md §3.6), and the environment a
 * transfer child process gets. Priority is the old SDK's; the difference: nothing is written
 * machine-wide (no `setx /m`) and `process.env` is never mutated: the result is an env object that
 * is passed to execa for the child only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sdkHome } from './sdk-home';
import type { TransferSettings } from './db-config';

export type PathSource = 'config' | 'env' | 'home';

export interface ResolvedPath {
  path: string;
  /** Which rule chose it: the ini value, the env var, or the SDK home. */
  source: PathSource;
}

const usable = (p: string | undefined): p is string => !!p && existsSync(p);

/** db_path: the ini value if it exists, else RAYVISION_DB if it exists, else the SDK home. */
export function resolveDbDir(settings: TransferSettings, env: NodeJS.ProcessEnv = process.env): ResolvedPath {
  if (usable(settings.dbPath)) return { path: settings.dbPath, source: 'config' };
  if (usable(env.RAYVISION_DB)) return { path: env.RAYVISION_DB, source: 'env' };
  return { path: sdkHome(env), source: 'home' };
}

/** transfer_log_path: the ini value if it exists, else RAYVISION_LOG if it exists, else the SDK home. */
export function resolveTransferLogDir(settings: TransferSettings, env: NodeJS.ProcessEnv = process.env): ResolvedPath {
  if (usable(settings.transferLogPath)) return { path: settings.transferLogPath, source: 'config' };
  if (usable(env.RAYVISION_LOG)) return { path: env.RAYVISION_LOG, source: 'env' };
  return { path: sdkHome(env), source: 'home' };
}

/** The environment for a transfer child process: a copy of `env` with RAYVISION_LOG set. */
export function transferChildEnv(settings: TransferSettings, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, RAYVISION_LOG: resolveTransferLogDir(settings, env).path };
}

/** The per-upload SQLite file: `<db dir>/db/<name of upload.json's folder>.db` (the old cache scope). */
export function sqliteRecordPath(dbDir: string, uploadJsonPath: string): string {
  const tag = path.basename(path.dirname(path.resolve(uploadJsonPath)));
  return path.join(dbDir, 'db', `${tag}.db`);
}
