/**
 * The monitor's view of farm objects: the few fields a task list, a frame grid and an account
 * header need, taken from TaskInfo / FrameInfo / UserProfile (spec/api.md §3), so snapshots stay
 * small and a farm's extra or missing fields cannot break the page.
 */

export interface MonitorAccount {
  userName: string;
  balance?: number;
  currency: string;
}

export interface MonitorTask {
  id: number;
  taskAlias?: string;
  sceneName?: string;
  taskStatus: number;
  totalFrames?: number;
  doneFrames?: number;
  failedFrames?: number;
  executingFrames?: number;
  abortFrames?: number;
  renderConsume?: number;
  submitDate?: number | null;
  completedDate?: number | null;
  outputFileName?: string | null;
  projectName?: string | null;
}

export interface MonitorFrame {
  id: number;
  frameIndex: string;
  frameStatus: number;
  frameType?: number;
  feeAmount?: number;
  startTime?: number;
  endTime?: number;
  recommitFlag?: number;
  taskId?: number;
}

type Obj = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
const int = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Copies the defined entries only (exactOptionalPropertyTypes-friendly, smaller JSON). */
function defined<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The account header from a UserProfile: name and the balance in the zone's currency. */
export function toMonitorAccount(profile: unknown): MonitorAccount {
  const p = (profile ?? {}) as Obj;
  const foreign = Number(p.zone) === 2;
  const hidden = Number(p.hideBalance) === 1;
  return defined({
    userName: str(p.userName) ?? str(p.name) ?? String(p.userId ?? ''),
    balance: hidden ? undefined : num(foreign ? p.usdbalance : p.rmbbalance),
    currency: foreign ? 'USD' : 'CNY',
  });
}

/** A task list row from a TaskInfo, or undefined when it has no usable id / status. */
export function toMonitorTask(info: unknown): MonitorTask | undefined {
  const t = (info ?? {}) as Obj;
  const id = int(t.id);
  const taskStatus = int(t.taskStatus);
  if (id === undefined || taskStatus === undefined) return undefined;
  return defined({
    id, taskStatus,
    taskAlias: str(t.taskAlias), sceneName: str(t.sceneName),
    totalFrames: int(t.totalFrames), doneFrames: int(t.doneFrames), failedFrames: int(t.failedFrames),
    executingFrames: int(t.executingFrames), abortFrames: int(t.abortFrames),
    renderConsume: num(t.renderConsume),
    submitDate: num(t.submitDate) ?? null, completedDate: num(t.completedDate) ?? null,
    outputFileName: str(t.outputFileName) ?? null, projectName: str(t.projectName) ?? null,
  });
}

/** A frame cell from a FrameInfo, or undefined when it has no id / status. */
export function toMonitorFrame(info: unknown): MonitorFrame | undefined {
  const f = (info ?? {}) as Obj;
  const id = int(f.id);
  const frameStatus = int(f.frameStatus);
  if (id === undefined || frameStatus === undefined) return undefined;
  return defined({
    id, frameStatus, frameIndex: str(f.frameIndex) ?? String(id),
    frameType: int(f.frameType), feeAmount: num(f.feeAmount), startTime: num(f.startTime), endTime: num(f.endTime),
    recommitFlag: int(f.recommitFlag), taskId: int(f.taskId),
  });
}
