// Every endpoint of spec/api.md §3 against the local farm, through the generated methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, RayvisionAPIError, type RayvisionAPI } from '../../sidecar/src/api';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { houdiniTaskJson, until } from './helpers/task-json';

let env: WithFarm;
let api: RayvisionAPI;
/** REST paths the farms of this file answered (the guard at the end wants every endpoint among them). */
const served = new Set<string>();
const noteServed = (farm: WithFarm['farm']): void => {
  for (const r of farm.requests) if (r.kind === 'api' && !r.fault) served.add(r.path);
};

beforeAll(async () => {
  env = await withFarm({ frameDurationMs: 5 });
  api = env.api;
});
afterAll(async () => {
  await env.close();
});

async function submittedTask(frames = '1-6[1]'): Promise<number> {
  const taskId = (await api.task.createTask()).taskIdList[0];
  await api.transmit.uploadJsonContent(taskId, JSON.stringify(houdiniTaskJson(taskId, frames)), 'task.json');
  await api.submit(taskId);
  return taskId;
}

describe('user group', () => {
  it('profile, setting, update, bids, hardware, records', async () => {
    const profile = await api.user.queryUserProfile();
    expect(profile.userId).toBe(env.farm.userId);
    await api.user.updateUserSettings(7200);
    expect((await api.user.queryUserSetting()).taskOverTimeSec).toBe(7200);
    const bid = await api.user.getTransferBid();
    expect(bid.input_bid).toBe(env.farm.account.inputBid);
    const hardware = await api.user.getHardwareConfig();
    expect(hardware.length).toBeGreaterThan(0);
    expect(hardware[0]).toHaveProperty('model');
    const tasks = await api.user.taskRecord();
    expect(Array.isArray(tasks.items)).toBe(true);
    const logins = await api.user.loginRecord();
    expect(Array.isArray(logins.items)).toBe(true);
  });
});

