/**
 * Task status from queryTaskInfo: normalising the tree of layered tasks and sub-tasks
 * (`respRenderingTaskList` under an `isOpen == 1` node), deciding when a task has ended
 * (spec/transfer.md §4.7, spec/api.md §8.3) and which output folders it has.
 */

/** The end set of the old SDK: stop, arrearage stop, timeout stop, done, done with failures, abort, failed. */
export const END_CODES: readonly number[] = [10, 20, 23, 25, 30, 35, 45];
/** "Test done, waiting for full speed": an end only when the caller asked to stop after test frames. */
export const TEST_STOP_CODE = 40;
/** Codes documented by the API (spec/api.md §8.3) that the old SDK did not know; 15 (user stop) ends a task. */
export const EXTRA_END_CODES: readonly number[] = [15];
/** Codes of a task still waiting, rendering, preprocessing, analysing or updating. */
export const RUNNING_CODES: readonly number[] = [0, 5, 8, 50, 100];

export interface TaskInfoItem {
  id?: number | string;
  taskStatus?: number | string | null;
  statusText?: string | null;
  isOpen?: number | string | null;
  outputFileName?: string | null;
  userId?: number | string | null;
  bid?: number | string | null;
  respRenderingTaskList?: TaskInfoItem[] | null;
}

export interface TaskNode {
  taskId: string;
  status?: number;
  statusText?: string;
  isOpen: boolean;
  outputFileName?: string;
  userId?: string;
  bid?: string;
  children: TaskNode[];
}

const str = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

/** Normalises one queryTaskInfo item, recursively; a null `isOpen` counts as 0 (the old SDK crashed). */
export function normaliseTask(item: TaskInfoItem): TaskNode {
  const isOpen = Number(item.isOpen ?? 0) === 1;
  const status = str(item.taskStatus);
  return {
    taskId: String(item.id ?? ''),
    status: status === undefined ? undefined : Number(status),
    statusText: str(item.statusText),
    isOpen,
    outputFileName: str(item.outputFileName),
    userId: str(item.userId),
    bid: str(item.bid),
    children: isOpen ? (item.respRenderingTaskList ?? []).map(normaliseTask) : [],
  };
}

/** Leaf status codes: an opened (layered) node contributes only its children's codes. */
export function leafCodes(node: TaskNode): number[] {
  if (node.isOpen) return node.children.flatMap(leafCodes);
  return node.status === undefined || Number.isNaN(node.status) ? [] : [node.status];
}

export type TaskState = 'ended' | 'running' | 'unknown';

export interface TaskVerdict {
  state: TaskState;
  codes: number[];
  /** Codes neither in the end set nor known as running; reported, never fatal. */
  unknownCodes: number[];
}

/** Whether a task has ended: every leaf code is an end code (40 counts only with `isTestStop`). */
export function judgeTask(node: TaskNode, isTestStop = false): TaskVerdict {
  const codes = leafCodes(node);
  const end = new Set<number>([...END_CODES, ...EXTRA_END_CODES, ...(isTestStop ? [TEST_STOP_CODE] : [])]);
  const known = new Set<number>([...end, ...RUNNING_CODES, TEST_STOP_CODE]);
  const unknownCodes = codes.filter((c) => !known.has(c));
  if (codes.length === 0) return { state: 'unknown', codes, unknownCodes };
  return { state: codes.every((c) => end.has(c)) ? 'ended' : 'running', codes, unknownCodes };
}

export interface OutputEntry {
  /** The task (or sub-task) the folder belongs to. */
  taskId: string;
  /** Folder in the output storage, relative to its root, e.g. "6419169_demo_scene" or "18164087_x/l_layer". */
  outputName: string;
  userId?: string;
  bid?: string;
}

/** Output folders of a task tree: every leaf with an `outputFileName`. */
export function outputEntries(node: TaskNode): OutputEntry[] {
  if (node.isOpen) return node.children.flatMap(outputEntries);
  if (!node.outputFileName) return [];
  return [{ taskId: node.taskId, outputName: node.outputFileName, userId: node.userId, bid: node.bid }];
}
