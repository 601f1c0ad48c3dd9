/**
 * The render simulation: every `frameDurationMs` each rendering leaf task finishes its running frame
 * (writing a real PNG into output storage) and starts the next one. Priority frames go first; then
 * either the task pauses in FINISHED_TEST (stop_after_test) or the main frames follow. Parents of
 * layered tasks take the combined status of their sub-tasks.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findByUserId } from '../accounts';
import type { FarmContext } from '../context';
import {
  childrenOf, FrameStatus, getTask, setTaskStatus, TaskStatus, type FrameRow, type TaskRow,
} from '../tasks-store';
import { rememberHash } from '../storage/hash';
import { placeFile } from '../storage/place-file';
import { parseFrameRange } from './frame-range';
import { frameImage } from './png';
import { prepareTask } from './prepare';
import { chargeFrame } from './billing';
import { logFrame } from './frame-log';

export interface RenderLoop {
  /** Runs one step now (tests use it to advance without waiting). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

function frameFile(frame: number): string {
  return frame < 0 ? `-${String(-frame).padStart(3, '0')}` : String(frame).padStart(4, '0');
}

async function writeOutputs(ctx: FarmContext, leaf: TaskRow, frame: FrameRow): Promise<void> {
  if (!frame.output_path) return;
  const account = findByUserId(ctx.db, leaf.user_id);
  if (!account) return;
  const root = path.join(ctx.storageDir, account.outputBid);
  for (const f of parseFrameRange(frame.frame_index)) {
    const file = path.join(root, ...frame.output_path.replace('{frame}', frameFile(f)).split('/'));
    const png = frameImage(leaf.parent_id ?? leaf.id, leaf.layer_name, f);
    await placeFile(ctx, file, png);
    const st = await stat(file);
    rememberHash(ctx.db, file, st.size, st.mtimeMs, createHash('sha256').update(png).digest('hex'));
  }
}

/** Combined status of a layered task from its sub-tasks. */
export function combinedStatus(kids: number[]): number {
  if (kids.some((s) => s === TaskStatus.RENDERING || s === TaskStatus.WAITING || s === TaskStatus.PRE_RENDERING)) return TaskStatus.RENDERING;
  if (kids.includes(TaskStatus.FINISHED_TEST)) return TaskStatus.FINISHED_TEST;
  if (kids.every((s) => s === kids[0])) return kids[0]!;
  if (kids.every((s) => s === TaskStatus.FINISHED || s === TaskStatus.FINISHED_HAS_FAILED)) return TaskStatus.FINISHED_HAS_FAILED;
  if (kids.includes(TaskStatus.STOP)) return TaskStatus.STOP;
  return TaskStatus.FINISHED_HAS_FAILED;
}

