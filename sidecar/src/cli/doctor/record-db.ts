/**
 * The upload-record DB that db_config.ini asks for: the file parses; SQLite: its folder takes files
 * and a database opens there read-write; Redis: the server answers (its password is never shown).
 * The same checks the preflight runs before a task is created (transferSettingsCheck).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadDbConfig, openSqliteRecords, resolveDbDir, transferSettingsCheck } from '../../index';
import { fail, ok, type CheckResult } from './check';

export async function checkRecordDb(dbConfigPath: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  const source = dbConfigPath ?? 'built-in defaults, no db_config.ini set';
  const problems = (await transferSettingsCheck({ dbConfigPath, env }).run({ timeoutMs: 10_000 })) ?? [];
  if (problems.length > 0) {
    return fail('record-db', problems.map((p) => p.message).join(' '), `fix ${dbConfigPath ?? 'db_config.ini'} ([DATABASE_CONFIG] / [REDIS]), or start the database it names; uploads refuse to start until then`);
  }
  const s = loadDbConfig(dbConfigPath);
  if (!s.on) return ok('record-db', `upload records are off ([DATABASE_CONFIG] on = false in ${source}): every upload sends every file`);
  if (s.type === 'redis') return ok('record-db', `Redis at ${s.redis.host}:${s.redis.port} (db ${s.redis.tableIndex}) answers (${source})`);
  const dir = path.join(resolveDbDir(s, env).path, 'db');
  const probe = path.join(dir, `.doctor-${process.pid}.db`);
  try {
    await openSqliteRecords(probe).close();
  } catch (err) {
    return fail('record-db', `a SQLite database does not open in ${dir}: ${(err as Error).message}`, `make ${dir} writable, or set db_path in db_config.ini (or RAYVISION_DB) to a writable folder`);
  } finally {
    for (const f of [probe, `${probe}-wal`, `${probe}-shm`, `${probe}-journal`]) rmSync(f, { force: true });
  }
  return ok('record-db', `SQLite records in ${dir} (opens read-write; ${source})`);
}
