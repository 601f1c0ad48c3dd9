/**
 * Transfer settings from `db_config.ini` (spec/transfer.md §3.5): every key, its default, validated.
 * Unlike the old SDK, a missing key takes its default (configparser raised), a caller's path that does
 * not exist is an error (the old SDK silently fell back to the bundled file), and `%` is plain text.
 */
import { readFileSync, existsSync } from 'node:fs';
import ini from 'ini';
import { DbConfigError, UnsupportedDatabaseError } from './errors';

export type RecordDbType = 'sqlite' | 'redis';

export interface TransferSettings {
  /** [TRANSFER_LOG_PATH] transfer_log_path: the transmitter's log folder ('' = default). */
  transferLogPath: string;
  /** [DATABASE_CONFIG] on: consult and write the upload-record DB at all. */
  on: boolean;
  /** [DATABASE_CONFIG] type. */
  type: RecordDbType;
  /** [DATABASE_CONFIG] db_path: base folder of db/ and db_ini/ ('' = default). */
  dbPath: string;
  redis: {
    host: string;
    port: number;
    /** Never logged; kept off enumerable error fields. */
    password: string;
    /** Redis DB number (`SELECT n`). */
    tableIndex: number;
    /** Connect timeout in ms. */
    timeoutMs: number;
  };
  sqlite: { temporary: boolean };
}

/** The bundled defaults, as in rayvision_sync/db_config.ini. */
export const DEFAULT_TRANSFER_SETTINGS: TransferSettings = Object.freeze({
  transferLogPath: '',
  on: true,
  type: 'sqlite',
  dbPath: '',
  redis: Object.freeze({ host: '127.0.0.1', port: 6379, password: '', tableIndex: 0, timeoutMs: 5000 }),
  sqlite: Object.freeze({ temporary: false }),
}) as TransferSettings;

type Sections = Record<string, Record<string, string>>;

/** Lower-case section and key names, as configparser does, and keep values as trimmed strings. */
function normalise(parsed: Record<string, unknown>): Sections {
  const out: Sections = {};
  for (const [section, body] of Object.entries(parsed)) {
    if (body === null || typeof body !== 'object') continue;
    const keys: Record<string, string> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) keys[k.toLowerCase()] = String(v ?? '').trim();
    out[section.toLowerCase()] = keys;
  }
  return out;
}

function parseBool(value: string, where: string): boolean {
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new DbConfigError(`${where} must be true or false, got "${value}".`, { details: { key: where } });
}

function parseInt10(value: string, where: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new DbConfigError(`${where} must be a whole number, got "${value}".`, { details: { key: where } });
  const n = Number(value);
  if (n < min || n > max) throw new DbConfigError(`${where} must be between ${min} and ${max}, got ${n}.`, { details: { key: where } });
  return n;
}

/** Build validated settings from ini text; `source` names the file in error messages. */
export function parseDbConfig(text: string, source = 'db_config.ini'): TransferSettings {
  let parsed: Record<string, unknown>;
  try {
    parsed = ini.parse(text);
  } catch (cause) {
    throw new DbConfigError(`${source} is not a valid ini file; fix its syntax.`, { cause });
  }
  const s = normalise(parsed);
  const d = DEFAULT_TRANSFER_SETTINGS;
  const get = (section: string, key: string): string | undefined => {
    const v = s[section]?.[key];
    return v === undefined || v === '' ? undefined : v;
  };
  const at = (section: string, key: string) => `${source} [${section.toUpperCase()}] ${key}`;
  const typeRaw = (get('database_config', 'type') ?? d.type).toLowerCase();
  if (typeRaw !== 'sqlite' && typeRaw !== 'redis') throw new UnsupportedDatabaseError(typeRaw);
  const onRaw = get('database_config', 'on');
  const portRaw = get('redis', 'port');
  const indexRaw = get('redis', 'table_index');
  const timeoutRaw = get('redis', 'timeout');
  const tempRaw = get('sqlite', 'temporary');
  return {
    transferLogPath: get('transfer_log_path', 'transfer_log_path') ?? d.transferLogPath,
    on: onRaw === undefined ? d.on : parseBool(onRaw, at('database_config', 'on')),
    type: typeRaw,
    dbPath: get('database_config', 'db_path') ?? d.dbPath,
    redis: {
      host: get('redis', 'host') ?? d.redis.host,
      port: portRaw === undefined ? d.redis.port : parseInt10(portRaw, at('redis', 'port'), 1, 65535),
      password: s.redis?.password ?? d.redis.password,
      tableIndex: indexRaw === undefined ? d.redis.tableIndex : parseInt10(indexRaw, at('redis', 'table_index'), 0, 65535),
      timeoutMs: timeoutRaw === undefined ? d.redis.timeoutMs : parseInt10(timeoutRaw, at('redis', 'timeout'), 1, 3_600_000),
    },
    sqlite: { temporary: tempRaw === undefined ? d.sqlite.temporary : parseBool(tempRaw, at('sqlite', 'temporary')) },
  };
}

/** Load db_config.ini from the caller's path, or the defaults when no path is given. */
export function loadDbConfig(configPath?: string): TransferSettings {
  if (!configPath) return structuredClone(DEFAULT_TRANSFER_SETTINGS);
  if (!existsSync(configPath)) {
    throw new DbConfigError(`db_config.ini not found at ${configPath}; pass an existing file or leave dbConfigPath empty for the defaults.`, {
      details: { path: configPath },
    });
  }
  return parseDbConfig(readFileSync(configPath, 'utf8'), configPath);
}
