/**
 * The farm's analysis step after submit: read `/<taskId>/cfg/task.json` from config storage, plan
 * it, create sub-tasks for layered scenes and the frame rows in render order. A missing or unusable
 * task.json fails the task (status 45) with an analysis tip code instead of crashing anything.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findByUserId } from '../accounts';
import type { FarmContext } from '../context';
import { FrameStatus, FrameType, getTask, insertTask, setTaskStatus, TaskStatus, type TaskRow } from '../tasks-store';
import { priorityFrames } from './frame-range';
import { PlanError, planRender, type RenderPlan, type RenderUnit } from './plan';

function blocks(frames: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < frames.length; i += size) out.push(frames.slice(i, i + size));
  return out;
}

function frameIndexOf(block: number[]): string {
  if (block.length === 1) return String(block[0]);
  const step = block.length > 1 ? block[1]! - block[0]! : 1;
  return `${block[0]}-${block[block.length - 1]}[${step}]`;
}

function insertFrames(ctx: FarmContext, taskId: number, unit: RenderUnit, plan: RenderPlan, outputDir: string): void {
  const priority = unit.kind === 'render' ? priorityFrames(plan.preFrames, unit.frames) : new Set<number>();
  const template = unit.kind === 'render' ? `${outputDir}/${unit.base}.{frame}.png` : null;
  const ins = ctx.db.prepare(`INSERT INTO frames (task_id, seq, frame_number, frame_index, frame_type, frame_status, output_path, gop_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  let seq = 0;
  const add = (block: number[], type: number, status: number): void => {
    ins.run(taskId, seq++, block[0], frameIndexOf(block), type, status, template, unit.kind === 'simulation' ? unit.label : null);
  };
  if (unit.kind === 'simulation') {
    // A simulation renders as one job over its whole range (Houdini GOP job).
    add(unit.frames, FrameType.HOUDINI_SIM, FrameStatus.WAITING);
    return;
  }
  for (const f of unit.frames) if (priority.has(f)) add([f], FrameType.PRIORITY, FrameStatus.WAITING);
  const rest = unit.frames.filter((f) => !priority.has(f));
  const mainStatus = priority.size > 0 ? FrameStatus.WAIT_PRIORITY : FrameStatus.WAITING;
  for (const block of blocks(rest, plan.framesPerTask)) add(block, FrameType.MAIN, mainStatus);
}

/** True while the task still waits for preparation: a stop, abandon or delete during the read wins. */
function stillWaiting(ctx: FarmContext, id: number): boolean {
  const now = getTask(ctx.db, id);
  return now !== undefined && now.is_delete === 1 && now.status === TaskStatus.WAITING;
}

/** Builds sub-tasks and frames for a submitted task, or fails it with a tip code. */
export async function prepareTask(ctx: FarmContext, task: TaskRow): Promise<void> {
  const account = findByUserId(ctx.db, task.user_id);
  const now = ctx.now();
  let plan: RenderPlan;
  try {
    if (!account) throw new PlanError('15031', 'The task owner no longer exists.');
    const file = path.join(ctx.storageDir, account.configBid, String(task.id), 'cfg', 'task.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new PlanError('15031', `task.json was not found at /${task.id}/cfg/task.json in config storage: upload the job files before submitting.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PlanError('15031', 'task.json in config storage is not valid JSON.');
    }
    plan = planRender(json);
  } catch (err) {
    if (!stillWaiting(ctx, task.id)) return;
    const e = err instanceof PlanError ? err : new PlanError('15002', (err as Error).message);
    ctx.db.prepare('UPDATE tasks SET error_code = ?, remark = ? WHERE id = ?').run(e.code, e.message, task.id);
    setTaskStatus(ctx.db, task.id, TaskStatus.FAILED, now);
    return;
  }
  const outputName = `${task.id}_${plan.sceneName}`;
  const renderUnits = plan.units;
  ctx.db.transaction(() => {
    if (!stillWaiting(ctx, task.id)) return;
    ctx.db.prepare(`UPDATE tasks SET scene_name = ?, output_file_name = ?, stop_after_test = ?, cg_id = COALESCE(?, cg_id),
      hardware_config_id = COALESCE(?, hardware_config_id), frames_range = ?, task_type = 'Render', job_stop_time = ?,
      over_time = COALESCE(over_time, ?) WHERE id = ?`)
      .run(plan.sceneName, outputName, plan.stopAfterTest ? 1 : 0, plan.cgId ?? null, plan.hardwareConfigId ?? null,
        renderUnits.map((u) => `${u.frames[0]}-${u.frames[u.frames.length - 1]}`).join(','), plan.jobStopTime || null,
        plan.taskStopTime || null, task.id);
    if (renderUnits.length === 1) {
      insertFrames(ctx, task.id, renderUnits[0]!, plan, outputName);
    } else {
      for (const unit of renderUnits) {
        const childOut = `${outputName}/${unit.folder}`;
        const childId = insertTask(ctx.db, {
          user_id: task.user_id, platform: task.platform, parent_id: task.id, scene_name: plan.sceneName,
          layer_name: unit.label, status: TaskStatus.PRE_RENDERING, submitted: 1, submit_date: task.submit_date, start_time: now,
          output_file_name: childOut, cg_id: plan.cgId ?? task.cg_id, stop_after_test: plan.stopAfterTest ? 1 : 0,
          task_user_level: task.task_user_level, project_name: task.project_name, producer: task.producer,
          task_type: unit.kind === 'simulation' ? 'GopRender' : 'Render', job_stop_time: plan.jobStopTime || null,
          frames_range: `${unit.frames[0]}-${unit.frames[unit.frames.length - 1]}`,
        });
        insertFrames(ctx, childId, unit, plan, childOut);
      }
    }
    // Preprocessing (8) for one step, as the farm shows it between analysis and the first frame.
    setTaskStatus(ctx.db, task.id, TaskStatus.PRE_RENDERING, now);
  })();
}
