import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTaskJson } from '../../sidecar/src/jobfiles';
import { RayvisionCheck } from '../../sidecar/src/check/check';
import { CheckFailedError, TaskInfoError } from '../../sidecar/src/check/errors';
import { toRpcError } from '../../sidecar/src/rpc/rpc-errors';
import { withFarm, type WithFarm } from '../helpers/with-farm';

describe('RayvisionCheck against the local farm', () => {
  let ctx: WithFarm;
  let dir: string;
  beforeAll(async () => {
    ctx = await withFarm();
    dir = mkdtempSync(path.join(os.tmpdir(), 'check-'));
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A Houdini job folder with task.json (and optional tips.json / upload.json). */
  function job(name: string, edit: (t: ReturnType<typeof defaultTaskJson>) => void = () => {}, tips?: Record<string, string[]>): string {
    const ws = path.join(dir, name);
    mkdirSync(ws, { recursive: true });
    const t = defaultTaskJson();
    Object.assign(t.task_info, { cg_id: '2004', platform: '2', input_cg_file: 'D:/proj/sphere.hip', project_name: 'Proj1' });
    t.software_config = { cg_name: 'Houdini', cg_version: '17.5.293', plugins: {} };
    t.scene_info = { rop_node: [{ node: '/out/mantra1', frames: '1-10[1]', option: '-1', render: '1' }], geo_node: [] };
    t.scene_info_render = {};
    edit(t);
    writeFileSync(path.join(ws, 'task.json'), JSON.stringify(t));
    // upload.json names a file that exists: the check refuses missing assets (test/check/assets.test.ts).
    const scene = path.join(ws, 'sphere.hip').replace(/\\/g, '/');
    writeFileSync(scene, 'scene');
    writeFileSync(path.join(ws, 'upload.json'), JSON.stringify({ asset: [{ local: scene, server: scene.slice(1) }] }));
    if (tips) writeFileSync(path.join(ws, 'tips.json'), JSON.stringify(tips));
    return path.join(ws, 'task.json');
  }
  const cpu = { model: 'Default', ram: '64GB', gpuNum: null };

  it('fills ids, picks the hardware, copies scene_info to scene_info_render and writes task.json', async () => {
    const file = job('ok');
    const taskId = await new RayvisionCheck(ctx.api).execute({ hardwareConfig: cpu, taskJson: file });
    expect(Number.isSafeInteger(taskId) && taskId > 0).toBe(true);
    const t = JSON.parse(readFileSync(file, 'utf8'));
    expect(t.task_info).toMatchObject({ task_id: String(taskId), user_id: String(ctx.farm.userId), hardwareConfigId: '496', ram: '64', graphics_cards_num: '2' });
    expect(t.task_info.project_id).toMatch(/^\d+$/);
    expect(t.task_info.project_id).not.toBe('0');
    expect(t.scene_info_render).toEqual(t.scene_info);
  });

  it('refuses with one report naming every wrong file and setting, and creates no task', async () => {
    const before = ctx.api.requestCount;
    const missing = 'Reference file not found: D:/tex/a.png (node /obj/geo1/file1, attribute file, raw $HIP/tex/a.png)';
    const file = job('bad', (t) => (t.software_config.cg_version = '99.0'), { '15024': ['scene file D:/proj/sphere.hip is missing'], '10012': [missing] });
    const err = (await new RayvisionCheck(ctx.api).execute({ hardwareConfig: { model: '99C', ram: '64GB' }, taskJson: file }).catch((e: unknown) => e)) as CheckFailedError;
    expect(err).toBeInstanceOf(CheckFailedError);
    expect(err.farmCode).toBe(1000000);
    const byCode = Object.fromEntries(err.issues.map((i) => [i.code, i]));
    expect(byCode.ERR_SOFTWARE_VERSION).toMatchObject({ severity: 'error', file, setting: 'software_config.cg_version' });
    expect(byCode.ERR_SOFTWARE_VERSION!.message).toContain('17.5.293');
    expect(byCode.ERR_HARDWARE_CONFIG).toMatchObject({ severity: 'error', setting: 'hardwareConfig' });
    expect(byCode['15024']).toMatchObject({ severity: 'error', file: path.join(path.dirname(file), 'tips.json'), details: ['scene file D:/proj/sphere.hip is missing'] });
    expect(byCode['10012']?.severity).toBe('warning');
    expect(err.errors).toHaveLength(3);
    expect(err.message).toMatch(/There are 3 error\(s\)/);
    expect(err.message).toContain('tips.json');
    // The same report as a flat JSON list in details.problems, passed unchanged to plugins over RPC.
    const problems = (toRpcError(err).data as { details: { problems: Record<string, unknown>[] } }).details.problems;
    expect(JSON.parse(JSON.stringify(problems))).toEqual(problems);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['ERR_SOFTWARE_VERSION', 'error'], ['ERR_HARDWARE_CONFIG', 'error'], ['15024', 'error'], ['10012', 'warning']]);
    expect(problems[0]).toMatchObject({ file, setting: 'software_config.cg_version', message: byCode.ERR_SOFTWARE_VERSION!.message });
    expect(problems[2]).toMatchObject({ file: path.join(path.dirname(file), 'tips.json'), detail: 'scene file D:/proj/sphere.hip is missing' });
    expect(problems[2]!.solution).toEqual(expect.any(String));
    expect(problems[3]).toMatchObject({ node: '/obj/geo1/file1', parm: 'file', detail: missing });
    // task.json untouched: no task id was created for a refused check.
    expect(JSON.parse(readFileSync(file, 'utf8')).task_info.task_id).toBe('');
    expect(ctx.api.requestCount - before).toBeGreaterThan(0);
  });

  it('passes with warnings only, reporting them; an in-memory task is written to a new workspace folder', async () => {
    const file = job('warn', () => {}, { '10012': ['tex a.png missing'] });
    const task = JSON.parse(readFileSync(file, 'utf8'));
    const wsRoot = path.join(dir, 'wsroot');
    mkdirSync(wsRoot);
    const res = await new RayvisionCheck(ctx.api, { workspace: wsRoot }).execute({ hardwareConfig: cpu, taskJson: task, tipsJson: path.join(path.dirname(file), 'tips.json'), isCover: false, onlyId: false });
    expect(res.issues.map((i) => [i.code, i.severity])).toEqual([['10012', 'warning']]);
    expect(path.dirname(res.paths.task)).not.toBe(wsRoot);
    const written = JSON.parse(readFileSync(res.paths.task, 'utf8'));
    // The old SDK lost the hardware fields for an in-memory task; here they are written.
    expect(written.task_info).toMatchObject({ task_id: String(res.taskId), hardwareConfigId: '496', ram: '64' });
  });

  it("takes an analysis result as it is (paths and in-memory tips), as the old analyzer object", async () => {
    const file = job('analyzer', () => {}, {});
    const ws = path.dirname(file);
    const analyze = { taskJsonPath: file, tipsJsonPath: path.join(ws, 'tips.json'), assetJsonPath: path.join(ws, 'asset.json'), uploadJsonPath: path.join(ws, 'upload.json'), tips: { '15024': ['scene missing'] } };
    const err = (await new RayvisionCheck(ctx.api, { analyze }).execute({ hardwareConfig: cpu, taskJson: file }).catch((e: unknown) => e)) as CheckFailedError;
    expect(err).toBeInstanceOf(CheckFailedError);
    expect(err.errors.map((i) => i.code)).toEqual(['15024']);
    const ok = await new RayvisionCheck(ctx.api, { analyze: { ...analyze, tips: {} } }).execute({ hardwareConfig: cpu, taskJson: file });
    expect(ok).toBeGreaterThan(0);
  });

  it('an empty task_info is the documented 2000 error, before any request', async () => {
    const err = await new RayvisionCheck(ctx.api, { workspace: dir }).execute({ hardwareConfig: cpu, taskJson: { task_info: {} } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskInfoError);
    expect((err as TaskInfoError).farmCode).toBe(2000);
  });
});
