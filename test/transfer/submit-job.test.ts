import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../protocol/src/progress';
import { defaultTaskJson } from '../../sidecar/src/jobfiles';
import { CheckFailedError } from '../../sidecar/src/check/errors';
import { AbortedError } from '../../sidecar/src/errors';
import { submitJob } from '../../sidecar/src/transfer/submit-job';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { listFiles } from './download/farm-task';
import { makeSmallFiles, storedPath } from './helpers/farm-storage';

describe('submitJob: check → upload → submit against the local farm', () => {
  let ctx: WithFarm;
  let dir: string;
  beforeEach(async () => {
    ctx = await withFarm({ frameDurationMs: 20 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'submit-'));
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The farm's own record of tasks (created and submitted), read from its state file. */
  function farmTasks(): { id: number; submitted: number }[] {
    const db = new Database(path.join(ctx.farm.dir, 'farm.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT id, submitted FROM tasks').all() as { id: number; submitted: number }[];
    } finally {
      db.close();
    }
  }

  async function analysis(cgVersion = '17.5.293') {
    const ws = path.join(dir, 'ws', '1700000001');
    mkdirSync(ws, { recursive: true });
    const assets = await makeSmallFiles(path.join(dir, 'proj'), 12);
    const t = defaultTaskJson();
    Object.assign(t.task_info, { cg_id: '2004', platform: '2', input_cg_file: assets[0] });
    t.software_config = { cg_name: 'Houdini', cg_version: cgVersion, plugins: {} };
    t.scene_info_render = { rop_node: [{ node: '/out/mantra1', frames: '1-3[1]', option: '-1', render: '1' }], geo_node: [] };
    const p = (n: string) => path.join(ws, n);
    writeFileSync(p('task.json'), JSON.stringify(t));
    writeFileSync(p('tips.json'), '{}');
    writeFileSync(p('asset.json'), JSON.stringify({ asset: assets }));
    writeFileSync(p('upload.json'), JSON.stringify({ asset: assets.map((a) => ({ local: a, server: `/P${a}` })) }));
    return { taskJsonPath: p('task.json'), tipsJsonPath: p('tips.json'), assetJsonPath: p('asset.json'), uploadJsonPath: p('upload.json'), assets };
  }

  it('submits a checked, uploaded task that the farm then renders, with one staged progress stream', async () => {
    const { api, farm } = ctx;
    const a = await analysis();
    const events: Progress[] = [];
    const res = await submitJob({
      api, analysis: a, hardwareConfig: { model: 'Default', ram: '64GB', gpuNum: null },
      upload: { env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } }, onProgress: (e) => events.push(e),
    });
    expect(res.upload.assets.sent).toBe(12);
    expect(res.upload.configs.sent).toBe(4);
    // The uploaded task.json is the checked one (ids filled).
    const cfg = JSON.parse(readFileSync(storedPath(farm, farm.account.configBid, `/${res.taskId}/cfg/task.json`), 'utf8'));
    expect(cfg.task_info.task_id).toBe(String(res.taskId));
    expect(cfg.task_info.hardwareConfigId).toBe('496');
    // Progress: one begin, one end, stages in order, counters never fall.
    expect(events[0]!.kind).toBe('begin');
    expect(events.at(-1)!.kind).toBe('end');
    expect(events.filter((e) => e.kind === 'begin' || e.kind === 'end')).toHaveLength(2);
    const stages = events.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(['check', 'upload-config', 'upload-assets', 'submit']);
    // Once the check created the task, the uploads' progress names it (the monitor ties them to the task).
    const afterCheck = events.filter((e) => e.kind === 'report' && e.stage !== 'check');
    expect(afterCheck.length).toBeGreaterThan(0);
    expect(afterCheck.every((e) => e.taskId === res.taskId)).toBe(true);
    let bytes = 0;
    for (const e of events.filter((x) => x.bytes)) {
      expect(e.bytes!.transferred).toBeGreaterThanOrEqual(bytes);
      bytes = e.bytes!.transferred;
    }
    // The farm renders from the uploaded task.json: the task leaves "waiting" and ends.
    let status = 0;
    for (let i = 0; i < 200 && ![25, 30, 45].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await api.query.taskInfo([res.taskId])).items[0]!.taskStatus;
    }
    expect(status).toBe(25);
    // …with the frame range of the uploaded scene_info_render (1-3): three outputs, one per frame.
    const outputs = await listFiles(path.join(farm.storageDir, farm.account.outputBid));
    expect(outputs).toHaveLength(3);
    expect(outputs.every((f) => f.startsWith(`${res.taskId}_`))).toBe(true);
  });

  it('stops at the check with its report; nothing is uploaded or submitted', async () => {
    const { api, farm } = ctx;
    const a = await analysis('1.0');
    const err = await submitJob({ api, analysis: a, hardwareConfig: { model: 'Default', ram: '64GB', gpuNum: null }, upload: { env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckFailedError);
    // No task was even created for a refused check.
    expect(farmTasks()).toEqual([]);
    expect(() => readFileSync(storedPath(farm, farm.account.inputBid, `/P${a.assets[0]}`))).toThrow();
  });

  it('cancel during the upload stops the job before submit', async () => {
    const { api } = ctx;
    const a = await analysis();
    const ac = new AbortController();
    const events: Progress[] = [];
    const err = await submitJob({
      api, analysis: a, hardwareConfig: { model: 'Default', ram: '64GB', gpuNum: null }, maxSpeed: 1, signal: ac.signal,
      upload: { env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } },
      onProgress: (e) => { events.push(e); if (e.stage === 'upload-assets') ac.abort(); },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect(events.at(-1)).toMatchObject({ kind: 'end', message: 'Cancelled' });
    const tasks = farmTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.submitted).toBe(0);
  });
});
