import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFER_SETTINGS, loadDbConfig, parseDbConfig } from '../../sidecar/src/transfer/db-config';
import { DbConfigError, UnsupportedDatabaseError } from '../../sidecar/src/transfer/errors';
import { resolveDbDir, resolveTransferLogDir, sqliteRecordPath, transferChildEnv } from '../../sidecar/src/transfer/transfer-paths';

const full = `[TRANSFER_LOG_PATH]
transfer_log_path =

[DATABASE_CONFIG]
on = false
type = redis
db_path =

[REDIS]
host = 10.0.0.5
port = 6380
password = s3cr%t
table_index = 12
timeout = 1500

[SQLITE]
temporary = true
`;

describe('db_config.ini', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'dbcfg-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads every key of §3.5, with % taken literally', () => {
    const s = parseDbConfig(full);
    expect(s).toEqual({
      transferLogPath: '',
      on: false,
      type: 'redis',
      dbPath: '',
      redis: { host: '10.0.0.5', port: 6380, password: 's3cr%t', tableIndex: 12, timeoutMs: 1500 },
      sqlite: { temporary: true },
    });
  });

  it('gives each missing key its bundled default', () => {
    expect(parseDbConfig('[DATABASE_CONFIG]\ntype = SQLite\n')).toEqual({ ...DEFAULT_TRANSFER_SETTINGS, type: 'sqlite' });
    expect(loadDbConfig()).toEqual(DEFAULT_TRANSFER_SETTINGS);
  });

  it('refuses invalid values with the file, section and key in the message', () => {
    expect(() => parseDbConfig('[REDIS]\nport = abc\n', 'my.ini')).toThrow(/my\.ini \[REDIS\] port must be a whole number/);
    expect(() => parseDbConfig('[REDIS]\nport = 70000\n')).toThrow(DbConfigError);
    expect(() => parseDbConfig('[DATABASE_CONFIG]\non = maybe\n')).toThrow(/on must be true or false/);
    expect(() => parseDbConfig('[DATABASE_CONFIG]\ntype = mysql\n')).toThrow(UnsupportedDatabaseError);
  });

  it('a caller path that does not exist is an error, an existing one is read', () => {
    const d = tmp();
    expect(() => loadDbConfig(path.join(d, 'nope.ini'))).toThrow(/not found/);
    const file = path.join(d, 'db_config.ini');
    writeFileSync(file, full);
    expect(loadDbConfig(file).redis.port).toBe(6380);
  });

  it('resolves db_path and transfer_log_path by the §3.6 priority, without touching process.env', () => {
    const d = tmp();
    const home = path.join(d, 'home');
    const cfgDir = path.join(d, 'cfg');
    const envDir = path.join(d, 'env');
    mkdirSync(cfgDir);
    mkdirSync(envDir);
    const before = { ...process.env };
    const base = { ...DEFAULT_TRANSFER_SETTINGS };
    const env = { RAYVISION_SDK_HOME: home, RAYVISION_DB: envDir, RAYVISION_LOG: envDir };
    expect(resolveDbDir({ ...base, dbPath: cfgDir }, env)).toEqual({ path: cfgDir, source: 'config' });
    expect(resolveDbDir({ ...base, dbPath: path.join(d, 'missing') }, env)).toEqual({ path: envDir, source: 'env' });
    expect(resolveDbDir(base, { RAYVISION_SDK_HOME: home, RAYVISION_DB: path.join(d, 'missing') })).toEqual({ path: home, source: 'home' });
    // RAYVISION_LOG does not move the DB (the docs said it did; the code used RAYVISION_DB).
    expect(resolveDbDir(base, { RAYVISION_SDK_HOME: home, RAYVISION_LOG: envDir }).source).toBe('home');
    expect(resolveTransferLogDir({ ...base, transferLogPath: cfgDir }, env).path).toBe(cfgDir);
    expect(resolveTransferLogDir(base, env).path).toBe(envDir);
    expect(resolveTransferLogDir(base, { HOME: d }).path).toBe(path.join(d, 'renderfarm_sdk'));
    const child = transferChildEnv({ ...base, transferLogPath: cfgDir }, env);
    expect(child.RAYVISION_LOG).toBe(cfgDir);
    expect(process.env).toEqual(before);
    expect(sqliteRecordPath(home, '/w/1586250829/upload.json')).toBe(path.join(home, 'db', '1586250829.db'));
  });
});
