/**
 * Open the upload-record store db_config.ini asks for: none when `on = false`, else SQLite
 * (`<db dir>/db/<upload.json folder name>.db`) or Redis.
 */
import type { TransferSettings } from '../db-config';
import { resolveDbDir, sqliteRecordPath } from '../transfer-paths';
import { openRedisRecords } from './redis-record';
import { openSqliteRecords } from './sqlite-record';
import type { RecordStore } from './record-store';

/** The store for one asset upload driven by `uploadJsonPath`, or null when records are off. */
export async function openRecordStore(
  settings: TransferSettings,
  uploadJsonPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RecordStore | null> {
  if (!settings.on) return null;
  if (settings.type === 'redis') return openRedisRecords(settings.redis);
  return openSqliteRecords(sqliteRecordPath(resolveDbDir(settings, env).path, uploadJsonPath));
}
