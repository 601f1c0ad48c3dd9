/** Task and frame rows: creation, lookup, and status bookkeeping shared by the REST and render code. */
import type { FarmDb } from './db';

/** Task statuses (spec/api.md §8.3). */
export const TaskStatus = {
  WAITING: 0, RENDERING: 5, PRE_RENDERING: 8, STOP: 10, USER_STOP: 15, ARREARAGE_STOP: 20, TIME_OUT_STOP: 23,
  FINISHED: 25, FINISHED_HAS_FAILED: 30, ABANDON: 35, FINISHED_TEST: 40, FAILED: 45, ANALYSE: 50, UPDATING: 100,
} as const;

/** Frame statuses (spec/api.md §8.4). */
export const FrameStatus = {
  WAITING: 1, STARTED: 2, ABORTED: 3, DONE: 4, ERROR: 5, WAIT_PRIORITY: 8, TIMEOUT: 11,
} as const;

/** Frame types (spec/api.md §8.5). */
export const FrameType = { PRIORITY: 4, MAIN: 5, HOUDINI_SIM: 8 } as const;

export interface TaskRow {
  id: number; user_id: number; parent_id: number | null; alias: string; scene_name: string; layer_name: string;
  status: number; pre_status: number | null; submitted: number; producer: string | null; artist: string | null;
  task_user_level: number; project_name: string; over_time: number | null; submit_date: number | null;
  start_time: number | null; completed_date: number | null; output_file_name: string | null; cg_id: number | null;
  is_delete: number; remark: string | null; error_code: string | null; stop_after_test: number; platform: number;
  clone_original_id: number | null; out_user_id: number | null; hardware_config_id: string | null;
  frames_range: string | null; task_type: string;
  /** Per-frame time limit in seconds (task.json job_stop_time); null = none. */
  job_stop_time: number | null;
}

export interface FrameRow {
  id: number; task_id: number; seq: number; frame_number: number; frame_index: string; frame_type: number;
  frame_status: number; start_time: number | null; end_time: number | null; output_path: string | null;
  recommit_flag: number; gop_name: string | null;
  /** What the frame cost (render/billing.ts). */
  fee_amount: number;
  /** Its render log, one timestamped line per event (render/frame-log.ts). */
  log: string;
}

/** Allocates the next task id (ids look like the real farm's eight-digit ones). */
export function nextTaskId(db: FarmDb): number {
  const max = (db.prepare('SELECT MAX(id) AS m FROM tasks').get() as { m: number | null }).m;
  return (max ?? 41235090) + 1;
}

/** Inserts a task row (top-level or sub-task) and returns its id. */
export function insertTask(db: FarmDb, t: Partial<TaskRow> & { user_id: number; platform: number }): number {
  const id = t.id ?? nextTaskId(db);
  const row = { alias: `${t.platform}W${id}`, ...t, id };
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO tasks (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  return id;
}

/** One task row, or undefined. */
export function getTask(db: FarmDb, id: number): TaskRow | undefined {
  return db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
}

/** Sub-tasks (layers) of a task, in creation order. */
export function childrenOf(db: FarmDb, id: number): TaskRow[] {
  return db.prepare('SELECT * FROM tasks WHERE parent_id = ? ORDER BY id').all(id) as TaskRow[];
}

/** The task itself when it has no sub-tasks, else its sub-tasks: the rows that own frames. */
export function leavesOf(db: FarmDb, id: number): TaskRow[] {
  const kids = childrenOf(db, id);
  if (kids.length > 0) return kids;
  const self = getTask(db, id);
  return self ? [self] : [];
}

/** Frames of the given tasks, in render order. */
export function framesOf(db: FarmDb, taskIds: number[]): FrameRow[] {
  if (taskIds.length === 0) return [];
  return db.prepare(`SELECT * FROM frames WHERE task_id IN (${taskIds.map(() => '?').join(',')}) ORDER BY task_id, seq`).all(...taskIds) as FrameRow[];
}

/** Sets a task's status, remembering the previous one (preTaskStatus). */
export function setTaskStatus(db: FarmDb, id: number, status: number, now: number): void {
  const t = getTask(db, id);
  if (!t || t.status === status) return;
  const terminal = [10, 20, 23, 25, 30, 35, 40, 45].includes(status);
  db.prepare('UPDATE tasks SET status = ?, pre_status = ?, completed_date = ?, start_time = COALESCE(start_time, ?) WHERE id = ?')
    .run(status, t.status, terminal ? now : null, status === 5 ? now : null, id);
}
