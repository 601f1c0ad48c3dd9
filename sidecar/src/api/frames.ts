/**
 * Client helpers of spec/api.md §3.3 built on the query methods: every frame of a task across pages,
 * restart or stop frames picked by a frame selection (`["6", "7-9[1]"]`), and sub-task ids.
 */
import { RayvisionTaskIdError, RayvisionValidationError } from './errors';
import type { CallOptions } from './send';
import type { FrameInfo, FarmPage, FarmTask } from './types';

/** The query methods the helpers need. */
export interface FrameQueries {
  taskFrames(taskId: number, pageNum?: number, pageSize?: number, searchKeyword?: string, opts?: CallOptions): Promise<FarmPage<FrameInfo>>;
  restartFrame(taskId: number, selectAll?: 0 | 1, idsList?: number[], status?: number[], opts?: CallOptions): Promise<unknown>;
  stopFrame(taskId: number, selectAll?: 0 | 1, idsList?: number[], status?: number[], opts?: CallOptions): Promise<unknown>;
  taskInfo(taskIds: number[], opts?: CallOptions): Promise<FarmPage<FarmTask>>;
}

/** Throws the typed error unless `taskId` is a positive integer. */
export function requireTaskId(taskId: unknown): number {
  if (typeof taskId !== 'number' || !Number.isSafeInteger(taskId) || taskId <= 0) throw new RayvisionTaskIdError(taskId);
  return taskId;
}

/** Every frame of a task, keyed by `frameIndex`, reading pages until one is empty or the last page. */
export async function getAllFrames(q: FrameQueries, taskId: number, startPage = 1, endPage = 2000, pageSize = 100, opts: CallOptions = {}): Promise<Record<string, FrameInfo>> {
  requireTaskId(taskId);
  const frames: Record<string, FrameInfo> = {};
  for (let pageNum = startPage; pageNum <= endPage; pageNum += 1) {
    const page = await q.taskFrames(taskId, pageNum, pageSize, undefined, opts);
    const items = page?.items ?? [];
    for (const frame of items) frames[String(frame.frameIndex)] = frame;
    if (items.length === 0 || (page.pageCount !== undefined && pageNum >= page.pageCount)) break;
  }
  return frames;
}

interface Range {
  start: number;
  end: number;
  step: number;
}

// "7-9[1]" or "7-9" → a range; a plain number is matched as text like any other entry.
function parseRange(entry: string): Range | undefined {
  const m = /^\s*(-?\d+)\s*-\s*(-?\d+)\s*(?:\[\s*(\d+)\s*\])?\s*$/.exec(entry);
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), step: Math.max(1, Number(m[3] ?? 1)) };
}

/** True when a frame's `frameIndex` is named by the selection: exactly, or as a number inside a range entry. */
export function frameSelected(frameIndex: unknown, selection: readonly string[]): boolean {
  const text = String(frameIndex);
  if (selection.includes(text)) return true;
  if (!/^-?\d+$/.test(text.trim())) return false;
  const n = Number(text);
  return selection.some((entry) => {
    const r = parseRange(entry);
    return r !== undefined && n >= r.start && n <= r.end && (n - r.start) % r.step === 0;
  });
}

/** Frame ids of a task whose frame index the selection names; throws when none matches. */
export async function selectFrameIds(q: FrameQueries, taskId: number, selection: readonly string[], opts: CallOptions = {}): Promise<number[]> {
  if (!Array.isArray(selection) || selection.length === 0) {
    throw new RayvisionValidationError('frames', 'No frames given: pass frame indexes such as ["6", "7-9[1]"].');
  }
  const all = await getAllFrames(q, taskId, 1, 2000, 100, opts);
  const ids = Object.values(all).filter((f) => frameSelected(f.frameIndex, selection)).map((f) => f.id);
  if (ids.length === 0) {
    throw new RayvisionValidationError('frames', `No frame of task ${taskId} matches ${JSON.stringify(selection)}: use frame indexes as the farm lists them (getAllFrames).`);
  }
  return ids;
}

/** Restarts the frames of a task named by the selection (the old `get_custome_frames`). */
export async function getCustomeFrames(q: FrameQueries, taskId: number, restartFrames: readonly string[], opts: CallOptions = {}): Promise<unknown> {
  const ids = await selectFrameIds(q, taskId, restartFrames, opts);
  return q.restartFrame(taskId, 0, ids, undefined, opts);
}

/** Stops the frames of a task named by the selection (the old `frame_number_to_stop`). */
export async function frameNumberToStop(q: FrameQueries, taskId: number, stopFrames: readonly string[], opts: CallOptions = {}): Promise<unknown> {
  const ids = await selectFrameIds(q, taskId, stopFrames, opts);
  return q.stopFrame(taskId, 0, ids, undefined, opts);
}

/** Ids of a task's layer/sub-tasks; the task itself when it has none (null list included). */
export async function getSmallTaskId(q: FrameQueries, taskId: number, opts: CallOptions = {}): Promise<number[]> {
  requireTaskId(taskId);
  const page = await q.taskInfo([taskId], opts);
  const children = page?.items?.[0]?.respRenderingTaskList;
  if (!Array.isArray(children) || children.length === 0) return [taskId];
  return children.map((child) => child.id);
}
