/**
 * What users do to running tasks: stop, start, abandon, delete, full speed, recommit frames and stop
 * frames. Each works on the task and its sub-tasks and leaves statuses the render loop continues from.
 */
import type { Account } from './accounts';
import type { FarmContext } from './context';
import { Code, FarmApiError } from './rest/envelope';
import { combinedStatus } from './render/render-loop';
import { logFrame } from './render/frame-log';
import {
  childrenOf, FrameStatus, getTask, leavesOf, setTaskStatus, TaskStatus, type FrameRow, type TaskRow,
} from './tasks-store';

const OPEN_FRAMES = [FrameStatus.WAITING, FrameStatus.STARTED, FrameStatus.WAIT_PRIORITY];

/** The caller's task `id`, or a 404 envelope error. */
export function ownedTask(ctx: FarmContext, account: Account, id: number): TaskRow {
  const t = getTask(ctx.db, id);
  if (!t || t.user_id !== account.userId) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `Task ${id} does not exist for this account.`);
  return t;
}

function refreshParent(ctx: FarmContext, task: TaskRow): void {
  const rootId = task.parent_id ?? task.id;
  const kids = childrenOf(ctx.db, rootId);
  if (kids.length > 0) setTaskStatus(ctx.db, rootId, combinedStatus(kids.map((k) => k.status)), ctx.now());
}

function setFrames(ctx: FarmContext, frames: FrameRow[], status: number, recommit = false): void {
  const stmt = ctx.db.prepare(`UPDATE frames SET frame_status = ?, recommit_flag = recommit_flag + ?, start_time = CASE WHEN ? THEN NULL ELSE start_time END,
    end_time = CASE WHEN ? THEN NULL ELSE end_time END WHERE id = ?`);
  for (const f of frames) stmt.run(status, recommit ? 1 : 0, recommit ? 1 : 0, recommit ? 1 : 0, f.id);
}

function framesOfLeaf(ctx: FarmContext, leafId: number): FrameRow[] {
  return ctx.db.prepare('SELECT * FROM frames WHERE task_id = ? ORDER BY seq').all(leafId) as FrameRow[];
}

/** stopTask: running frames go back to waiting, the task to STOP (10). */
export function stopTasks(ctx: FarmContext, account: Account, ids: number[]): void {
  ctx.db.transaction(() => {
    for (const id of ids) {
      const task = ownedTask(ctx, account, id);
      const rootAndLeaves = [task, ...childrenOf(ctx.db, task.id)];
      for (const t of rootAndLeaves) {
        if (![TaskStatus.WAITING, TaskStatus.RENDERING, TaskStatus.PRE_RENDERING, TaskStatus.FINISHED_TEST].includes(t.status as 0)) continue;
        const running = framesOfLeaf(ctx, t.id).filter((f) => f.frame_status === FrameStatus.STARTED);
        setFrames(ctx, running, FrameStatus.WAITING);
        for (const f of running) logFrame(ctx, f.id, 'The task was stopped: the frame went back to waiting.');
        setTaskStatus(ctx.db, t.id, TaskStatus.STOP, ctx.now());
      }
      if (task.parent_id !== null) refreshParent(ctx, task);
    }
  })();
}

/**
 * startTask: a stopped task renders again (or is prepared, if it never was); a task paused after its
 * scout frames (FINISHED_TEST, stop_after_test "1") renders the rest.
 */
export function startTasks(ctx: FarmContext, account: Account, ids: number[]): void {
  ctx.db.transaction(() => {
    for (const id of ids) {
      const task = ownedTask(ctx, account, id);
      for (const t of [task, ...childrenOf(ctx.db, task.id)]) {
        if (t.status === TaskStatus.FINISHED_TEST) {
          setFrames(ctx, framesOfLeaf(ctx, t.id).filter((f) => f.frame_status === FrameStatus.WAIT_PRIORITY), FrameStatus.WAITING);
          setTaskStatus(ctx.db, t.id, TaskStatus.RENDERING, ctx.now());
          continue;
        }
        if (t.status !== TaskStatus.STOP) continue;
        const prepared = framesOfLeaf(ctx, t.id).length > 0 || childrenOf(ctx.db, t.id).length > 0;
        setTaskStatus(ctx.db, t.id, prepared ? TaskStatus.RENDERING : TaskStatus.WAITING, ctx.now());
      }
      if (task.parent_id !== null) refreshParent(ctx, task);
    }
  })();
}

