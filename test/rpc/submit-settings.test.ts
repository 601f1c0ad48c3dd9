// submit/scene with the dialog's settings, through the real sidecar and its local farm: frames per
// ROP / layer / image (the farm renders exactly those), chunk, camera, scout frames (rendered first,
// the task pauses, task/start renders the rest), timeouts; bad specs and unknown nodes name the field.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { localSession, SPHERE, type LocalSession } from './helpers/local-job';

const SCENES = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes');
const MAYA = path.join(SCENES, 'maya', 'demo_scenc.ma');
const CLARISSE = path.join(SCENES, 'clarisse', 'spherix_demo.project');

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Rendered frame numbers per output folder of a task, read from the farm's output storage. */
function rendered(storageDir: string, taskId: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.png') && full.includes(`${path.sep}${taskId}_`)) {
        const folder = path.basename(path.dirname(full));
        (out[folder] ??= []).push(Number(/\.(-?\d+)\.png$/.exec(e.name)![1]));
      }
    }
  };
  walk(storageDir);
  for (const k of Object.keys(out)) out[k]!.sort((a, b) => a - b);
  return out;
}

async function status(s: LocalSession, taskId: number): Promise<number> {
  const info = await s.c.call('task/info', { taskIds: [taskId] });
  return Number(info.items[0].taskStatus);
}

