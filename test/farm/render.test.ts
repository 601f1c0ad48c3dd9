// The render simulation: task.json from config storage drives frames, priority frames, test stop, outputs and task operations.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, storageAuth } from '../helpers/farm-raw';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { clarisseTask, houdiniTask, mayaTask, renderUntil, submitTask } from '../helpers/farm-tasks';

let t: WithFarm;
beforeEach(async () => {
  t = await withFarm({ frameDurationMs: 0 }); // frames move only on farm.tick()
});
afterEach(async () => t.close());

const outRoot = (): string => path.join(t.farm.storageDir, t.farm.account.outputBid);
const frames = async (taskId: number): Promise<any[]> => Object.values(await t.api.query.getAllFrames(taskId));
const isEnded = (s: number) => [10, 25, 30, 35, 40, 45].includes(s);

/** Reads a PNG's size and its raw scanlines, checking the signature and chunk layout. */
function decodePng(buf: Buffer): { width: number; height: number; raw: Buffer } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 3 + 1) * height);
  return { width, height, raw };
}

describe('render simulation', () => {
  it('renders a Houdini ROP from the uploaded task.json into named PNG outputs, distinct per frame', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
    const info = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(info).toMatchObject({ taskStatus: 25, totalFrames: 4, doneFrames: 4, failedFrames: 0, outputFileName: `${id}_sphere`, isOpen: 0, sceneName: 'sphere' });
    const files = (await readdir(path.join(outRoot(), `${id}_sphere`))).sort();
    expect(files).toEqual(['sphere.mantra1.0001.png', 'sphere.mantra1.0002.png', 'sphere.mantra1.0003.png', 'sphere.mantra1.0004.png']);
    const hashes = new Set<string>();
    for (const f of files) {
      const png = await readFile(path.join(outRoot(), `${id}_sphere`, f));
      expect(decodePng(png).width).toBe(64);
      hashes.add(createHash('sha256').update(png).digest('hex'));
    }
    expect(hashes.size).toBe(4);
    // The documented listing sees the same files.
    const listed = await t.api.transmit.getOutputFiles(undefined, `/${id}_sphere`);
    expect(listed.map((e: any) => e.fileName).sort()).toEqual(files);
  });

  it('walks the task and frame statuses over time: waiting, preprocessing, rendering, done', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-2[1]' }]));
    const seen: number[] = [];
    const frameStates = new Set<number>();
    await renderUntil(t.farm, t.api, id, (i) => {
      if (seen[seen.length - 1] !== i.taskStatus) seen.push(i.taskStatus);
      return isEnded(i.taskStatus);
    });
    expect(seen).toEqual([0, 8, 5, 25]);
    for (const f of await frames(id)) frameStates.add(f.frameStatus);
    expect([...frameStates]).toEqual([4]);
  });

  it('renders pre_frames priority frames first (frame type 4), then the rest', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-9[1]' }], { pre_frames: '101:5' }));
    await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    const all = (await frames(id)).sort((a, b) => a.startTime - b.startTime || a.id - b.id);
    const order = all.map((f) => Number(f.frameIndex));
    expect(order.slice(0, 3).sort((a, b) => a - b)).toEqual([1, 5, 9]);
    expect(all.slice(0, 3).every((f) => f.frameType === 4)).toBe(true);
    expect(all.slice(3).every((f) => f.frameType === 5)).toBe(true);
    const lastPriorityEnd = Math.max(...all.slice(0, 3).map((f) => f.endTime));
    expect(all.slice(3).every((f) => f.startTime >= lastPriorityEnd)).toBe(true);
  });

  it('stops in FINISHED_TEST (40) after the priority frames with stop_after_test, and full speed finishes the task', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-5[1]' }], { pre_frames: '010', stop_after_test: '1' }));
    const test = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(test).toMatchObject({ taskStatus: 40, doneFrames: 1 });
    expect((await frames(id)).filter((f) => f.frameStatus === 8)).toHaveLength(4);
    expect(await readdir(path.join(outRoot(), `${id}_sphere`))).toEqual(['sphere.mantra1.0003.png']);
    for (let i = 0; i < 5; i += 1) await t.farm.tick(); // a paused task stays paused
    expect((await t.api.query.taskInfo([id])).items[0]).toMatchObject({ taskStatus: 40, doneFrames: 1 });
    await t.api.task.fullSpeed([id]);
    const done = await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    expect(done.doneFrames).toBe(5);
    expect(await readdir(path.join(outRoot(), `${id}_sphere`))).toHaveLength(5);
  });

  it('splits several Maya render layers into sub-tasks with their own output folders', async () => {
    const id = await submitTask(t.api, mayaTask([
      { name: 'defaultRenderLayer', frames: '1-2[1]' },
      { name: 'fg_layer', frames: '10-12[1]', prefix: '<Scene>_<RenderLayer>' },
      { name: 'off_layer', frames: '1-3[1]', renderable: '0' },
    ]));
    const info = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(info).toMatchObject({ taskStatus: 25, isOpen: 1, totalFrames: 5, doneFrames: 5 });
    const kids = info.respRenderingTaskList;
    expect(kids.map((k: any) => [k.layerName, k.outputFileName, k.taskStatus])).toEqual([
      ['defaultRenderLayer', `${id}_demo_scenc/defaultRenderLayer`, 25],
      ['fg_layer', `${id}_demo_scenc/fg_layer`, 25],
    ]);
    expect(await t.api.query.getSmallTaskId(id)).toEqual(kids.map((k: any) => k.id));
    expect((await readdir(path.join(outRoot(), `${id}_demo_scenc`, 'fg_layer'))).sort())
      .toEqual(['demo_scenc_fg_layer.0010.png', 'demo_scenc_fg_layer.0011.png', 'demo_scenc_fg_layer.0012.png']);
    expect((await readdir(path.join(outRoot(), `${id}_demo_scenc`, 'defaultRenderLayer'))).sort())
      .toEqual(['demo_scenc.0001.png', 'demo_scenc.0002.png']);
  });

  it('runs a Houdini simulation (geo_node) as a GOP sub-task before the ROPs render', async () => {
    const task = houdiniTask([{ node: '/out/mantra1', frames: '1-2[1]' }]) as any;
    task.scene_info_render.geo_node = [{ node: '/obj/sim/filecache1', frames: '1-3[1]', option: '0', render: '1' }];
    const id = await submitTask(t.api, task);
    const info = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(info.taskStatus).toBe(25);
    const [sim, rop] = info.respRenderingTaskList;
    expect([sim.taskType, rop.taskType]).toEqual(['GopRender', 'Render']);
    const simFrames = await frames(sim.id);
    expect(simFrames).toHaveLength(1);
    expect(simFrames[0]).toMatchObject({ frameType: 8, frameIndex: '1-3[1]', gopName: '/obj/sim/filecache1' });
    expect((await frames(rop.id)).every((f) => f.startTime >= simFrames[0].endTime)).toBe(true);
    expect(await readdir(path.join(outRoot(), `${id}_sphere`))).toEqual(['mantra1']);
  });

  it('renders Clarisse images and their renderable layers', async () => {
    const id = await submitTask(t.api, clarisseTask());
    const info = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(info.taskStatus).toBe(25);
    expect(info.respRenderingTaskList.map((k: any) => k.layerName)).toEqual(['project://scene/cam02', 'project://scene/cam02.cam02_layer02']);
    expect((await readdir(path.join(outRoot(), `${id}_shot`, 'cam02'))).sort()).toEqual(['cam02.0000.png', 'cam02.0001.png', 'cam02.0002.png']);
  });

  it('renders several frames of a task at once with parallelFrames, priority frames still first', async () => {
    const w = await withFarm({ frameDurationMs: 0, parallelFrames: 3 });
    try {
      const id = await submitTask(w.api, houdiniTask([{ node: '/out/mantra1', frames: '1-7[1]' }], { pre_frames: '100' }));
      const executing: number[] = [];
      const info = await renderUntil(w.farm, w.api, id, (i) => {
        executing.push(i.executingFrames);
        return isEnded(i.taskStatus);
      });
      expect(info).toMatchObject({ taskStatus: 25, doneFrames: 7 });
      expect(Math.max(...executing)).toBe(3);
      const all = Object.values(await w.api.query.getAllFrames(id)) as any[];
      const first = all.find((f) => f.frameIndex === '1');
      expect(all.filter((f) => f.frameIndex !== '1').every((f) => f.startTime >= first.endTime)).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('groups frames_per_task frames into one block with a range frame index', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-5[1]' }], { frames_per_task: '2' }));
    await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    expect((await frames(id)).sort((a, b) => a.id - b.id).map((f) => f.frameIndex)).toEqual(['1-2[1]', '3-4[1]', '5']);
    expect(await readdir(path.join(outRoot(), `${id}_sphere`))).toHaveLength(5);
  });

  it('fails a task without task.json with status 45 and an analysis code, and keeps serving', async () => {
    const id = await submitTask(t.api, null);
    const info = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(info).toMatchObject({ taskStatus: 45, errorCode: '15031', totalFrames: 0 });
    expect(info.remark).toContain('task.json');
    const next = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1' }]));
    expect((await renderUntil(t.farm, t.api, next, (i) => isEnded(i.taskStatus))).taskStatus).toBe(25);
  });

  it('fails a task.json with nothing renderable with 45 / 15002', async () => {
    const id = await submitTask(t.api, houdiniTask([]));
    expect(await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus))).toMatchObject({ taskStatus: 45, errorCode: '15002' });
  });
});

