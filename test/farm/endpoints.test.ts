// Every endpoint of spec/api.md §3.1–3.8 is served at its exact path with the §2.3 envelope; bad calls get the documented codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../sidecar/src/api';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { farmRoutes } from '../../sidecar/src/farm/rest/routes';
import { rawRequest, signedCall } from '../helpers/farm-raw';
import { houdiniTask } from '../helpers/farm-tasks';

let farm: Farm;
let taskId: number;
let frameId: number;
beforeAll(async () => {
  farm = await startFarm({ frameDurationMs: 0 });
  taskId = (await signedCall(farm, '/api/render/submit/createTask', '{"count": 1, "taskUserLevel": 50}')).json().data.taskIdList[0];
  // A second, rendered task gives a done frame for the thumbnail endpoint.
  const rendered = (await signedCall(farm, '/api/render/submit/createTask', '{"count": 1, "taskUserLevel": 50}')).json().data.taskIdList[0];
  const task = JSON.stringify(houdiniTask([{ node: '/out/mantra1', frames: '1' }]));
  await signedCall(farm, '/api/render/submit/taskJsonFile', JSON.stringify({ taskId: rendered, fileName: 'task.json', content: task }));
  await signedCall(farm, '/api/render/submit/task', JSON.stringify({ taskId: rendered }));
  for (let i = 0; i < 3; i += 1) await farm.tick();
  frameId = (await signedCall(farm, '/api/render/handle/queryTaskFrames', JSON.stringify({ taskId: rendered, pageNum: 1, pageSize: 10 }))).json().data.items[0].id;
});
afterAll(async () => farm.close());

/** A valid body for every farm path (the test fails when a route has no entry here). */
const bodies = (id: number): Record<string, string> => ({
  '/api/render/setUp/queryUserProfile': '{}',
  '/api/render/setUp/queryUserSetting': '{}',
  '/api/render/setUp/updateUserSetting': '{"taskOverTimeSec": 3600}',
  '/api/render/transfer/getBid': '{}',
  '/api/render/hardwareConfig/list': `{"cloneTask": "false", "taskIds": ["${id}"]}`,
  '/api/render/submit/createTask': '{"count": 2, "taskUserLevel": 60, "labels": ["a"], "artist": "me"}',
  '/api/render/submit/taskJsonFile': `{"taskId": ${id}, "fileName": "upload.json", "content": "{}"}`,
  '/api/render/submit/task': `{"taskId": ${id}, "producer": "me"}`,
  '/api/rendering/task/renderingTask/stopTask': `{"taskIds": [${id}]}`,
  '/api/rendering/task/renderingTask/startTask': `{"taskIds": [${id}]}`,
  '/api/render/handle/abandonTask': `{"taskIds": [${id}]}`,
  '/api/render/handle/deleteTask': `{"taskIds": [${id}]}`,
  '/api/rendering/task/renderingTask/updateTaskUserLevel': `{"taskId": ${id}, "taskUserLevel": 60}`,
  '/api/render/handle/setTaskOverTimeStop': `{"taskIds": [${id}], "overTime": 7200}`,
  '/api/render/handle/fullSpeedRendering': `{"taskIds": [${id}]}`,
  '/api/render/handle/editTaskHardwareConfig': `{"taskIds": ["${id}"], "hardwareConfigId": ["497"], "model": "Default", "gpuNum": "", "ram": "128GB"}`,
  '/api/render/common/queryPlatforms': '{"zone": 1}',
  '/api/render/submit/queryAnalyseErrorDetail': '{"language": "1", "codes": ["15024", "50001"]}',
  '/api/render/handle/getTaskList/v2': '{"pageNum": 1, "pageSize": 10, "recycleFlag": 1}',
  '/api/render/handle/queryTaskInfo/v2': `{"taskIds": [${id}]}`,
  '/api/render/handle/queryTaskFrames': `{"taskId": ${id}, "pageNum": 1, "pageSize": 100}`,
  '/api/render/handle/queryAllFrameStats': '{}',
  '/api/render/handle/recommitTasks': `{"taskIds": [${id}]}`,
  '/api/render/handle/recommitTaskFrames': `{"taskId": ${id}, "selectAll": 1}`,
  '/api/render/handle/stopTaskFrames': `{"taskId": ${id}, "selectAll": 1}`,
  '/api/render/handle/loadTaskProcessImg': `{"taskId": ${id}, "frameType": 5}`,
  '/api/render/handle/loadingFrameThumbnail': `{"id": ${frameId}, "frameStatus": 4}`,
  '/api/render/handle/showLog': '{"renderingType": "render", "pageNum": 1, "pageSize": 1, "id": null}',
  '/api/render/plugin/querySoftwareList': '{}',
  '/api/render/plugin/querySoftwareDetail': '{"cgId": 2004, "osName": "linux"}',
  '/api/render/transfer/getServerInfo': '{"zone": 1}',
  '/api/render/transfer/getRaySyncUserKey': '{}',
  '/api/render/transfer/getConfig': '{}',
  '/api/render/file/operate/getOutputUserDirFile': '{"treePath": "/"}',
  '/api/render/project/add': '{"newName": "p1", "status": 0}',
  '/api/render/project/getList': '{}',
  '/api/render/project/list': '{"flag": 2}',
  '/api/render/project/delete': '{"delName": "p1"}',
  '/api/render/handle/addTaskLabel': `{"label": "urgent", "taskIds": [${id}]}`,
  '/api/render/handle/deleteTaskLabel': '{"labelIds": [1]}',
  '/api/render/plugin/addUserPluginConfig': '{"cgId": 2000, "cgName": "Maya", "cgVersion": "2018", "renderLayerType": 0, "editName": "tests", "renderSystem": 1, "pluginIds": [2700]}',
  '/api/render/plugin/editUserPluginConfig': '{"cgId": 2000, "cgName": "Maya", "cgVersion": "2018", "renderLayerType": 0, "editName": "tests", "renderSystem": 1, "pluginIds": [2701]}',
  '/api/render/plugin/setDefaultUserPluginConfig': '{"editName": "tests"}',
  '/api/render/plugin/getUserPluginConfig': '{"cgIds": [2000], "osName": 1}',
  '/api/render/plugin/deleteUserPluginConfig': '{"editName": "tests"}',
  '/api/render/submit/getUserPackNodeInfo': '{}',
  '/api/render/handle/operate/sdk/taskRecord': '{"platform": 2, "pageNum": 1, "pageSize": 10}',
  '/api/render/handle/operate/sdk/loginRecord': '{"pageNum": 1, "pageSize": 10}',
});