/** Waits (by polling the farm, no time limit of our own) until the task reaches one of `codes`. */
async function until(s: LocalSession, taskId: number, codes: number[]): Promise<number> {
  for (;;) {
    const code = await status(s, taskId);
    if (codes.includes(code)) return code;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function submit(s: LocalSession, params: Record<string, unknown>) {
  const { jobId } = await s.c.call('submit/scene', { mode: 'static', workspace: s.work, ...params });
  return s.c.jobEnd(jobId);
}

describe('submit/scene settings', () => {
  it('renders exactly the spec of the ROP, scouts first, pauses, and task/start renders the rest', async () => {
    const s = await localSession(5, cleanup);
    const end = await submit(s, {
      scenePath: SPHERE,
      frames: { mantra1: '1-9x2, 10, 4' },
      chunk: 2,
      scout: { mode: 'first-middle-last', stopAfter: true },
      timeoutSeconds: 600,
      overTimeStopSeconds: 3600,
    });
    expect(end.ok, JSON.stringify(end.error)).toBe(true);
    const taskId: number = end.result.taskId;
    const task = JSON.parse(readFileSync(path.join(end.result.workspace, 'task.json'), 'utf8'));
    expect(task.task_info).toMatchObject({ frames_per_task: '2', pre_frames: '111', stop_after_test: '1', time_out: '600', job_stop_time: '3600' });
    expect(task.scene_info_render.rop_node[0].frames).toBe('1-9[2],10,4');
    const { storageDir } = await s.c.call('farm/start', {});
    expect(await until(s, taskId, [40, 30, 25, 45])).toBe(40); // FINISHED_TEST: paused after the scouts
    // first, middle and last of 1,3,4,5,7,9,10
    expect(Object.values(rendered(storageDir, taskId))).toEqual([[1, 5, 10]]);
    await s.c.call('task/start', { taskIds: [taskId] });
    expect(await until(s, taskId, [30, 25, 45])).toBe(25); // FINISHED
    expect(Object.values(rendered(storageDir, taskId))).toEqual([[1, 3, 4, 5, 7, 9, 10]]);
    const frames = await s.c.call('task/frames', { taskId });
    const main = Object.values(frames as Record<string, { frameIndex: string; frameType: number }>).map((f) => f.frameIndex).sort();
    expect(main).toContain('3-4[1]'); // chunk 2: two frames per farm task
    expect(s.c.contractErrors).toEqual([]);
  });

  it('Maya: frames per layer and the chosen camera; Clarisse: frames per image layer', async () => {
    const s = await localSession(5, cleanup);
    const maya = await submit(s, { scenePath: MAYA, frames: { defaultRenderLayer: '2, 6-8' }, camera: 'top', scout: { mode: 'custom', frames: '7' } });
    expect(maya.ok, JSON.stringify(maya.error)).toBe(true);
    const task = JSON.parse(readFileSync(path.join(maya.result.workspace, 'task.json'), 'utf8'));
    expect(task.scene_info_render.defaultRenderLayer.common).toMatchObject({ render_camera: ['topShape'], frames: '2,6-8[1]', start: '2', end: '8' });
    expect(task.task_info).toMatchObject({ pre_frames: '000:7', stop_after_test: '2' });
    const clarisse = await submit(s, { scenePath: CLARISSE, softwareVersion: 'clarisse_ifx_4.0_sp3', frames: { spherix_layer: '0-50x25' } });
    expect(clarisse.ok, JSON.stringify(clarisse.error)).toBe(true);
    const { storageDir } = await s.c.call('farm/start', {});
    expect(await until(s, maya.result.taskId, [30, 25, 45])).toBe(25);
    expect(await until(s, clarisse.result.taskId, [30, 25, 45])).toBe(25);
    expect(Object.values(rendered(storageDir, maya.result.taskId))).toEqual([[2, 6, 7, 8]]);
    expect(Object.values(rendered(storageDir, clarisse.result.taskId))).toEqual([[0, 25, 50]]);
  });

  it('refuses a bad frame spec naming the field, and an unknown node or camera naming what the scene has', async () => {
    const s = await localSession(5, cleanup);
    const bad = await s.c.request('submit/scene', { scenePath: SPHERE, frames: { mantra1: '1-10x0' } });
    expect(bad.error?.code).toBe(ErrorCodes.InvalidParams);
    expect(bad.error?.data.issues[0].path).toBe('frames.mantra1');
    expect(bad.error?.data.issues[0].message).toContain('step');
    const reversed = await s.c.request('submit/scene', { scenePath: SPHERE, frames: { mantra1: '10-1' } });
    expect(reversed.error?.data.issues[0].message).toContain('ends before it starts');
    const unknown = await submit(s, { scenePath: SPHERE, frames: { ropX: '1-2' } });
    expect(unknown.ok).toBe(false);
    expect(unknown.error.data.code).toBe('ERR_SUBMIT_SETTING');
    expect(unknown.error.message).toContain('frames.ropX');
    expect(unknown.error.message).toContain('/out/mantra1');
    const camera = await submit(s, { scenePath: MAYA, camera: 'nocam' });
    expect(camera.error.message).toMatch(/^camera: "nocam" is not a camera of defaultRenderLayer; choose one of: perspShape/);
    const timeouts = await submit(s, { scenePath: SPHERE, timeoutSeconds: 900, overTimeStopSeconds: 600 });
    expect(timeouts.error.message).toContain('timeoutSeconds');
  });

  it('submit/assets lists exactly what submit/scene uploads, with sizes and the artist\'s additions and removals', async () => {
    const s = await localSession(5, cleanup);
    const { jobId } = await s.c.call('analyze/scene', { scenePath: SPHERE, mode: 'static', workspace: s.work });
    const facts = (await s.c.jobEnd(jobId)).result.facts;
    const extra = path.join(s.work, 'extra');
    mkdirSync(path.join(extra, 'sub'), { recursive: true });
    writeFileSync(path.join(extra, 'a.exr'), 'aaaa');
    writeFileSync(path.join(extra, 'sub', 'b.exr'), 'bb');
    const first = await s.c.call('submit/assets', { facts, workspace: s.work, assets: { add: [extra], remove: [] } });
    const locals = first.entries.map((e: { local: string }) => e.local);
    expect(locals).toContain(path.join(extra, 'a.exr').replace(/\\/g, '/'));
    expect(first.totalBytes).toBe(first.entries.reduce((n: number, e: { size: number }) => n + e.size, 0));
    expect(first.toUploadBytes + first.onFarmBytes).toBe(first.totalBytes);
    const assets = { add: [extra], remove: [path.join(extra, 'sub')] };
    const shown = await s.c.call('submit/assets', { facts, workspace: s.work, assets });
    expect(shown.entries.map((e: { local: string }) => e.local)).toEqual(locals.filter((l: string) => !l.includes('/sub/')));
    const end = await submit(s, { scenePath: SPHERE, facts, assets });
    expect(end.ok, JSON.stringify(end.error)).toBe(true);
    const upload = JSON.parse(readFileSync(path.join(end.result.workspace, 'upload.json'), 'utf8'));
    expect(upload.asset.map((a: { local: string }) => a.local)).toEqual(shown.entries.map((e: { local: string }) => e.local));
    const removeScene = await s.c.request('submit/assets', { facts, workspace: s.work, assets: { add: [], remove: [SPHERE] } });
    expect(removeScene.error?.message).toContain('is the scene file');
  });
});
