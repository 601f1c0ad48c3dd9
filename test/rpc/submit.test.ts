// `submit/scene`, the plugins' one-button flow, as one job: stages analyze → submit → download,
// frames on disk at the end; and `job/cancel` stops a long job through its AbortSignal.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { downloadingJob, localSession, SPHERE as scene } from './helpers/local-job';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const setup = (frameDurationMs: number) => localSession(frameDurationMs, cleanup);

describe('submit/scene', () => {
  it('runs the whole flow and ends with the frames on disk', async () => {
    const { c, work } = await setup(10);
    const { jobId } = await c.call('submit/scene', {
      scenePath: scene,
      mode: 'static',
      workspace: work,
      taskInfo: { frames_per_task: '1' },
      download: { localPath: path.join(work, 'out'), sleepTime: 0.2 },
    });
    const end = await c.jobEnd(jobId);
    expect(end.ok, JSON.stringify(end.error)).toBe(true);
    expect(end.result.taskId).toBeGreaterThan(0);
    expect(end.result.paths.length).toBeGreaterThan(0);
    for (const p of end.result.paths) expect(existsSync(p)).toBe(true);
    const progress = c.notifications.filter((n) => n.method === 'job/progress' && n.params.jobId === jobId).map((n) => n.params.progress);
    const stages = new Set(progress.map((p) => p.stage));
    expect(stages.has('download')).toBe(true); // throttling may skip short stages, never the last one
    expect(progress[0].kind).toBe('begin');
    expect(progress.at(-1).kind).toBe('end');
    const frames = c.notifications.filter((n) => n.method === 'download/frame' && n.params.jobId === jobId);
    expect(frames.map((f) => f.params.localPath).sort()).toEqual([...end.result.paths].sort());
    expect(c.contractErrors).toEqual([]);
  });

  it('sets the priority on the created task before submitting it', async () => {
    const { t, c, work } = await setup(10);
    const { jobId } = await c.call('submit/scene', { scenePath: scene, mode: 'static', workspace: work, priority: 80 });
    const end = await c.jobEnd(jobId);
    expect(end.ok, JSON.stringify(end.error)).toBe(true);
    const farm = t.sidecar.services.session.localFarm!;
    const calls = farm.requests.filter((r) => r.kind === 'api').map((r) => r.path.split('?')[0]);
    const level = calls.indexOf('/api/rendering/task/renderingTask/updateTaskUserLevel');
    expect(level).toBeGreaterThan(calls.indexOf('/api/render/submit/createTask'));
    expect(level).toBeLessThan(calls.indexOf('/api/render/submit/task'));
    const info = await c.call('api/call', { group: 'query', method: 'taskInfo', args: [[end.result.taskId]] });
    expect(info.result.items.map((t: { id: number; taskUserLevel: number }) => [t.id, t.taskUserLevel])).toEqual([[end.result.taskId, 80]]);
    const bad = await c.request('submit/scene', { scenePath: scene, priority: 101 });
    expect(bad.error?.code).toBe(ErrorCodes.InvalidParams);
    expect(c.contractErrors).toEqual([]);
  });

  it('a failed check ends the job with the structured problem list in error.data.details', async () => {
    const { c, work } = await setup(10);
    const { jobId } = await c.call('submit/scene', { scenePath: scene, mode: 'static', workspace: work, softwareVersion: '0.0.1' });
    const end = await c.jobEnd(jobId);
    expect(end.ok).toBe(false);
    expect(end.error.code).toBe(ErrorCodes.SdkError);
    expect(end.error.data.code).toBe('ERR_CHECK_FAILED');
    const problems: { code: string; severity: string; message: string; file?: string; setting?: string }[] = end.error.data.details.problems;
    const version = problems.find((p) => p.code === 'ERR_SOFTWARE_VERSION');
    expect(version).toMatchObject({ severity: 'error', setting: 'software_config.cg_version' });
    expect(version!.file!.endsWith('task.json')).toBe(true);
    expect(version!.message).toContain('0.0.1');
    expect(problems.filter((p) => p.severity === 'error').length).toBe(end.error.data.details.errors);
    expect(c.contractErrors).toEqual([]);
  });

  it('cancels a long job: it ends with Aborted and job/list says cancelled', async () => {
    const session = await setup(600_000); // frames never finish during the test
    const { c } = session;
    const jobId = await downloadingJob(session);
    expect(await c.call('job/cancel', { jobId })).toEqual({ cancelled: true });
    const end = await c.jobEnd(jobId);
    expect(end.ok).toBe(false);
    expect(end.error.code).toBe(ErrorCodes.Aborted);
    const { jobs } = await c.call('job/list', {});
    expect(jobs.find((j: { jobId: string }) => j.jobId === jobId).state).toBe('cancelled');
    expect((await c.request('job/cancel', { jobId: 'no-such-job' })).error?.code).toBe(ErrorCodes.JobNotFound);
    expect(c.contractErrors).toEqual([]);
  });
});
