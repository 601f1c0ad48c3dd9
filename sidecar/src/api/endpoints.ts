/**
 * Every REST endpoint as one data row (spec/api.md §3.1–3.8): group and method name (the Python SDK
 * name in camelCase), path, positional arguments and the body field each fills, the request schema,
 * and whether re-sending is safe. `methods.ts` turns each row into a method; nothing here does I/O.
 * The few body rules that are not a plain mapping (region zones, frame selections, DCC ids) sit
 * in `prepare`, next to their row.
 */
import type { z } from 'zod';
import { platformsZone, transferServerZone } from './domains';
import { DCC_ID_MAPPINGS, dccId, localOsName } from './dcc-ids';
import { RayvisionValidationError, describe } from './errors';
import { EMPTY, SCHEMAS } from './schemas';

export type Group = 'user' | 'task' | 'query' | 'tag' | 'env' | 'transmit';

/** When an argument goes into the body: always, only when truthy (the SDK's habit), or when not null/undefined. */
export type SendRule = 'always' | 'truthy' | 'defined';

export interface ArgSpec {
  /** Parameter name, for docs and error messages. */
  name: string;
  /** Body field; defaults to `name`. */
  field?: string;
  default?: unknown;
  send?: SendRule;
  /** The argument is the whole body object (addRenderEnv(data)). */
  spread?: boolean;
}

export interface EndpointContext {
  domain: string;
  platform: string;
}

export interface EndpointRow {
  group: Group;
  method: string;
  path: string;
  /** Safe to send twice: retried even after the request may have reached the server. */
  idempotent: boolean;
  args: readonly ArgSpec[];
  schema: z.ZodType;
  /** Constant body fields. */
  fixed?: Record<string, unknown>;
  prepare?: (body: Record<string, unknown>, ctx: EndpointContext) => Record<string, unknown>;
  /** Picks the returned value out of `data`. */
  result?: (data: unknown) => unknown;
  aliases?: readonly string[];
  /** Documented by the 2026 docs but absent from the SDK snapshot (§3.8): field names unverified. */
  docsOnly?: boolean;
  /** The v1 path (§3.9), for reference. */
  legacyPath?: string;
}

const a = (name: string, extra: Omit<ArgSpec, 'name'> = {}): ArgSpec => ({ name, send: 'always', ...extra });
const opt = (name: string, extra: Omit<ArgSpec, 'name'> = {}): ArgSpec => ({ name, send: 'truthy', ...extra });

function requireDcc(field: string, name: unknown): number {
  const id = typeof name === 'string' ? dccId(name) : undefined;
  if (id === undefined) {
    throw new RayvisionValidationError(field, `${field}: ${describe(name)} is not a DCC name the farm knows. Use one of: ${Object.keys(DCC_ID_MAPPINGS).join(', ')}. Nothing was sent.`);
  }
  return id;
}

// restartFrame / stopFrame: the whole task (selectAll 1) or the listed frame ids (selectAll 0).
function frameSelection(body: Record<string, unknown>): Record<string, unknown> {
  if (body.selectAll === 1) {
    const { ids: _ids, ...rest } = body;
    return rest;
  }
  if (!Array.isArray(body.ids) || body.ids.length === 0) {
    throw new RayvisionValidationError('ids', 'No frame ids given: pass the frame ids to act on, or selectAll = 1 for the whole task.');
  }
  return body;
}

const frameArgs = [a('taskId'), a('selectAll', { default: 1 }), opt('idsList', { field: 'ids' }), opt('status')];

