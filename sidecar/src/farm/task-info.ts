/** TaskInfo and FrameInfo objects as the farm reports them (spec/api.md §3.3), from DB rows. */
import type { FarmContext } from './context';
import { FRAME_PRICE, feesOf } from './render/billing';
import { childrenOf, framesOf, FrameStatus, leavesOf, type FrameRow, type TaskRow } from './tasks-store';

function labelsOf(ctx: FarmContext, taskId: number): string[] {
  return (ctx.db.prepare('SELECT label FROM task_labels WHERE task_id = ? ORDER BY id').all(taskId) as { label: string }[]).map((r) => r.label);
}

/** The TaskInfo object of a task row (with its sub-tasks for a layered task). */
export function toTaskInfo(ctx: FarmContext, row: TaskRow): Record<string, unknown> {
  const kids = row.parent_id === null ? childrenOf(ctx.db, row.id) : [];
  const frames = framesOf(ctx.db, leavesOf(ctx.db, row.id).map((t) => t.id));
  const count = (...s: number[]): number => frames.filter((f) => s.includes(f.frame_status)).length;
  const status = ctx.faults.statusOf(row.id) ?? row.status;
  const preStatus = row.pre_status;
  const bid = (ctx.db.prepare('SELECT output_bid AS b FROM accounts WHERE user_id = ?').get(row.user_id) as { b: string } | undefined)?.b ?? '';
  return {
    id: row.id, taskAlias: row.alias, sceneName: row.scene_name, taskStatus: status, statusText: `render_task_status_${status}`,
    preTaskStatus: preStatus, preStatusText: preStatus === null ? null : `render_task_status_${preStatus}`,
    totalFrames: frames.length, abortFrames: count(FrameStatus.ABORTED), executingFrames: count(FrameStatus.STARTED),
    doneFrames: count(FrameStatus.DONE), failedFrames: count(FrameStatus.ERROR, FrameStatus.TIMEOUT),
    framesRange: row.frames_range, projectName: row.project_name, renderConsume: feesOf(frames), taskArrears: 0,
    submitDate: row.submit_date, startTime: row.start_time, completedDate: row.completed_date,
    renderDuration: row.start_time && row.completed_date ? Math.round((row.completed_date - row.start_time) / 1000) : 0,
    userName: null, producer: row.producer, taskLevel: 79, taskUserLevel: row.task_user_level, taskLimit: 200,
    taskOverTime: row.over_time, overTimeStop: row.over_time, userId: row.user_id, bid,
    outputFileName: row.output_file_name, munuTaskId: String(row.id), munuTaskIds: null, layerParentId: row.parent_id ?? 0,
    cgId: row.cg_id, taskKeyValueVo: { tiles: null, allCamera: null, renderableCamera: null },
    userAccountConsume: feesOf(frames), couponConsume: 0, qyCouponConsume: 0, isOpen: kids.length > 0 ? 1 : 0,
    taskType: row.task_type, renderCamera: null, cloneParentId: null, cloneOriginalId: row.clone_original_id,
    shareMainCapital: 0, taskRam: 64, respRenderingTaskList: kids.length > 0 ? kids.map((k) => toTaskInfo(ctx, k)) : null,
    layerName: row.layer_name || null, taskTypeText: row.task_type ? `render_task_type_${row.task_type}` : null,
    locationOutput: null, isDelete: row.is_delete, channel: 4, remark: row.remark, errorCode: row.error_code,
    labels: labelsOf(ctx, row.parent_id ?? row.id), isOverTime: 0, waitingCount: 0, stopType: null,
    artist: row.artist,
  };
}

/** The FrameInfo object of a frame row. */
export function toFrameInfo(ctx: FarmContext, f: FrameRow, task: TaskRow): Record<string, unknown> {
  const now = ctx.now();
  const used = f.start_time ? Math.round(((f.end_time ?? now) - f.start_time) / 1000) : 0;
  return {
    id: f.id, userId: task.user_id, framePrice: FRAME_PRICE, feeType: 0, platform: task.platform, frameIndex: f.frame_index,
    frameBlock: String(f.seq + 1), frameStatus: f.frame_status, frameStatusText: `task_frame_status_${f.frame_status}`,
    feeAmount: f.fee_amount ?? 0, couponFee: 0, startTime: f.start_time ?? 0, endTime: f.end_time ?? 0, frameExecuteTime: used,
    currentRenderTime: used, arrearsFee: 0, munuJobId: String(f.id), taskId: f.task_id, munuTaskId: String(f.task_id),
    frameType: f.frame_type, recommitFlag: f.recommit_flag, isCopy: 0, taskOverTime: task.over_time ?? 0,
    gopName: f.gop_name, frameRam: 64, averageCpu: 0, averageMemory: 0, isOverTime: 0, overOneMonth: 0,
    renderRam: 64, nodeId: null, openRenderRam: 0,
  };
}

/** A page `{pageCount, pageNum, total, size, items}`. */
export function page<T>(items: T[], pageNum: number, pageSize: number): Record<string, unknown> {
  const size = pageSize > 0 ? pageSize : 100;
  const num = pageNum > 0 ? pageNum : 1;
  return {
    pageCount: Math.ceil(items.length / size), pageNum: num, total: items.length, size,
    items: items.slice((num - 1) * size, num * size),
  };
}
