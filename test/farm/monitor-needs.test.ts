// What the job monitor needs from the local farm: a balance that falls as frames render, a small
// PNG thumbnail per finished frame (listed by loadingFrameThumbnail, read with a GET), a per-frame
// render log that tells what happened, and failed frames that a retry renders again. Deterministic:
// frames move only on farm.tick().
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFrameThumbnail, readRenderLog, thumbnailUrl } from '../../sidecar/src/api';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { houdiniTask, renderUntil, submitTask } from '../helpers/farm-tasks';

let env: WithFarm | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('local farm: what the monitor shows', () => {
  it('charges each rendered frame: the balance falls step by step, frames and the task carry their cost', async () => {
    env = await withFarm({ frameDurationMs: 0, faults: { failFrames: [3] } });
    const { farm, api } = env;
    const balance = async () => (await api.user.queryUserProfile()).rmbbalance as number;
    const before = await balance();
    const taskId = await submitTask(api, houdiniTask([{ node: '/out/mantra1', frames: '1-4[1]' }]));
    const seen = [before];
    for (let i = 0; i < 60; i += 1) {
      const t = (await api.query.taskInfo([taskId])).items[0] as Record<string, number>;
      if ([25, 30].includes(t.taskStatus)) break;
      await farm.tick();
      seen.push(await balance());
    }
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]!).toBeLessThanOrEqual(seen[i - 1]!);
    expect(new Set(seen).size).toBe(4); // 1000, then three falls of 0.50 (the failed frame is free)
    const info = (await api.query.taskInfo([taskId])).items[0] as Record<string, number>;
    expect([info.doneFrames, info.failedFrames]).toEqual([3, 1]);
    expect(info.renderConsume).toBeCloseTo(1.5);
    expect(before - seen.at(-1)!).toBeCloseTo(1.5);
    const frames = Object.values(await api.query.getAllFrames(taskId)) as Record<string, number>[];
    expect(frames.map((f) => f.feeAmount).sort()).toEqual([0, 0.5, 0.5, 0.5]);
    expect((await api.user.queryUserProfile()).rmbCumulative).toBeCloseTo(1.5);
  });

  it('lists a thumbnail for done frames only, and serves it as a small PNG of that frame', async () => {
    env = await withFarm({ frameDurationMs: 0 });
    const { farm, api } = env;
    const taskId = await submitTask(api, houdiniTask([{ node: '/out/mantra1', frames: '1-2[1]' }]));
    await renderUntil(farm, api, taskId, (t) => t.executingFrames === 1, 20);
    const [running] = Object.values(await api.query.getAllFrames(taskId)).filter((f) => f.frameStatus === 2) as { id: number }[];
    expect(await api.query.getFrameThumbnall(running!.id)).toEqual([]);
    expect(await fetchFrameThumbnail(api, running!.id)).toBeUndefined();
    await renderUntil(farm, api, taskId, (t) => t.taskStatus === 25, 20);
    const all = Object.values(await api.query.getAllFrames(taskId)) as { id: number }[];
    const listed = await api.query.getFrameThumbnall(all[0]!.id);
    expect(listed).toEqual([`small_pic\\${farm.userId}\\${taskId}\\${all[0]!.id}.png`]);
    expect(thumbnailUrl(listed[0]!, api.domain, 'http')).toBe(`http://${farm.domain}/small_pic/${farm.userId}/${taskId}/${all[0]!.id}.png`);
    const a = await fetchFrameThumbnail(api, all[0]!.id);
    const b = await fetchFrameThumbnail(api, all[1]!.id);
    expect(a!.mimeType).toBe('image/png');
    expect(a!.bytes.subarray(0, 4)).toEqual(PNG);
    expect(a!.bytes.length).toBeLessThan(8 * 1024);
    expect(a!.bytes.equals(b!.bytes)).toBe(false); // each frame its own picture
    // Another account's path, or a made-up frame, is a 404.
    const res = await fetch(`http://${farm.domain}/small_pic/1/${taskId}/${all[0]!.id}.png`);
    expect(res.status).toBe(404);
  });

  it('fails chosen frames, logs why, and renders them again on retry (whole task or one frame)', async () => {
    env = await withFarm({ frameDurationMs: 0, faults: { failFrames: [2, 3] } });
    const { farm, api } = env;
    const taskId = await submitTask(api, houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
    await renderUntil(farm, api, taskId, (t) => t.taskStatus === 30, 40);
    const byIndex = await api.query.getAllFrames(taskId) as Record<string, { id: number; frameStatus: number }>;
    expect([byIndex['1']!.frameStatus, byIndex['2']!.frameStatus, byIndex['3']!.frameStatus]).toEqual([4, 5, 5]);
    const failedLog = await readRenderLog(api, byIndex['2']!.id);
    expect(failedLog.some((l) => /ERROR: the renderer exited with code 1 on frame 2/.test(l))).toBe(true);
    expect(failedLog.every((l) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] /.test(l))).toBe(true);
    // One frame first (restartFrame with its id), then the rest of the failed ones (recommitTasks).
    await api.query.restartFrame(taskId, 0, [byIndex['2']!.id]);
    await renderUntil(farm, api, taskId, (t) => t.taskStatus === 30 && t.doneFrames === 2, 40);
    await api.query.restartFailedFrames([taskId]);
    const done = await renderUntil(farm, api, taskId, (t) => t.taskStatus === 25, 40);
    expect(done.doneFrames).toBe(3);
    const retried = await readRenderLog(api, byIndex['2']!.id);
    expect(retried.some((l) => /Recommitted by the user/.test(l))).toBe(true);
    expect(retried.some((l) => /started on node local-node-1, try 2/.test(l))).toBe(true);
    expect(retried.at(-1)).toMatch(/Frame 2 done in .* charged 0\.50\./);
    expect(await readRenderLog(api, byIndex['1']!.id)).toHaveLength(4);
  });
});