/** abandonTask: every unfinished frame is aborted, the task ends as ABANDON (35). */
export function abandonTasks(ctx: FarmContext, account: Account, ids: number[]): void {
  ctx.db.transaction(() => {
    for (const id of ids) {
      const task = ownedTask(ctx, account, id);
      for (const t of [task, ...childrenOf(ctx.db, task.id)]) {
        setFrames(ctx, framesOfLeaf(ctx, t.id).filter((f) => OPEN_FRAMES.includes(f.frame_status as 1)), FrameStatus.ABORTED);
        setTaskStatus(ctx.db, t.id, TaskStatus.ABANDON, ctx.now());
      }
      if (task.parent_id !== null) refreshParent(ctx, task);
    }
  })();
}

/** deleteTask: moves the task to the recycle bin (isDelete 0); it stops rendering. */
export function deleteTasks(ctx: FarmContext, account: Account, ids: number[]): void {
  ctx.db.transaction(() => {
    for (const id of ids) {
      const task = ownedTask(ctx, account, id);
      ctx.db.prepare('UPDATE tasks SET is_delete = 0 WHERE id = ? OR parent_id = ?').run(task.id, task.id);
    }
  })();
}

/** fullSpeedRendering: a task paused after its priority frames renders the rest. */
export function fullSpeed(ctx: FarmContext, account: Account, ids: number[]): void {
  ctx.db.transaction(() => {
    for (const id of ids) {
      const task = ownedTask(ctx, account, id);
      for (const t of [task, ...childrenOf(ctx.db, task.id)]) {
        ctx.db.prepare('UPDATE tasks SET stop_after_test = 0 WHERE id = ?').run(t.id);
        if (t.status === TaskStatus.FINISHED_TEST) {
          setFrames(ctx, framesOfLeaf(ctx, t.id).filter((f) => f.frame_status === FrameStatus.WAIT_PRIORITY), FrameStatus.WAITING);
          setTaskStatus(ctx.db, t.id, TaskStatus.RENDERING, ctx.now());
        }
      }
      refreshParent(ctx, task);
    }
  })();
}

/** Frames of a task's leaves picked by `selectAll` / frame ids, optionally filtered by status. */
export function selectFrames(ctx: FarmContext, task: TaskRow, selectAll: boolean, ids: number[], status?: number[]): FrameRow[] {
  const frames = leavesOf(ctx.db, task.id).flatMap((l) => framesOfLeaf(ctx, l.id));
  const wanted = new Set(ids);
  return frames.filter((f) => (selectAll || wanted.has(f.id)) && (!status || status.length === 0 || status.includes(f.frame_status)));
}

/** Re-renders the given frames: they wait again and their tasks render. */
export function recommitFrames(ctx: FarmContext, frames: FrameRow[]): void {
  ctx.db.transaction(() => {
    const leaves = new Set<number>();
    for (const f of frames) if (f.frame_status !== FrameStatus.STARTED) leaves.add(f.task_id);
    const again = frames.filter((f) => f.frame_status !== FrameStatus.STARTED);
    setFrames(ctx, again, FrameStatus.WAITING, true);
    for (const f of again) logFrame(ctx, f.id, 'Recommitted by the user: the frame waits to render again.');
    for (const leafId of leaves) {
      const leaf = getTask(ctx.db, leafId)!;
      if (leaf.status !== TaskStatus.STOP) setTaskStatus(ctx.db, leafId, TaskStatus.RENDERING, ctx.now());
      refreshParent(ctx, leaf);
    }
  })();
}

/** Stops the given frames (status 3); a task whose frames all ended finishes on the next step. */
export function stopFrames(ctx: FarmContext, frames: FrameRow[]): void {
  const open = frames.filter((f) => OPEN_FRAMES.includes(f.frame_status as 1));
  setFrames(ctx, open, FrameStatus.ABORTED);
  for (const f of open) logFrame(ctx, f.id, 'Stopped by the user.');
}