describe('task and query groups', () => {
  it('create, upload, submit, list, info, frames, stats', async () => {
    const taskId = await submittedTask();
    const list = await api.query.getTaskList(1, 50);
    expect(list.items.map((t) => t.id)).toContain(taskId);
    const info = await api.query.taskInfo([taskId]);
    expect(info.items[0].id).toBe(taskId);
    const frames = await until(async () => {
      const page = await api.query.taskFrames(taskId);
      return page.items.length === 6 ? page : undefined;
    });
    expect(frames.items.map((f) => f.frameIndex).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    const stats = await api.query.allFrameStatus();
    expect(stats.totalFrames).toBeGreaterThanOrEqual(6);
    expect(await api.query.getSmallTaskId(taskId)).toEqual([taskId]);
  });

  it('stop, start, priority, overtime, full speed, hardware edit, abort, delete', async () => {
    // A farm that renders only when ticked, so task states do not race the render loop.
    const stepped = await withFarm({ frameDurationMs: 0 });
    try {
      const a = stepped.api;
      const taskId = (await a.task.createTask()).taskIdList[0];
      await a.transmit.uploadJsonContent(taskId, JSON.stringify(houdiniTaskJson(taskId, '1-4[1]')), 'task.json');
      await a.submit(taskId);
      await stepped.farm.tick(); // prepared: frames exist, the task renders
      await a.task.stopTask([taskId]);
      expect((await a.query.taskInfo([taskId])).items[0].taskStatus).toBe(10);
      await a.task.startTask([taskId]);
      expect((await a.query.taskInfo([taskId])).items[0].taskStatus).not.toBe(10);
      await a.task.updatePriority(taskId, 60);
      expect((await a.query.taskInfo([taskId])).items[0].taskUserLevel).toBe(60);
      expect(typeof (await a.task.setTaskOvertimeTop([taskId], 3600))).toBe('string');
      expect((await a.query.taskInfo([taskId])).items[0].overTimeStop).toBe(3600);
      expect(typeof (await a.task.fullSpeed([taskId]))).toBe('string');
      await expect(a.task.editTaskHardwareConfig([String(taskId)], ['496'], 'Default', '', '64GB')).resolves.toBeNull();
      await a.task.abortTask([taskId]);
      expect((await a.query.taskInfo([taskId])).items[0].taskStatus).toBe(35);
      await a.task.deleteTask([taskId]);
      expect((await a.query.getTaskList(1, 50)).items.map((t) => t.id)).not.toContain(taskId);
      expect((await a.query.getTaskList(1, 50, null, null, null, null, 1)).items.map((t) => t.id)).toContain(taskId);
    } finally {
      noteServed(stepped.farm);
      await stepped.close();
    }
  });

  it('frames: wait for done, thumbnails, logs, recommit, select, stop', async () => {
    const taskId = await submittedTask('1-6[1]');
    const all = await until(async () => {
      const frames = await api.query.getAllFrames(taskId, 1, 2000, 2);
      const list = Object.values(frames);
      return list.length === 6 && list.every((f) => f.frameStatus === 4) ? frames : undefined;
    });
    expect(Object.keys(all).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    const thumbs = await api.query.getFrameThumbnall(all['1'].id);
    expect(Array.isArray(thumbs)).toBe(true);
    const log = await api.query.getRenderLog('render', 1, 1, all['1'].id);
    // The frame's own story: started, wrote its image, done and charged.
    expect(log).toMatchObject({ id: all['1'].id, content: expect.arrayContaining([expect.stringMatching(/Frame 1 of task \d+ started/), expect.stringMatching(/Frame 1 done in .* charged 0\.50/)]) });
    expect(await api.query.getTaskProcessingImg(taskId)).toMatchObject({ currentTaskType: 'Render', sceneName: 'sphere' });
    await api.query.restartFrame(taskId, 0, [all['2'].id]);
    await api.query.restartFailedFrames([taskId]);
    await api.query.getCustomeFrames(taskId, ['3', '5-6[1]']);
    const restarted = Object.values(await api.query.getAllFrames(taskId)).filter((f) => f.frameStatus !== 4 || (f.recommitFlag as number) > 0);
    expect(restarted.map((f) => f.frameIndex).sort()).toEqual(expect.arrayContaining(['2', '3', '5', '6']));
    await api.query.frameNumberToStop(taskId, ['4']);
    await api.query.stopFrame(taskId, 1);
    // stopping the whole task aborts (3) every frame that had not finished (4)
    expect(Object.values(await api.query.getAllFrames(taskId)).filter((f) => f.frameStatus !== 3 && f.frameStatus !== 4)).toEqual([]);
  });

  it('platforms, error details, software, plugins, transfer server, raysync key, pack nodes', async () => {
    expect((await api.query.platforms()).some((p) => p.platform === 2)).toBe(true);
    const details = await api.query.errorDetail('50001', null, 1);
    expect(details[0]?.code).toBe('50001');
    expect((await api.query.supportedSoftware()).renderInfoList.some((s) => s.cgId === 2004)).toBe(true);
    const detail = await api.query.supportedPlugin('houdini', 'linux');
    expect(detail.cgVersion.length).toBeGreaterThan(0);
    expect(await api.query.getTransferServerMsg()).toHaveProperty('raysyncTransfer');
    expect(await api.query.getRaySyncUserKey()).toHaveProperty('raySyncUserKey');
    expect(Array.isArray(await api.query.getPackNodeInfo())).toBe(true);
  });
});

describe('tag group and facade project helper', () => {
  it('labels and task tags', async () => {
    await api.tag.addLabel('proj_a', 0);
    expect((await api.tag.getLabelList()).projectNameList.map((p) => p.projectName)).toContain('proj_a');
    expect((await api.tag.getProjectList()).map((p) => p.projectName)).toContain('proj_a');
    const listed = await api.tag.getList(2);
    const id = listed.projectNameList.find((p) => p.projectName === 'proj_a')!.projectId;
    expect(await api.checkAndAddProjectName('proj_a')).toBe(String(id));
    const added = await api.checkAndAddProjectName('proj_b');
    expect(Number(added)).toBeGreaterThan(0);
    await api.tag.deleteLabel('proj_a');
    expect((await api.tag.getProjectList()).map((p) => p.projectName)).not.toContain('proj_a');

    const taskId = (await api.task.createTask()).taskIdList[0];
    await api.tag.addTaskTag('hero', [taskId]);
    const labels = (await api.query.taskInfo([taskId])).items[0].labels;
    expect(JSON.stringify(labels)).toContain('hero');
    // The farm lists labels as names only; deleting by an id it does not hold is accepted.
    await expect(api.tag.deleteTaskTag([999999])).resolves.toBeNull();
  });
});

describe('env group', () => {
  it('add, update, get, default, delete', async () => {
    const env1 = { cgId: 2004, cgName: 'Houdini', cgVersion: '17.5.293', renderLayerType: 0, editName: 'env_a', renderSystem: 1 as const, pluginIds: [] };
    expect(await api.env.addRenderEnv(env1)).toMatchObject({ editName: 'env_a' });
    await api.env.updateRenderEnv({ ...env1, cgVersion: '18.0.348' });
    const configs = await api.env.getRenderEnv('houdini');
    expect(configs.find((c) => c.editName === 'env_a')?.cgVersion).toBe('18.0.348');
    await api.env.setDefaultRenderEnv('env_a');
    expect((await api.env.getRenderEnv('houdini')).find((c) => c.editName === 'env_a')?.isDefault).toBe(1);
    await api.env.deleteRenderEnv('env_a');
    expect((await api.env.getRenderEnv(null, ['houdini'])).map((c) => c.editName)).not.toContain('env_a');
  });
});

describe('transmit group and facade', () => {
  it('transfer config, json upload, output files, submitByData, userInfo', async () => {
    const config = await api.transmit.getTransferConfig();
    expect(config.inputBid).toBe(env.farm.account.inputBid);
    const taskId = await api.task.getTaskId();
    expect(await api.task.getTaskId()).toBe(taskId); // cached until submitted
    expect(await api.submitByData(houdiniTaskJson(taskId, '1-2[1]'))).toBe(taskId);
    expect(await api.task.getTaskId()).not.toBe(taskId);
    const outputs = await until(async () => {
      const files = await api.transmit.getOutputFiles(null, '/');
      return files.some((f) => f.fileName.startsWith(`${taskId}_`)) ? files : undefined;
    });
    const folder = outputs.find((f) => f.fileName.startsWith(`${taskId}_`))!;
    expect(folder.directory).toBe(true);
    expect(Array.isArray(await api.transmit.getOutputFiles(taskId))).toBe(true);
    expect(await api.getUserId()).toBe(env.farm.userId);
    expect(api.userInfo).toMatchObject({ user_id: env.farm.userId, input_bid: env.farm.account.inputBid, platform: '2', domain: env.farm.domain });
  });

  it('a second submit of the same task is a business error raised as RayvisionAPIError', async () => {
    const taskId = await submittedTask('1-1[1]');
    await expect(api.submit(taskId)).rejects.toBeInstanceOf(RayvisionAPIError);
  });
});

describe('coverage', () => {
  it('every endpoint of the client table reached a local farm in this file (fails when a new row gets no test)', () => {
    noteServed(env.farm);
    const missing = [...new Set(ENDPOINTS.map((e) => e.path))].filter((p) => !served.has(p));
    expect(missing).toEqual([]);
  });
});
