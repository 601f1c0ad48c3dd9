// Every endpoint row: its path, the body its positional arguments make (SDK rules: defaults, values
// dropped when falsy, region zones, forced fields), and that each becomes a method of its group.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, endpoint } from '../../sidecar/src/api/endpoints';
import { buildBody } from '../../sidecar/src/api/methods';
import { RayvisionAPI } from '../../sidecar/src/api';
import { localOsName } from '../../sidecar/src/api/dcc-ids';

const china = { domain: 'task.renderbus.com', platform: '2' };
const foreign = { domain: 'jop.foxrenderfarm.com', platform: '21' };
const body = (method: string, args: unknown[] = [], ctx = china) => buildBody(endpoint(method), args, ctx);

const env = { cgId: 2000, cgName: 'Maya', cgVersion: '2018', renderLayerType: 0, editName: 'tests', renderSystem: 1, pluginIds: [2703, 2704] };

// [method, args, expected body, path]
const cases: Array<[string, unknown[], Record<string, unknown>, string]> = [
  ['queryUserProfile', [], {}, '/api/render/setUp/queryUserProfile'],
  ['queryUserSetting', [], {}, '/api/render/setUp/queryUserSetting'],
  ['updateUserSettings', [3600], { taskOverTimeSec: 3600 }, '/api/render/setUp/updateUserSetting'],
  ['getTransferBid', [], {}, '/api/render/transfer/getBid'],
  ['getHardwareConfig', [], { cloneTask: 'false' }, '/api/render/hardwareConfig/list'],
  ['getHardwareConfig', [['11', '12']], { taskIds: ['11', '12'], cloneTask: 'false' }, '/api/render/hardwareConfig/list'],
  ['taskRecord', [], { platform: 2, pageNum: 1, pageSize: 100 }, '/api/render/handle/operate/sdk/taskRecord'],
  ['loginRecord', [2, 10, '2024-01-01'], { pageNum: 2, pageSize: 10, startDate: '2024-01-01' }, '/api/render/handle/operate/sdk/loginRecord'],
  ['createTask', [], { count: 1, taskUserLevel: 50 }, '/api/render/submit/createTask'],
  ['createTask', [2, 60, 0, [], 0, ''], { count: 2, taskUserLevel: 60 }, '/api/render/submit/createTask'],
  ['createTask', [1, 50, 7, ['a'], 9, 'me'], { count: 1, taskUserLevel: 50, outUserId: 7, labels: ['a'], cloneOriginalId: 9, artist: 'me' }, '/api/render/submit/createTask'],
  ['submitTask', [5], { taskId: 5 }, '/api/render/submit/task'],
  ['submitTask', [5, 'prod'], { taskId: 5, producer: 'prod' }, '/api/render/submit/task'],
  ['stopTask', [[1, 2]], { taskIds: [1, 2] }, '/api/rendering/task/renderingTask/stopTask'],
  ['startTask', [[1]], { taskIds: [1] }, '/api/rendering/task/renderingTask/startTask'],
  ['abortTask', [[1]], { taskIds: [1] }, '/api/render/handle/abandonTask'],
  ['deleteTask', [[1]], { taskIds: [1] }, '/api/render/handle/deleteTask'],
  ['updatePriority', [1, 60], { taskId: 1, taskUserLevel: 60 }, '/api/rendering/task/renderingTask/updateTaskUserLevel'],
  ['setTaskOvertimeTop', [[1], 3600], { taskIds: [1], overTime: 3600 }, '/api/render/handle/setTaskOverTimeStop'],
  ['fullSpeed', [[1]], { taskIds: [1] }, '/api/render/handle/fullSpeedRendering'],
  ['editTaskHardwareConfig', [['2191725'], ['496'], '28C', '', '64GB'], { taskIds: ['2191725'], hardwareConfigId: ['496'], model: '28C', gpuNum: '', ram: '64GB' }, '/api/render/handle/editTaskHardwareConfig'],
  ['platforms', [], { zone: 1 }, '/api/render/common/queryPlatforms'],
  ['errorDetail', ['50001'], { code: '50001', language: 0 }, '/api/render/submit/queryAnalyseErrorDetail'],
  ['errorDetail', [null, ['1', '2'], '1'], { codes: ['1', '2'], language: '1' }, '/api/render/submit/queryAnalyseErrorDetail'],
  ['getTaskList', [], { pageNum: 1, pageSize: 100 }, '/api/render/handle/getTaskList/v2'],
  ['getTaskList', [2, 5, [25], 'shot', '2024-01-01 00:00:00', '2024-02-01 00:00:00', 1], { pageNum: 2, pageSize: 5, statusList: [25], searchKeyword: 'shot', startTime: '2024-01-01 00:00:00', endTime: '2024-02-01 00:00:00', recycleFlag: 1 }, '/api/render/handle/getTaskList/v2'],
  ['getTaskList', [1, 100, [], '', null, null, 0], { pageNum: 1, pageSize: 100 }, '/api/render/handle/getTaskList/v2'],
  ['taskFrames', [9], { taskId: 9, pageNum: 1, pageSize: 100 }, '/api/render/handle/queryTaskFrames'],
  ['allFrameStatus', [], {}, '/api/render/handle/queryAllFrameStats'],
  ['restartFailedFrames', [[9]], { taskIds: [9] }, '/api/render/handle/recommitTasks'],
  ['restartFailedFrames', [[9], [5]], { taskIds: [9], status: [5] }, '/api/render/handle/recommitTasks'],
  ['restartFrame', [9], { taskId: 9, selectAll: 1 }, '/api/render/handle/recommitTaskFrames'],
  ['restartFrame', [9, 1, [3]], { taskId: 9, selectAll: 1 }, '/api/render/handle/recommitTaskFrames'],
  ['restartFrame', [9, 0, [3, 4], [5]], { taskId: 9, selectAll: 0, ids: [3, 4], status: [5] }, '/api/render/handle/recommitTaskFrames'],
  ['taskInfo', [[1, 2]], { taskIds: [1, 2] }, '/api/render/handle/queryTaskInfo/v2'],
  ['supportedSoftware', [], {}, '/api/render/plugin/querySoftwareList'],
  ['supportedPlugin', [' Houdini '], { cgId: 2004, osName: localOsName() }, '/api/render/plugin/querySoftwareDetail'],
  ['supportedPlugin', ['maya', 'windows'], { cgId: 2000, osName: 'windows' }, '/api/render/plugin/querySoftwareDetail'],
  ['getTransferServerMsg', [], { zone: 2 }, '/api/render/transfer/getServerInfo'],
  ['getRaySyncUserKey', [], {}, '/api/render/transfer/getRaySyncUserKey'],
  ['getTaskProcessingImg', [9], { taskId: 9 }, '/api/render/handle/loadTaskProcessImg'],
  ['getTaskProcessingImg', [9, 5], { taskId: 9, frameType: 5 }, '/api/render/handle/loadTaskProcessImg'],
  ['getFrameThumbnall', [77], { id: 77, frameStatus: 4 }, '/api/render/handle/loadingFrameThumbnail'],
  ['stopFrame', [9, 0, [1]], { taskId: 9, selectAll: 0, ids: [1] }, '/api/render/handle/stopTaskFrames'],
  ['getRenderLog', [], { renderingType: 'render', pageNum: 1, pageSize: 1, id: null }, '/api/render/handle/showLog'],
  ['getPackNodeInfo', [], {}, '/api/render/submit/getUserPackNodeInfo'],
  ['addLabel', ['proj'], { newName: 'proj', status: 1 }, '/api/render/project/add'],
  ['deleteLabel', ['proj'], { delName: 'proj' }, '/api/render/project/delete'],
  ['getLabelList', [], {}, '/api/render/project/getList'],
  ['getProjectList', [], {}, '/api/render/project/getList'],
  ['getList', [], { flag: 0 }, '/api/render/project/list'],
  ['getList', [2], { flag: 2 }, '/api/render/project/list'],
  ['addTaskTag', ['t', [1]], { label: 't', taskIds: [1] }, '/api/render/handle/addTaskLabel'],
  ['deleteTaskTag', [[4]], { labelIds: [4] }, '/api/render/handle/deleteTaskLabel'],
  ['addRenderEnv', [env], env, '/api/render/plugin/addUserPluginConfig'],
  ['updateRenderEnv', [env], env, '/api/render/plugin/editUserPluginConfig'],
  ['deleteRenderEnv', ['tests'], { editName: 'tests' }, '/api/render/plugin/deleteUserPluginConfig'],
  ['setDefaultRenderEnv', ['tests'], { editName: 'tests' }, '/api/render/plugin/setDefaultUserPluginConfig'],
  ['getRenderEnv', [], { osName: 1 }, '/api/render/plugin/getUserPluginConfig'],
  ['getRenderEnv', ['maya', ['houdini', 'clarisse'], 0], { cgId: 2000, cgIds: [2004, 2013], osName: 0 }, '/api/render/plugin/getUserPluginConfig'],
  ['uploadJsonContent', [9, '{"a": 1}'], { taskId: 9, content: '{"a": 1}', fileName: 'task.json' }, '/api/render/submit/taskJsonFile'],
  ['uploadJsonContent', [9, { a: 1 }, 'tips.json'], { taskId: 9, content: '{"a":1}', fileName: 'tips.json' }, '/api/render/submit/taskJsonFile'],
  ['getTransferConfig', [], {}, '/api/render/transfer/getConfig'],
  ['getOutputFiles', [], { treePath: '/' }, '/api/render/file/operate/getOutputUserDirFile'],
  ['getOutputFiles', [null, '/9_shot'], { treePath: '/9_shot' }, '/api/render/file/operate/getOutputUserDirFile'],
  ['getOutputFiles', [9, '/9_shot'], { taskId: 9, treePath: '/' }, '/api/render/file/operate/getOutputUserDirFile'],
];