describe('farm endpoints', () => {
  it('serves every path of the SDK client endpoint table (spec/api.md §3)', () => {
    const missing = ENDPOINTS.map((e) => e.path).filter((p) => !Object.hasOwn(farmRoutes, p));
    expect(missing).toEqual([]);
  });

  it('answers each endpoint with a success envelope', async () => {
    const thumbs = (await signedCall(farm, '/api/render/handle/loadingFrameThumbnail', `{"id": ${frameId}, "frameStatus": 4}`)).json().data;
    expect(thumbs).toHaveLength(1);
    const table = bodies(taskId);
    expect(Object.keys(farmRoutes).filter((p) => !(p in table))).toEqual([]);
    for (const [path, body] of Object.entries(table)) {
      const res = await signedCall(farm, path, body);
      const env = res.json();
      expect({ path, code: env.code, message: env.message }).toEqual({ path, code: 200, message: 'success' });
      expect(env.version).toBe('2.0.0');
      expect(typeof env.serverTime).toBe('number');
      expect(typeof env.requestId).toBe('string');
    }
  });

  it('returns the documented data shapes for login and transfer setup', async () => {
    const bid = (await signedCall(farm, '/api/render/transfer/getBid')).json().data;
    expect(bid).toEqual({ config_bid: farm.account.configBid, output_bid: farm.account.outputBid, input_bid: farm.account.inputBid,
      parent_input_bid: farm.account.parentInputBid, sub_user_output_bids: [] });
    const cfg = (await signedCall(farm, '/api/render/transfer/getConfig')).json().data;
    const httpEngine = cfg.resqEngines.find((e: any) => e.engineName === 'HTTP');
    expect(httpEngine).toMatchObject({ isDefault: 1, resqEngineAccounts: [{ name: farm.account.storageName, password: farm.account.storagePassword }] });
    expect(httpEngine.respTaskEngineLines[0]).toMatchObject({ name: 'local', server: '127.0.0.1', port: farm.port, isDefault: 1 });
    expect(cfg.resqEngines.map((e: any) => e.engineName)).toEqual(['HTTP', 'Aspera', 'RaySync']);
    const detail = (await signedCall(farm, '/api/render/plugin/querySoftwareDetail', '{"cgId": 2004, "osName": "windows"}')).json().data;
    expect(detail.cgVersion.map((v: any) => v.cgVersion)).toContain('17.0.352');
    expect(detail.cgPlugin.find((p: any) => p.pluginName === 'redshift').pluginVersions.length).toBeGreaterThan(0);
    const hw = (await signedCall(farm, '/api/render/hardwareConfig/list', '{"cloneTask": "false"}')).json().data;
    expect(hw[0]).toEqual(expect.objectContaining({ id: 496, model: 'Default', ram: '64GB', gpuNum: null, notSupportCode: [], notSupportPluginList: [] }));
  });

  it('answers an unknown path with HTTP 404 and envelope code 404, and a GET with 405', async () => {
    const res = await signedCall(farm, '/api/render/nope');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ code: 404, result: false });
    const get = await rawRequest(farm, 'GET', '/api/render/setUp/queryUserProfile');
    expect(get.status).toBe(405);
  });

  it('validates bodies like the SDK schemas: 601 for a missing field, 600 for a wrong type or value', async () => {
    expect((await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{}')).json().code).toBe(601);
    expect((await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": "1"}')).json().code).toBe(600);
    expect((await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": [1.5]}')).json().code).toBe(600);
    expect((await signedCall(farm, '/api/render/submit/createTask', '{"count": 1.0, "taskUserLevel": 50}')).json().code).toBe(600);
    expect((await signedCall(farm, '/api/render/plugin/querySoftwareDetail', '{"cgId": 2004, "osName": "mac"}')).json().code).toBe(600);
    expect((await signedCall(farm, '/api/render/setUp/updateUserSetting', '{"taskOverTimeSec": null}')).json().code).toBe(600);
    const bad = await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": [');
    expect(bad.json().code).toBe(600);
  });

  it('answers 404 for a task of another account or that does not exist', async () => {
    expect((await signedCall(farm, '/api/render/submit/task', '{"taskId": 1}')).json().code).toBe(404);
  });
});
