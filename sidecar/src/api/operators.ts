/**
 * Typed signatures of the six groups (`api.user`, `api.task` …). The runtime methods come from the
 * endpoint rows (methods.ts); these interfaces only give them types, as Octokit's generated types do.
 * Every method takes its positional arguments, then optional `CallOptions` ({ signal, retry, timeout }).
 */
import type { CallOptions as O } from './send';
import type * as T from './types';

export interface UserOperator {
  queryUserProfile(opts?: O): Promise<T.UserProfile>;
  queryUserSetting(opts?: O): Promise<T.UserSetting>;
  /** Task overtime reminder, in seconds. */
  updateUserSettings(taskOverTime: number, opts?: O): Promise<null>;
  getTransferBid(opts?: O): Promise<T.TransferBid>;
  getHardwareConfig(taskIds?: Array<number | string> | null, opts?: O): Promise<T.HardwareConfig[]>;
  /** [docs only] Operation records of SDK tasks; `platform` defaults to the configured one. */
  taskRecord(platform?: number | null, pageNum?: number, pageSize?: number, startDate?: string, endDate?: string, opts?: O): Promise<T.FarmPage<Record<string, unknown>>>;
  /** [docs only] Login records. */
  loginRecord(pageNum?: number, pageSize?: number, startDate?: string, endDate?: string, opts?: O): Promise<T.FarmPage<Record<string, unknown>>>;
}

export interface TaskOperator {
  createTask(count?: number, taskUserLevel?: number, outUserId?: number | null, labels?: string[] | null, cloneOriginalId?: number | null, artist?: string | null, opts?: O): Promise<T.CreatedTasks>;
  submitTask(taskId: number, producer?: string | null, opts?: O): Promise<null>;
  stopTask(taskParamList: number[], opts?: O): Promise<null>;
  startTask(taskParamList: number[], opts?: O): Promise<null>;
  abortTask(taskParamList: number[], opts?: O): Promise<null>;
  deleteTask(taskParamList: number[], opts?: O): Promise<null>;
  updatePriority(taskId: number, priority: number, opts?: O): Promise<null>;
  /** Stop the tasks after `overtime` seconds. */
  setTaskOvertimeTop(taskIdList: number[], overtime: number, opts?: O): Promise<string>;
  fullSpeed(taskIdList: number[], opts?: O): Promise<string>;
  /** [docs only] Change the hardware of queued tasks. */
  editTaskHardwareConfig(taskIds: Array<string | number>, hardwareConfigId: Array<string | number>, model: string, gpuNum: string, ram: string, opts?: O): Promise<null>;
  /** A task id to submit: created with count 1 unless one was created and not yet submitted. */
  getTaskId(opts?: O): Promise<number>;
}

export interface QueryOperator {
  platforms(opts?: O): Promise<T.PlatformInfo[]>;
  errorDetail(code?: string | null, codes?: string[] | null, language?: number | string, opts?: O): Promise<T.CodeInfo[]>;
  getTaskList(pageNum?: number, pageSize?: number, statusList?: number[] | null, searchKeyword?: string | number | null, startTime?: string | null, endTime?: string | null, recycleFlag?: number | null, opts?: O): Promise<T.FarmPage<T.FarmTask>>;
  taskFrames(taskId: number, pageNum?: number, pageSize?: number, searchKeyword?: string | number | null, opts?: O): Promise<T.FarmPage<T.FrameInfo>>;
  allFrameStatus(opts?: O): Promise<T.FrameStats>;
  restartFailedFrames(taskParamList: number[], status?: number[] | null, opts?: O): Promise<null>;
  restartFrame(taskId: number, selectAll?: 0 | 1, idsList?: number[] | null, status?: number[] | null, opts?: O): Promise<null>;
  taskInfo(taskIdsList: number[], opts?: O): Promise<T.FarmPage<T.FarmTask>>;
  supportedSoftware(opts?: O): Promise<T.SoftwareList>;
  supportedPlugin(name: string, osName?: 'windows' | 'linux' | 'default', opts?: O): Promise<T.SoftwareDetail>;
  getTransferServerMsg(opts?: O): Promise<T.TransferServerInfo>;
  getRaySyncUserKey(opts?: O): Promise<Record<string, unknown>>;
  getTaskProcessingImg(taskId: number, frameType?: number | null, opts?: O): Promise<Record<string, unknown>>;
  /** (sic) the SDK's spelling; `getFrameThumbnail` is the same method. */
  getFrameThumbnall(frameId: number, frameStatus?: number, opts?: O): Promise<string[]>;
  getFrameThumbnail(frameId: number, frameStatus?: number, opts?: O): Promise<string[]>;
  stopFrame(taskId: number, selectAll?: 0 | 1, idsList?: number[] | null, status?: number[] | null, opts?: O): Promise<unknown>;
  getRenderLog(renderingType?: string, pageNum?: number, pageSize?: number, frameId?: number | null, opts?: O): Promise<unknown>;
  /** [docs only] Pack nodes; the id goes into task.json as `pack_node_id`. */
  getPackNodeInfo(opts?: O): Promise<T.PackNode[]>;
  getAllFrames(taskId: number, startPage?: number, endPage?: number, pageSize?: number, opts?: O): Promise<Record<string, T.FrameInfo>>;
  /** (sic) Restart the frames named by a selection such as `["6", "7-9[1]"]`; `getCustomFrames` is the same. */
  getCustomeFrames(taskId: number, restartFrames: string[], opts?: O): Promise<unknown>;
  getCustomFrames(taskId: number, restartFrames: string[], opts?: O): Promise<unknown>;
  frameNumberToStop(taskId: number, stopFrames: string[], opts?: O): Promise<unknown>;
  getSmallTaskId(taskId: number, opts?: O): Promise<number[]>;
}

export interface TagOperator {
  /** Add a project name; `status` 0 on, 1 off (docs). */
  addLabel(newName: string, status?: number, opts?: O): Promise<null>;
  deleteLabel(delName: string, opts?: O): Promise<null>;
  getLabelList(opts?: O): Promise<T.ProjectList>;
  getProjectList(opts?: O): Promise<T.ProjectList['projectNameList']>;
  /** flag 0 this account, 1 this + main account, 2 all under the same main account. */
  getList(flag?: 0 | 1 | 2, opts?: O): Promise<T.ProjectList>;
  addTaskTag(tag: string, taskIds: number[], opts?: O): Promise<null>;
  deleteTaskTag(tagIds: Array<number | string>, opts?: O): Promise<null>;
}

export interface EnvOperator {
  addRenderEnv(data: T.RenderEnv, opts?: O): Promise<{ editName: string }>;
  updateRenderEnv(data: T.RenderEnv, opts?: O): Promise<null>;
  deleteRenderEnv(editName: string, opts?: O): Promise<null>;
  setDefaultRenderEnv(editName: string, opts?: O): Promise<null>;
  /** `osName` 0 Linux, 1 Windows (default). */
  getRenderEnv(name?: string | null, cgNames?: string[] | null, osName?: 0 | 1 | null, opts?: O): Promise<T.UserPluginConfig[]>;
}

export interface TransmitOperator {
  uploadJsonContent(taskId: number, content: string | object, fileName?: T.FarmJobFileName, opts?: O): Promise<null>;
  getTransferConfig(opts?: O): Promise<T.FarmTransferConfig>;
  /** When a task id is given the listing starts at "/" whatever `treePath` says (as the SDK does). */
  getOutputFiles(taskId?: number | null, treePath?: string, opts?: O): Promise<T.OutputFile[]>;
}
