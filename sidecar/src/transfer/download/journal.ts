/**
 * The download journal: one small SQLite file in the local folder that remembers which server
 * file version was written to which local path. Auto-download consults it so that a frame that is
 * already on disk and unchanged on the server is never fetched again (the old SDK re-fetched the
 * whole output folder on every poll).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DownloadFailed } from './errors';

/** The journal's file name inside the local folder. */
export const JOURNAL_FILE = '.rayvision-download.db';

/** What the server said about a file when it was listed. */
export interface RemoteVersion {
  storageId: string;
  serverPath: string;
  size: number;
  /** The listing's modification stamp, in whatever form it came (ms or "yyyy-MM-dd HH:mm:ss"). */
  mtime?: string;
  sha256?: string;
}

interface Row {
  size: number;
  mtime: string | null;
  sha256: string | null;
  local_path: string;
}

/** Remembers which server file versions were downloaded where. */
export class DownloadJournal {
  private readonly db: Database.Database;

  /** Opens (or creates) the journal in `localRoot`; an unwritable folder or a damaged file is DownloadFailed. */
  constructor(localRoot: string) {
    const file = path.join(localRoot, JOURNAL_FILE);
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      db.pragma('busy_timeout = 5000');
      db.exec(`CREATE TABLE IF NOT EXISTS downloaded (
        storage_id TEXT NOT NULL, server_path TEXT NOT NULL, size INTEGER NOT NULL,
        mtime TEXT, sha256 TEXT, local_path TEXT NOT NULL, done_at INTEGER NOT NULL,
        PRIMARY KEY (storage_id, server_path, local_path))`);
    } catch (cause) {
      db?.close();
      throw new DownloadFailed(
        `The download journal ${file} cannot be opened (${(cause as Error).message}). Check that the local folder is writable; if the journal is damaged, delete it: downloaded files stay, and unchanged ones are checked again by size.`,
        { cause, details: { journal: file } },
      );
    }
    this.db = db;
  }

  /** True when this version was downloaded to `localPath` and the local file is still there, same size. */
  isDone(remote: RemoteVersion, localPath: string): boolean {
    const row = this.db
      .prepare('SELECT size, mtime, sha256, local_path FROM downloaded WHERE storage_id = ? AND server_path = ? AND local_path = ?')
      .get(remote.storageId, remote.serverPath, localPath) as Row | undefined;
    if (!row || row.size !== remote.size) return false;
    if (row.sha256 && remote.sha256 && row.sha256 !== remote.sha256) return false;
    if (row.mtime && remote.mtime && row.mtime !== remote.mtime) return false;
    try {
      return statSync(localPath).size === remote.size;
    } catch {
      return false;
    }
  }

  /** Records that `remote` now sits, complete and verified, at `localPath`. */
  record(remote: RemoteVersion, localPath: string): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO downloaded (storage_id, server_path, size, mtime, sha256, local_path, done_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(remote.storageId, remote.serverPath, remote.size, remote.mtime ?? null, remote.sha256 ?? null, localPath, Date.now());
  }

  /** Number of recorded files (for reports and tests). */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM downloaded').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
