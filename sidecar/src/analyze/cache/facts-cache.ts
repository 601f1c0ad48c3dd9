import { ensurePrivateFile } from '../../private-files';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SceneFacts } from '../../../../protocol/src/scene';
import { sdkHome } from '../workspace';

/** Bumped when the readers change what they extract, so old cached facts are not reused. */
export const READER_VERSION = '3';

/**
 * The Houdini analysis database folder (spec/analysis.md §2 priority): `customDbPath` when given,
 * else `RAYVISION_HOUDINI`, else the SDK home. The file is `data_tl.db` as in the old SDK.
 */
export function houdiniDbDir(customDbPath?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (customDbPath && customDbPath !== 'None') return customDbPath;
  if (env.RAYVISION_HOUDINI) return env.RAYVISION_HOUDINI;
  return sdkHome(env);
}

/**
 * A SQLite cache of scene facts keyed by scene path, size and mtime (and the facts source), so
 * re-analysing an unchanged scene skips the reader. A changed file simply misses and is re-read.
 */
export class FactsCache {
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    ensurePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS scene_facts (
      scene TEXT NOT NULL, source TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL,
      reader_version TEXT NOT NULL, facts TEXT NOT NULL, saved_at INTEGER NOT NULL,
      PRIMARY KEY (scene, source))`);
  }

  /** Opens (creating if needed) the cache in a folder. */
  static open(dir: string): FactsCache {
    return new FactsCache(path.join(dir, 'data_tl.db'));
  }

  /** Cached facts for the scene as it is now on disk, or undefined. */
  async get(scene: string, source: string): Promise<SceneFacts | undefined> {
    const info = await stat(scene).catch(() => undefined);
    if (!info) return undefined;
    const row = this.db
      .prepare('SELECT size, mtime_ms, reader_version, facts FROM scene_facts WHERE scene = ? AND source = ?')
      .get(path.resolve(scene), source) as { size: number; mtime_ms: number; reader_version: string; facts: string } | undefined;
    if (!row || row.size !== info.size || row.mtime_ms !== Math.trunc(info.mtimeMs) || row.reader_version !== READER_VERSION) return undefined;
    const parsed = SceneFacts.safeParse(JSON.parse(row.facts));
    return parsed.success ? parsed.data : undefined;
  }

  /** Stores facts for the scene as it is now on disk. */
  async put(scene: string, source: string, facts: SceneFacts): Promise<void> {
    const info = await stat(scene);
    this.db
      .prepare(`INSERT OR REPLACE INTO scene_facts (scene, source, size, mtime_ms, reader_version, facts, saved_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(path.resolve(scene), source, info.size, Math.trunc(info.mtimeMs), READER_VERSION, JSON.stringify(facts), Date.now());
  }

  close(): void {
    this.db.close();
  }
}