describe('endpoint rows', () => {
  for (const [method, args, expected, path] of cases) {
    it(`${method}(${JSON.stringify(args).slice(1, -1)})`, () => {
      expect(endpoint(method).path).toBe(path);
      expect(body(method, args)).toEqual(expected);
    });
  }

  it('covers every row', () => {
    const covered = new Set(cases.map(([m]) => m));
    expect(ENDPOINTS.filter((r) => !covered.has(r.method)).map((r) => r.method)).toEqual([]);
  });

  it('derives region values from the domain (§9.1)', () => {
    expect(body('platforms', [], foreign)).toEqual({ zone: 2 });
    expect(body('getTransferServerMsg', [], foreign)).toEqual({ zone: 1 });
    expect(body('taskRecord', [], foreign).platform).toBe(21);
  });

  it('marks the endpoints that must not be re-sent', () => {
    const nonIdempotent = ENDPOINTS.filter((r) => !r.idempotent).map((r) => r.method).sort();
    expect(nonIdempotent).toEqual(['addLabel', 'addRenderEnv', 'addTaskTag', 'createTask', 'restartFailedFrames', 'restartFrame', 'submitTask', 'updateRenderEnv']);
  });

  it('turns every row (and alias) into a method of its group', () => {
    const api = new RayvisionAPI({ accessId: 'id', accessKey: 'key' });
    for (const row of ENDPOINTS) {
      const group = api[row.group] as unknown as Record<string, unknown>;
      expect(typeof group[row.method], `${row.group}.${row.method}`).toBe('function');
      for (const alias of row.aliases ?? []) expect(group[alias]).toBe(group[row.method]);
    }
    for (const helper of ['getAllFrames', 'getCustomeFrames', 'getCustomFrames', 'frameNumberToStop', 'getSmallTaskId']) {
      expect(typeof (api.query as unknown as Record<string, unknown>)[helper]).toBe('function');
    }
    expect(typeof api.task.getTaskId).toBe('function');
    api.close();
  });
});
