// The real sample scenes, analysed by the SDK's static readers, render on the local farm from their task.json.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeHoudini, AnalyzeMaya } from '../../sidecar/src/analyze';
import { renderUntil, submitTask } from '../helpers/farm-tasks';
import { withFarm, type WithFarm } from '../helpers/with-farm';

const scenes = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'scenes');
let ws: string;
let t: WithFarm;
const oldHome = process.env.RAYVISION_SDK_HOME;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'farm-scenes-'));
  process.env.RAYVISION_SDK_HOME = ws;
  t = await withFarm({ frameDurationMs: 0 });
});
afterAll(async () => {
  await t.close();
  if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
  else process.env.RAYVISION_SDK_HOME = oldHome;
  await rm(ws, { recursive: true, force: true });
});

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) n += e.isDirectory() ? await countFiles(path.join(dir, e.name)) : 1;
  return n;
}

const cases: [string, () => { analyse(o: { mode: 'static' }): Promise<{ task: unknown }> }][] = [
  ['houdini/sphere.hip', () => new AnalyzeHoudini({ cgFile: path.join(scenes, 'houdini', 'sphere.hip'), workspace: ws, localOs: 'linux' })],
  ['houdini/rop_tool_ql_ROP.hip', () => new AnalyzeHoudini({ cgFile: path.join(scenes, 'houdini', 'rop_tool_ql_ROP.hip'), workspace: ws, localOs: 'linux' })],
  ['maya/demo_scenc.ma', () => new AnalyzeMaya({ cgFile: path.join(scenes, 'maya', 'demo_scenc.ma'), workspace: ws, localOs: 'linux' })],
  ['maya/maya-test.ma', () => new AnalyzeMaya({ cgFile: path.join(scenes, 'maya', 'maya-test.ma'), workspace: ws, localOs: 'linux' })],
  ['clarisse/spherix_demo.project', () => new AnalyzeClarisse({ cgFile: path.join(scenes, 'clarisse', 'spherix_demo.project'), workspace: ws, localOs: 'linux' })],
];

describe('real scenes on the local farm', () => {
  for (const [name, make] of cases) {
    it(`${name}: analysed job files render to the end with one image per frame`, async () => {
      const { task } = await make().analyse({ mode: 'static' });
      const id = await submitTask(t.api, task as Record<string, unknown>);
      const info = await renderUntil(t.farm, t.api, id, (i) => [25, 30, 40, 45].includes(i.taskStatus), 2000);
      expect({ status: info.taskStatus, errorCode: info.errorCode, remark: info.remark }).toEqual({ status: 25, errorCode: null, remark: null });
      expect(info.totalFrames).toBeGreaterThan(0);
      expect(info.doneFrames).toBe(info.totalFrames);
      const out = path.join(t.farm.storageDir, t.farm.account.outputBid, info.outputFileName);
      expect(await countFiles(out)).toBeGreaterThanOrEqual(info.totalFrames);
    });
  }
});