export const ENDPOINTS: readonly EndpointRow[] = [
  // §3.1 user
  { group: 'user', method: 'queryUserProfile', path: '/api/render/setUp/queryUserProfile', idempotent: true, args: [], schema: EMPTY, legacyPath: '/api/render/user/queryUserProfile' },
  { group: 'user', method: 'queryUserSetting', path: '/api/render/setUp/queryUserSetting', idempotent: true, args: [], schema: EMPTY, legacyPath: '/api/render/user/queryUserSetting' },
  { group: 'user', method: 'updateUserSettings', path: '/api/render/setUp/updateUserSetting', idempotent: true, args: [a('taskOverTime', { field: 'taskOverTimeSec' })], schema: SCHEMAS.updateUserSetting },
  { group: 'user', method: 'getTransferBid', path: '/api/render/transfer/getBid', idempotent: true, args: [], schema: EMPTY, legacyPath: '/api/render/task/getTransferBid' },
  { group: 'user', method: 'getHardwareConfig', path: '/api/render/hardwareConfig/list', idempotent: true, args: [opt('taskIds')], fixed: { cloneTask: 'false' }, schema: SCHEMAS.hardwareConfigList },
  {
    group: 'user', method: 'taskRecord', path: '/api/render/handle/operate/sdk/taskRecord', idempotent: true, docsOnly: true,
    args: [opt('platform'), a('pageNum', { default: 1 }), a('pageSize', { default: 100 }), opt('startDate'), opt('endDate')],
    prepare: (body, ctx) => ({ ...body, platform: body.platform ?? Number(ctx.platform) }),
    schema: SCHEMAS.taskRecord,
  },
  { group: 'user', method: 'loginRecord', path: '/api/render/handle/operate/sdk/loginRecord', idempotent: true, docsOnly: true, args: [a('pageNum', { default: 1 }), a('pageSize', { default: 100 }), opt('startDate'), opt('endDate')], schema: SCHEMAS.loginRecord },

  // §3.2 task
  {
    group: 'task', method: 'createTask', path: '/api/render/submit/createTask', idempotent: false,
    args: [a('count', { default: 1 }), a('taskUserLevel', { default: 50 }), opt('outUserId'), opt('labels'), opt('cloneOriginalId'), opt('artist')],
    schema: SCHEMAS.createTask, legacyPath: '/api/render/task/createTask',
  },
  { group: 'task', method: 'submitTask', path: '/api/render/submit/task', idempotent: false, args: [a('taskId'), opt('producer')], schema: SCHEMAS.submitTask, legacyPath: '/api/render/task/submitTask' },
  { group: 'task', method: 'stopTask', path: '/api/rendering/task/renderingTask/stopTask', idempotent: true, args: [a('taskParamList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  { group: 'task', method: 'startTask', path: '/api/rendering/task/renderingTask/startTask', idempotent: true, args: [a('taskParamList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  { group: 'task', method: 'abortTask', path: '/api/render/handle/abandonTask', idempotent: true, args: [a('taskParamList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  { group: 'task', method: 'deleteTask', path: '/api/render/handle/deleteTask', idempotent: true, args: [a('taskParamList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  { group: 'task', method: 'updatePriority', path: '/api/rendering/task/renderingTask/updateTaskUserLevel', idempotent: true, args: [a('taskId'), a('priority', { field: 'taskUserLevel' })], schema: SCHEMAS.updateTaskUserLevel },
  { group: 'task', method: 'setTaskOvertimeTop', path: '/api/render/handle/setTaskOverTimeStop', idempotent: true, args: [a('taskIdList', { field: 'taskIds' }), a('overtime', { field: 'overTime' })], schema: SCHEMAS.setTaskOverTimeStop },
  { group: 'task', method: 'fullSpeed', path: '/api/render/handle/fullSpeedRendering', idempotent: true, args: [a('taskIdList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  {
    group: 'task', method: 'editTaskHardwareConfig', path: '/api/render/handle/editTaskHardwareConfig', idempotent: true, docsOnly: true,
    args: [a('taskIds'), a('hardwareConfigId'), a('model'), a('gpuNum'), a('ram')], schema: SCHEMAS.editTaskHardwareConfig,
  },

  // §3.3 query
  { group: 'query', method: 'platforms', path: '/api/render/common/queryPlatforms', idempotent: true, args: [], prepare: (body, ctx) => ({ ...body, zone: platformsZone(ctx.domain) }), schema: SCHEMAS.queryPlatforms },
  {
    group: 'query', method: 'errorDetail', path: '/api/render/submit/queryAnalyseErrorDetail', idempotent: true,
    args: [a('code', { send: 'defined' }), a('codes', { send: 'defined' }), a('language', { default: 0 })],
    prepare: (body) => {
      if (body.code === undefined && body.codes === undefined) throw new RayvisionValidationError('code', 'errorDetail needs a tip code or a list of codes.');
      return body;
    },
    schema: SCHEMAS.queryAnalyseErrorDetail,
  },
  {
    group: 'query', method: 'getTaskList', path: '/api/render/handle/getTaskList/v2', idempotent: true,
    args: [a('pageNum', { default: 1 }), a('pageSize', { default: 100 }), opt('statusList'), opt('searchKeyword'), opt('startTime'), opt('endTime'), opt('recycleFlag')],
    schema: SCHEMAS.getTaskList,
  },
  { group: 'query', method: 'taskFrames', path: '/api/render/handle/queryTaskFrames', idempotent: true, args: [a('taskId'), a('pageNum', { default: 1 }), a('pageSize', { default: 100 }), opt('searchKeyword')], schema: SCHEMAS.queryTaskFrames },
  { group: 'query', method: 'allFrameStatus', path: '/api/render/handle/queryAllFrameStats', idempotent: true, args: [], schema: EMPTY },
  { group: 'query', method: 'restartFailedFrames', path: '/api/render/handle/recommitTasks', idempotent: false, args: [a('taskParamList', { field: 'taskIds' }), opt('status')], schema: SCHEMAS.recommitTasks },
  { group: 'query', method: 'restartFrame', path: '/api/render/handle/recommitTaskFrames', idempotent: false, args: frameArgs, prepare: frameSelection, schema: SCHEMAS.frameSelection },
  { group: 'query', method: 'taskInfo', path: '/api/render/handle/queryTaskInfo/v2', idempotent: true, args: [a('taskIdsList', { field: 'taskIds' })], schema: SCHEMAS.taskIds },
  { group: 'query', method: 'supportedSoftware', path: '/api/render/plugin/querySoftwareList', idempotent: true, args: [], schema: EMPTY },
  {
    group: 'query', method: 'supportedPlugin', path: '/api/render/plugin/querySoftwareDetail', idempotent: true,
    args: [a('name', { field: 'cgId' }), a('osName', { default: 'default' })],
    prepare: (body) => ({ cgId: requireDcc('name', body.cgId), osName: body.osName === 'default' ? localOsName() : body.osName }),
    schema: SCHEMAS.querySoftwareDetail,
  },
  { group: 'query', method: 'getTransferServerMsg', path: '/api/render/transfer/getServerInfo', idempotent: true, args: [], prepare: (body, ctx) => ({ ...body, zone: transferServerZone(ctx.domain) }), schema: SCHEMAS.getServerInfo },
  { group: 'query', method: 'getRaySyncUserKey', path: '/api/render/transfer/getRaySyncUserKey', idempotent: true, args: [], schema: EMPTY },
  { group: 'query', method: 'getTaskProcessingImg', path: '/api/render/handle/loadTaskProcessImg', idempotent: true, args: [a('taskId'), opt('frameType')], schema: SCHEMAS.loadTaskProcessImg },
  {
    group: 'query', method: 'getFrameThumbnall', aliases: ['getFrameThumbnail'], path: '/api/render/handle/loadingFrameThumbnail', idempotent: true,
    args: [a('frameId', { field: 'id' }), a('frameStatus', { default: 4 })], schema: SCHEMAS.loadingFrameThumbnail,
  },
  { group: 'query', method: 'stopFrame', path: '/api/render/handle/stopTaskFrames', idempotent: true, args: frameArgs, prepare: frameSelection, schema: SCHEMAS.frameSelection },
  {
    group: 'query', method: 'getRenderLog', path: '/api/render/handle/showLog', idempotent: true,
    args: [a('renderingType', { default: 'render' }), a('pageNum', { default: 1 }), a('pageSize', { default: 1 }), a('frameId', { field: 'id', default: null })],
    schema: SCHEMAS.showLog,
  },
  { group: 'query', method: 'getPackNodeInfo', path: '/api/render/submit/getUserPackNodeInfo', idempotent: true, docsOnly: true, args: [], schema: EMPTY },

  // §3.4 tag / project
  { group: 'tag', method: 'addLabel', path: '/api/render/project/add', idempotent: false, args: [a('newName'), a('status', { default: 1 })], schema: SCHEMAS.projectAdd, legacyPath: '/api/render/common/addLabel' },
  { group: 'tag', method: 'deleteLabel', path: '/api/render/project/delete', idempotent: true, args: [a('delName')], schema: SCHEMAS.projectDelete },
  { group: 'tag', method: 'getLabelList', path: '/api/render/project/getList', idempotent: true, args: [], schema: EMPTY },
  {
    group: 'tag', method: 'getProjectList', path: '/api/render/project/getList', idempotent: true, args: [], schema: EMPTY,
    result: (data) => (data as { projectNameList?: unknown } | null)?.projectNameList ?? [],
  },
  { group: 'tag', method: 'getList', path: '/api/render/project/list', idempotent: true, args: [a('flag', { default: 0 })], schema: SCHEMAS.projectList },
  { group: 'tag', method: 'addTaskTag', path: '/api/render/handle/addTaskLabel', idempotent: false, args: [a('tag', { field: 'label' }), a('taskIds')], schema: SCHEMAS.addTaskLabel },
  { group: 'tag', method: 'deleteTaskTag', path: '/api/render/handle/deleteTaskLabel', idempotent: true, args: [a('tagIds', { field: 'labelIds' })], schema: SCHEMAS.deleteTaskLabel },

  // §3.5 render environments (plugin configs)
  { group: 'env', method: 'addRenderEnv', path: '/api/render/plugin/addUserPluginConfig', idempotent: false, args: [a('data', { spread: true })], schema: SCHEMAS.renderEnv },
  { group: 'env', method: 'updateRenderEnv', path: '/api/render/plugin/editUserPluginConfig', idempotent: false, args: [a('data', { spread: true })], schema: SCHEMAS.renderEnv },
  { group: 'env', method: 'deleteRenderEnv', path: '/api/render/plugin/deleteUserPluginConfig', idempotent: true, args: [a('editName')], schema: SCHEMAS.editName },
  { group: 'env', method: 'setDefaultRenderEnv', path: '/api/render/plugin/setDefaultUserPluginConfig', idempotent: true, args: [a('editName')], schema: SCHEMAS.editName },
  {
    group: 'env', method: 'getRenderEnv', path: '/api/render/plugin/getUserPluginConfig', idempotent: true,
    args: [a('name', { field: 'cgId', send: 'defined' }), a('cgNames', { field: 'cgIds', send: 'defined' }), a('osName', { default: 1, send: 'defined' })],
    prepare: (body) => {
      const out: Record<string, unknown> = { ...body };
      if (body.cgId !== undefined) out.cgId = requireDcc('name', body.cgId);
      if (body.cgIds !== undefined) {
        if (!Array.isArray(body.cgIds)) throw new RayvisionValidationError('cgNames', `cgNames must be a list of DCC names, got ${describe(body.cgIds)}.`);
        out.cgIds = body.cgIds.map((n) => requireDcc('cgNames', n));
      }
      return out;
    },
    schema: SCHEMAS.getUserPluginConfig,
  },

  // §3.6 transmit
  {
    group: 'transmit', method: 'uploadJsonContent', path: '/api/render/submit/taskJsonFile', idempotent: true,
    args: [a('taskId'), a('content'), a('fileName', { default: 'task.json' })],
    prepare: (body) => ({ ...body, content: typeof body.content === 'string' ? body.content : JSON.stringify(body.content) }),
    schema: SCHEMAS.taskJsonFile,
  },
  { group: 'transmit', method: 'getTransferConfig', path: '/api/render/transfer/getConfig', idempotent: true, args: [], schema: EMPTY },
  {
    group: 'transmit', method: 'getOutputFiles', path: '/api/render/file/operate/getOutputUserDirFile', idempotent: true,
    args: [a('taskId', { send: 'defined' }), a('treePath', { default: '/' })],
    // The SDK lists a task's output from the root whatever tree path was asked.
    prepare: (body) => (body.taskId !== undefined ? { ...body, treePath: '/' } : body),
    schema: SCHEMAS.getOutputUserDirFile,
  },
];

/** The row of an endpoint by method name (or alias). */
export function endpoint(method: string): EndpointRow {
  const row = ENDPOINTS.find((r) => r.method === method || r.aliases?.includes(method));
  if (!row) throw new Error(`No endpoint named ${method}.`);
  return row;
}
