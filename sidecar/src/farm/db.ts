/**
 * The farm's state in one SQLite file (WAL): accounts, tasks, frames, projects, labels, plugin
 * configs, the software catalogue and cached file hashes. A farm restarted on the same `dir`
 * keeps its accounts, tasks and storage.
 */
import Database from 'better-sqlite3';

export type FarmDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  user_id INTEGER PRIMARY KEY, access_id TEXT UNIQUE NOT NULL, access_key TEXT NOT NULL,
  user_name TEXT NOT NULL, input_bid TEXT NOT NULL, config_bid TEXT NOT NULL, output_bid TEXT NOT NULL,
  parent_input_bid TEXT NOT NULL, storage_name TEXT NOT NULL, storage_password TEXT NOT NULL,
  profile TEXT NOT NULL, setting TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, parent_id INTEGER, alias TEXT NOT NULL,
  scene_name TEXT NOT NULL DEFAULT '', layer_name TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,
  pre_status INTEGER, submitted INTEGER NOT NULL DEFAULT 0, producer TEXT, artist TEXT,
  task_user_level INTEGER NOT NULL DEFAULT 50, project_name TEXT NOT NULL DEFAULT '', over_time INTEGER,
  submit_date INTEGER, start_time INTEGER, completed_date INTEGER, output_file_name TEXT,
  cg_id INTEGER, is_delete INTEGER NOT NULL DEFAULT 1, remark TEXT, error_code TEXT,
  stop_after_test INTEGER NOT NULL DEFAULT 0, platform INTEGER NOT NULL DEFAULT 2,
  clone_original_id INTEGER, out_user_id INTEGER, hardware_config_id TEXT, frames_range TEXT,
  task_type TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS frames (
  id INTEGER PRIMARY KEY AUTOINCREMENT, task_id INTEGER NOT NULL, seq INTEGER NOT NULL,
  frame_number INTEGER NOT NULL, frame_index TEXT NOT NULL, frame_type INTEGER NOT NULL,
  frame_status INTEGER NOT NULL, start_time INTEGER, end_time INTEGER, output_path TEXT,
  recommit_flag INTEGER NOT NULL DEFAULT 0, gop_name TEXT);
CREATE INDEX IF NOT EXISTS frames_task ON frames(task_id, seq);
CREATE TABLE IF NOT EXISTS projects (
  project_id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, name TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 0, UNIQUE(user_id, name));
CREATE TABLE IF NOT EXISTS task_labels (
  id INTEGER PRIMARY KEY AUTOINCREMENT, task_id INTEGER NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plugin_configs (
  user_id INTEGER NOT NULL, edit_name TEXT NOT NULL, body TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (user_id, edit_name));
CREATE TABLE IF NOT EXISTS software (
  cg_id INTEGER PRIMARY KEY, cg_name TEXT NOT NULL, cg_type TEXT NOT NULL, icon_path TEXT NOT NULL,
  is_need_project_path INTEGER NOT NULL, is_need_analyse INTEGER NOT NULL, is_support_linux INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS software_versions (
  id INTEGER PRIMARY KEY, cg_id INTEGER NOT NULL, cg_version TEXT NOT NULL, os TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plugins (
  plugin_id INTEGER PRIMARY KEY, cv_id INTEGER NOT NULL, cg_id INTEGER NOT NULL,
  plugin_name TEXT NOT NULL, plugin_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hardware_configs (
  id INTEGER PRIMARY KEY, type INTEGER NOT NULL, model TEXT NOT NULL, ram TEXT NOT NULL, gpu_num TEXT,
  platform INTEGER NOT NULL, status INTEGER NOT NULL, not_support_cg_id TEXT NOT NULL,
  not_support_code TEXT NOT NULL, not_support_plugin_list TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS file_hashes (
  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, sha256 TEXT NOT NULL);
`;

/** Columns added after the first release of the schema: [table, column, definition]. */
const ADDED_COLUMNS: [string, string, string][] = [
  ['tasks', 'job_stop_time', 'INTEGER'],
  ['frames', 'fee_amount', 'REAL NOT NULL DEFAULT 0'],
  ['frames', 'log', "TEXT NOT NULL DEFAULT ''"],
];

/** Opens (creating if needed) the farm database at `file` in WAL mode. */
export function openFarmDb(file: string): FarmDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  for (const [table, column, def] of ADDED_COLUMNS) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${def}`);
  }
  return db;
}