async function stepLeaf(ctx: FarmContext, leaf: TaskRow): Promise<void> {
  const db = ctx.db;
  const now = ctx.now();
  const root = leaf.parent_id ?? leaf.id;
  // A render layer waits for the simulation (GOP) sub-tasks of the same task.
  if (leaf.parent_id !== null && leaf.task_type === 'Render') {
    const simsRunning = childrenOf(db, leaf.parent_id).some((k) => k.task_type === 'GopRender' && k.status === TaskStatus.RENDERING);
    if (simsRunning) return;
  }
  const frames = db.prepare('SELECT * FROM frames WHERE task_id = ? ORDER BY seq').all(leaf.id) as FrameRow[];
  const open = frames.filter((f) => f.frame_status === FrameStatus.WAITING || f.frame_status === FrameStatus.STARTED || f.frame_status === FrameStatus.WAIT_PRIORITY);
  // The whole task ran past its time limit (setTaskOverTimeStop / task_stop_time): TIME_OUT_STOP (23).
  const rootRow = leaf.parent_id === null ? leaf : getTask(db, leaf.parent_id);
  const limit = rootRow?.over_time ?? 0;
  if (limit > 0 && rootRow?.start_time && now - rootRow.start_time > limit * 1000) {
    const abort = db.prepare('UPDATE frames SET frame_status = ?, end_time = ? WHERE id = ?');
    for (const f of open) abort.run(FrameStatus.ABORTED, now, f.id);
    setTaskStatus(db, leaf.id, TaskStatus.TIME_OUT_STOP, now);
    return;
  }
  for (const f of frames.filter((x) => x.frame_status === FrameStatus.STARTED)) {
    if (ctx.faults.neverEnds(root) && open.length === 1) return; // the last frame never finishes
    // A frame over its own limit (job_stop_time) ends as TIMEOUT (11) without an image.
    const timedOut = (leaf.job_stop_time ?? 0) > 0 && f.start_time !== null && now - f.start_time > leaf.job_stop_time! * 1000;
    const injected = !timedOut && f.recommit_flag === 0 && ctx.faults.frameFails(f.frame_number);
    const fails = timedOut || injected;
    if (!fails) await writeOutputs(ctx, leaf, f);
    const ended = db.prepare('UPDATE frames SET frame_status = ?, end_time = ? WHERE id = ? AND frame_status = ?')
      .run(timedOut ? FrameStatus.TIMEOUT : fails ? FrameStatus.ERROR : FrameStatus.DONE, now, f.id, FrameStatus.STARTED);
    if (ended.changes === 0) continue; // stopped or recommitted meanwhile
    const took = `${((now - (f.start_time ?? now)) / 1000).toFixed(2)} s`;
    if (timedOut) logFrame(ctx, f.id, `ERROR: frame ${f.frame_index} ran over its limit of ${leaf.job_stop_time} s and was killed (TIMEOUT).`);
    else if (injected) {
      logFrame(ctx, f.id, `ERROR: the renderer exited with code 1 on frame ${f.frame_index} (fault injection: failFrames).`);
      logFrame(ctx, f.id, 'Frame failed after ' + took + '; retry it (recommit) to render it again.');
    } else {
      const numbers = parseFrameRange(f.frame_index);
      const fee = chargeFrame(db, f.id, numbers.length);
      const first = f.output_path ? ` (${f.output_path.replace('{frame}', frameFile(numbers[0] ?? f.frame_number))}${numbers.length > 1 ? ' …' : ''})` : '';
      logFrame(ctx, f.id, `Wrote ${numbers.length} image(s) to output storage${first}.`);
      logFrame(ctx, f.id, `Frame ${f.frame_index} done in ${took}; charged ${fee.toFixed(2)}.`);
    }
  }
  const running = (db.prepare('SELECT COUNT(*) AS n FROM frames WHERE task_id = ? AND frame_status = ?').get(leaf.id, FrameStatus.STARTED) as { n: number }).n;
  const next = db.prepare('SELECT id FROM frames WHERE task_id = ? AND frame_status = ? ORDER BY seq LIMIT ?')
    .all(leaf.id, FrameStatus.WAITING, Math.max(0, ctx.parallelFrames - running)) as { id: number }[];
  if (next.length > 0) {
    const start = db.prepare('UPDATE frames SET frame_status = ?, start_time = ?, end_time = NULL WHERE id = ?');
    for (const f of next) {
      start.run(FrameStatus.STARTED, now, f.id);
      const frame = db.prepare('SELECT frame_index, recommit_flag FROM frames WHERE id = ?').get(f.id) as { frame_index: string; recommit_flag: number };
      const unit = leaf.layer_name ? ` (${leaf.layer_name})` : '';
      const attempt = frame.recommit_flag > 0 ? `, try ${frame.recommit_flag + 1}` : '';
      logFrame(ctx, f.id, `Frame ${frame.frame_index} of task ${root}${unit} started on node local-node-1${attempt}.`);
      logFrame(ctx, f.id, `Rendering ${leaf.scene_name || 'the scene'}.`);
    }
    return;
  }
  if (db.prepare('SELECT 1 FROM frames WHERE task_id = ? AND frame_status = ?').get(leaf.id, FrameStatus.STARTED)) return;
  const waitingForPriority = (db.prepare('SELECT COUNT(*) AS n FROM frames WHERE task_id = ? AND frame_status = ?').get(leaf.id, FrameStatus.WAIT_PRIORITY) as { n: number }).n;
  if (waitingForPriority > 0) {
    if (leaf.stop_after_test) setTaskStatus(db, leaf.id, TaskStatus.FINISHED_TEST, now);
    else db.prepare('UPDATE frames SET frame_status = ? WHERE task_id = ? AND frame_status = ?').run(FrameStatus.WAITING, leaf.id, FrameStatus.WAIT_PRIORITY);
    return;
  }
  const notDone = (db.prepare('SELECT COUNT(*) AS n FROM frames WHERE task_id = ? AND frame_status != ?').get(leaf.id, FrameStatus.DONE) as { n: number }).n;
  setTaskStatus(db, leaf.id, notDone === 0 ? TaskStatus.FINISHED : TaskStatus.FINISHED_HAS_FAILED, now);
}

async function tickOnce(ctx: FarmContext): Promise<void> {
  const db = ctx.db;
  // Tasks prepared on the previous step leave preprocessing and start rendering.
  db.prepare(`UPDATE tasks SET pre_status = status, status = ?, start_time = COALESCE(start_time, ?) WHERE status = ? AND is_delete = 1
    AND (EXISTS (SELECT 1 FROM frames f WHERE f.task_id = tasks.id) OR EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = tasks.id))`)
    .run(TaskStatus.RENDERING, ctx.now(), TaskStatus.PRE_RENDERING);
  const fresh = db.prepare(`SELECT * FROM tasks t WHERE parent_id IS NULL AND submitted = 1 AND is_delete = 1 AND status = ?
    AND NOT EXISTS (SELECT 1 FROM frames f WHERE f.task_id = t.id) AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id)`)
    .all(TaskStatus.WAITING) as TaskRow[];
  for (const t of fresh) await prepareTask(ctx, t);
  const leaves = db.prepare(`SELECT * FROM tasks t WHERE is_delete = 1 AND status = ?
    AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id) ORDER BY id`).all(TaskStatus.RENDERING) as TaskRow[];
  const parents = new Set<number>();
  for (const leaf of leaves) {
    await stepLeaf(ctx, leaf);
    if (leaf.parent_id !== null) parents.add(leaf.parent_id);
  }
  for (const id of parents) {
    const parent = getTask(db, id);
    if (!parent || parent.is_delete !== 1) continue;
    setTaskStatus(db, id, combinedStatus(childrenOf(db, id).map((k) => k.status)), ctx.now());
  }
}

/** Starts the periodic render step (none when frameDurationMs is 0); ticks never overlap. */
export function startRenderLoop(ctx: FarmContext): RenderLoop {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (busy) return running;
    busy = true;
    running = tickOnce(ctx).finally(() => { busy = false; });
    return running;
  };
  const timer = ctx.frameDurationMs > 0 ? setInterval(() => { tick().catch(() => undefined); }, ctx.frameDurationMs) : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