describe('render inputs and persistence', () => {
  it('renders from a task.json uploaded through the HTTP storage protocol to /<taskId>/cfg/task.json', async () => {
    const id = (await t.api.task.createTask()).taskIdList[0]!;
    const text = Buffer.from(JSON.stringify(houdiniTask([{ node: '/obj/geo1/../../out/beauty', frames: '3-5[2]' }])));
    const base = `/storage/${t.farm.account.configBid}/${id}/cfg/task.json`;
    const auth = storageAuth(t.farm);
    await rawRequest(t.farm, 'POST', `${base}?op=init`, { ...auth, 'Content-Type': 'application/json' },
      JSON.stringify({ size: text.length, sha256: createHash('sha256').update(text).digest('hex') }));
    await rawRequest(t.farm, 'PUT', `${base}?op=chunk&offset=0`, auth, text);
    expect((await rawRequest(t.farm, 'POST', `${base}?op=commit`, auth)).status).toBe(200);
    await t.api.submit(id);
    expect((await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus))).taskStatus).toBe(25);
    expect((await readdir(path.join(outRoot(), `${id}_sphere`))).sort()).toEqual(['sphere.beauty.0003.png', 'sphere.beauty.0005.png']);
  });

  it('continues a half-rendered task after a farm restart on the same folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'farm-restart-'));
    let w = await withFarm({ dir, frameDurationMs: 0 });
    try {
      const id = await submitTask(w.api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
      await renderUntil(w.farm, w.api, id, (i) => i.doneFrames === 2);
      await w.close();
      w = await withFarm({ dir, frameDurationMs: 0 });
      expect((await w.api.query.taskInfo([id])).items[0]).toMatchObject({ taskStatus: 5, doneFrames: 2 });
      expect((await renderUntil(w.farm, w.api, id, (i) => isEnded(i.taskStatus))).doneFrames).toBe(4);
    } finally {
      await w.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders on its own over time when frames take time (no tick() from the test)', async () => {
    const w = await withFarm({ frameDurationMs: 5 });
    try {
      const id = await submitTask(w.api, houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
      let info: any;
      for (;;) {
        info = (await w.api.query.taskInfo([id])).items[0]!;
        if (isEnded(info.taskStatus)) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(info).toMatchObject({ taskStatus: 25, totalFrames: 3, doneFrames: 3 });
      const out = path.join(w.farm.storageDir, w.farm.account.outputBid, `${id}_sphere`);
      expect((await readdir(out)).sort()).toEqual(['sphere.mantra1.0001.png', 'sphere.mantra1.0002.png', 'sphere.mantra1.0003.png']);
    } finally {
      await w.close();
    }
  });
});

describe('time limits (farm clock moved by the test)', () => {
  let clock = Date.now();
  let w: WithFarm;
  beforeEach(async () => {
    clock = Date.now();
    w = await withFarm({ frameDurationMs: 0, now: () => clock });
  });
  afterEach(async () => w.close());

  it('a frame running past job_stop_time ends as TIMEOUT (11) and the task as 30', async () => {
    const id = await submitTask(w.api, houdiniTask([{ node: '/out/mantra1', frames: '1-2[1]' }], { job_stop_time: '60' }));
    await renderUntil(w.farm, w.api, id, (i) => i.executingFrames === 1);
    clock += 120_000; // within the signature window, past the frame limit
    const info = await renderUntil(w.farm, w.api, id, (i) => isEnded(i.taskStatus));
    expect(info).toMatchObject({ taskStatus: 30, failedFrames: 1, doneFrames: 1 });
    expect((await w.api.query.getAllFrames(id))['1']).toMatchObject({ frameStatus: 11 });
  });

  it('a task running past setTaskOverTimeStop ends as TIME_OUT_STOP (23) with open frames aborted', async () => {
    const id = await submitTask(w.api, houdiniTask([{ node: '/out/mantra1', frames: '1-5[1]' }]));
    await w.api.task.setTaskOvertimeTop([id], 60);
    await renderUntil(w.farm, w.api, id, (i) => i.doneFrames === 1);
    clock += 120_000;
    const info = await renderUntil(w.farm, w.api, id, (i) => isEnded(i.taskStatus) || i.taskStatus === 23);
    expect(info).toMatchObject({ taskStatus: 23, doneFrames: 1, abortFrames: 4 });
  });
});

describe('task operations', () => {
  it('stop keeps a task still; start resumes it to the end', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-6[1]' }]));
    await renderUntil(t.farm, t.api, id, (i) => i.doneFrames >= 2);
    await t.api.task.stopTask([id]);
    const stopped = (await t.api.query.taskInfo([id])).items[0];
    expect(stopped.taskStatus).toBe(10);
    for (let i = 0; i < 5; i += 1) await t.farm.tick();
    expect((await t.api.query.taskInfo([id])).items[0].doneFrames).toBe(stopped.doneFrames);
    await t.api.task.startTask([id]);
    expect((await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus))).taskStatus).toBe(25);
  });

  it('stopping one layer of a layered task leaves the others rendering; the parent ends when all did', async () => {
    const id = await submitTask(t.api, mayaTask([{ name: 'a', frames: '1-3[1]' }, { name: 'b', frames: '1-3[1]' }]));
    const info = await renderUntil(t.farm, t.api, id, (i) => i.respRenderingTaskList?.every((k: any) => k.taskStatus === 5));
    const [a, b] = info.respRenderingTaskList;
    await t.api.task.stopTask([a.id]);
    const after = await renderUntil(t.farm, t.api, id, (i) => i.respRenderingTaskList[1].taskStatus === 25);
    expect(after.respRenderingTaskList.map((k: any) => k.taskStatus)).toEqual([10, 25]);
    expect(after.taskStatus).toBe(10);
    await t.api.task.startTask([a.id]);
    expect((await t.api.query.taskInfo([id])).items[0]!.taskStatus).toBe(5);
    const done = await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    expect(done.doneFrames).toBe(6);
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('abandon ends the task as 35 with its open frames aborted', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-6[1]' }]));
    await renderUntil(t.farm, t.api, id, (i) => i.doneFrames >= 1);
    await t.api.task.abortTask([id]);
    const info: any = (await t.api.query.taskInfo([id])).items[0];
    expect(info.taskStatus).toBe(35);
    expect(info.abortFrames).toBeGreaterThan(0);
    expect(info.abortFrames + info.doneFrames).toBe(6);
  });

  it('delete moves the task to the recycle list', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1' }]));
    await t.api.task.deleteTask([id]);
    expect((await t.api.query.getTaskList()).items.map((i: any) => i.id)).not.toContain(id);
    expect((await t.api.query.getTaskList(1, 100, null, null, null, null, 1)).items.map((i: any) => i.id)).toContain(id);
  });

  it('a failed frame ends the task as 30; recommitting failed frames renders it and the task ends 25', async () => {
    t.farm.setFaults({ failFrames: [3] });
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
    const failed = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(failed).toMatchObject({ taskStatus: 30, failedFrames: 1, doneFrames: 3 });
    await t.api.query.restartFailedFrames([id]);
    const done = await renderUntil(t.farm, t.api, id, (i) => isEnded(i.taskStatus));
    expect(done).toMatchObject({ taskStatus: 25, doneFrames: 4 });
    expect(await readdir(path.join(outRoot(), `${id}_sphere`))).toContain('sphere.mantra1.0003.png');
  });

  it('recommits chosen frames and stops chosen frames by frame id', async () => {
    const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
    await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    const byIndex = new Map((await frames(id)).map((f) => [f.frameIndex, f]));
    await t.api.query.restartFrame(id, 0, [byIndex.get('2').id]);
    expect((await t.api.query.taskInfo([id])).items[0].taskStatus).toBe(5);
    await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25);
    expect((await frames(id)).find((f) => f.frameIndex === '2').recommitFlag).toBe(1);

    const other = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
    await t.farm.tick(); // prepared
    const fr = await frames(other);
    await t.api.query.stopFrame(other, 0, [fr[3].id]);
    const info = await renderUntil(t.farm, t.api, other, (i) => isEnded(i.taskStatus));
    expect(info).toMatchObject({ taskStatus: 30, doneFrames: 3, abortFrames: 1 });
  });
});
