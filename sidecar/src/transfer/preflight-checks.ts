/**
 * The transfer layer's part of the preflight (preflight/): the download folder, db_config.ini,
 * the upload-record DB and the engine settings are proven usable before a task is created, so an
 * upload or a download cannot fail on them after the farm has rendered.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureWritableFolder, type PreflightCheck, type PreflightProblem } from '../preflight/index';
import { loadDbConfig } from './db-config';
import { engineNameOf } from './engines/registry';
import { kbpsToBytesPerSecond } from './rate-limit';
import { openRedisRecords } from './record/redis-record';
import { resolveDbDir } from './transfer-paths';

const problem = (code: string, field: string, message: string, phrase = field): PreflightProblem => ({
  code,
  field,
  ...(message.includes(phrase) ? { fieldPhrase: phrase } : {}),
  message,
});

/** The download folder exists or can be created, and takes files. `field` names the option that gave it. */
export function downloadFolderCheck(localPath: string, field = 'localPath'): PreflightCheck {
  return { name: 'download folder', run: ({ signal, timeoutMs }) => ensureWritableFolder(localPath, { signal, timeoutMs, field }) };
}

export interface TransferSettingsInput {
  dbConfigPath?: string | undefined;
  engine?: string | undefined;
  transmitterExe?: string | undefined;
  maxSpeed?: string | number | undefined;
  /** Whether the upload will use the record DB (default true). */
  isDb?: boolean | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** db_config.ini parses, its record DB opens (SQLite folder writable, Redis answers), the engine and speed are valid. */
export function transferSettingsCheck(input: TransferSettingsInput): PreflightCheck {
  return {
    name: 'transfer settings',
    async run({ signal, timeoutMs }) {
      const found: PreflightProblem[] = [];
      const guard = async (field: string, fn: () => unknown | Promise<unknown>, phrase = field) => {
        try {
          await fn();
        } catch (err) {
          const e = err as { code?: string; message?: string; name?: string };
          if (e.name === 'AbortedError') throw err;
          found.push(problem(e.code ?? 'ERR_PREFLIGHT', field, e.message ?? String(err), phrase));
        }
      };
      if (input.engine) await guard('engine', () => engineNameOf(input.engine!));
      if (input.maxSpeed !== undefined && input.maxSpeed !== '') {
        await guard('maxSpeed', () => kbpsToBytesPerSecond(input.maxSpeed), 'max_speed');
      }
      if (input.transmitterExe) {
        const exe = input.transmitterExe;
        if (!existsSync(exe) || !statSync(exe).isFile()) found.push(problem('ERR_TRANSMITTER_MISSING', 'transmitterExe', `The transmitter ${exe} does not exist; fix transmitterExe or leave it unset.`));
      }
      let settings: ReturnType<typeof loadDbConfig> | undefined;
      await guard('dbConfigPath', () => (settings = loadDbConfig(input.dbConfigPath)));
      if (!settings?.on || input.isDb === false) return found;
      const s = settings;
      if (s.type === 'sqlite') {
        const dir = path.join(resolveDbDir(s, input.env ?? process.env).path, 'db');
        await guard('dbConfigPath', () =>
          ensureWritableFolder(dir, { signal, timeoutMs, field: 'dbConfigPath', private: true }).catch((err: { details?: { reason?: string } }) => {
            throw Object.assign(new Error(`The upload-record folder ${dir} cannot be used (${err.details?.reason ?? String(err)}); set db_path in the db_config.ini given as dbConfigPath, or RAYVISION_DB, to a writable folder.`), { code: 'ERR_RECORD_DB' });
          }),
        );
      } else {
        await guard('dbConfigPath', async () => (await openRedisRecords({ ...s.redis, timeoutMs: Math.min(s.redis.timeoutMs, timeoutMs) })).close());
      }
      return found;
    },
  };
}
