// End to end over a real WebSocket, as a DCC plugin drives the sidecar: initialize, login to a
// local farm the sidecar starts, analyse a real scene, check, upload, submit, then follow the
// render with progress and per-frame notifications until every frame is on disk.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

const scenes = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes');
let t: TestSidecar;
let c: TestClient;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'rv-e2e-'));
  t = await withSidecar({ progressIntervalMs: 50 });
  c = await TestClient.open(t.sidecar.port, t.sidecar.token);
  await c.call('session/initialize', { protocolVersion: '1.0', client: { name: 'e2e', host: 'houdini' }, capabilities: { loadFrames: true } });
});
afterAll(async () => {
  c?.close();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Progress invariants (house style 5): one begin first, one end last, counts never fall within a stage. */
function checkProgress(jobId: string): void {
  const kinds = c.notifications.filter((n) => n.method === 'job/progress' && n.params.jobId === jobId).map((n) => n.params.progress);
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds[0].kind).toBe('begin');
  expect(kinds.at(-1).kind).toBe('end');
  expect(kinds.filter((p) => p.kind === 'begin')).toHaveLength(1);
  expect(kinds.filter((p) => p.kind === 'end')).toHaveLength(1);
}

async function job(method: string, params: unknown): Promise<{ jobId: string; result: any }> {
  const { jobId } = await c.call(method, params);
  const end = await c.jobEnd(jobId);
  if (!end.ok) throw new Error(`${method} failed: ${JSON.stringify(end.error)}`);
  return { jobId, result: end.result };
}

describe('sidecar end to end over WebSocket', () => {
  it('analyses, checks, uploads, submits and downloads every rendered frame', async () => {
    const login = await c.call('session/login', { farm: 'local', frameDurationMs: 20 });
    expect(login.farm).toBe('local');

    const analysis = await job('analyze/scene', { scenePath: path.join(scenes, 'houdini', 'sphere.hip'), mode: 'static', workspace: work });
    for (const k of ['taskJsonPath', 'assetJsonPath', 'tipsJsonPath', 'uploadJsonPath']) expect(existsSync(analysis.result[k])).toBe(true);
    expect(analysis.result.facts.host).toBe('houdini');

    const check = await job('check/run', {
      taskJsonPath: analysis.result.taskJsonPath,
      uploadJsonPath: analysis.result.uploadJsonPath,
      assetJsonPath: analysis.result.assetJsonPath,
      tipsJsonPath: analysis.result.tipsJsonPath,
    });
    const taskId = check.result.taskId as number;
    expect(taskId).toBeGreaterThan(0);

    const upload = await job('transfer/upload', { taskId, ...pick(analysis.result) });
    expect(upload.result.files).toBeGreaterThan(0);
    checkProgress(upload.jobId);

    await c.call('task/submit', { taskId });

    const localPath = path.join(work, 'frames');
    const download = await job('download/start', { taskIds: [taskId], mode: 'auto', sleepTime: 0.2, localPath });
    checkProgress(download.jobId);
    const frames = c.notifications.filter((n) => n.method === 'download/frame' && n.params.jobId === download.jobId);
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) {
      expect(f.params.taskId).toBe(taskId);
      expect(statSync(f.params.localPath).size).toBeGreaterThan(0);
    }
    expect(download.result.paths.sort()).toEqual(frames.map((f) => f.params.localPath).sort());

    // Every frame the farm rendered is on disk.
    const info = await c.call('task/info', { taskIds: [taskId] });
    const task = info.items[0];
    expect(task.doneFrames).toBe(task.totalFrames);
    const numbered = new Set(frames.map((f) => f.params.frame).filter((n) => n !== undefined));
    expect(numbered.size).toBeGreaterThanOrEqual(task.totalFrames);
    expect(c.contractErrors).toEqual([]);
    console.log(`e2e: task ${taskId}, ${task.totalFrames} frames rendered, ${frames.length} files downloaded`);
  });
});

function pick(r: Record<string, string>) {
  return { taskJsonPath: r.taskJsonPath, tipsJsonPath: r.tipsJsonPath, assetJsonPath: r.assetJsonPath, uploadJsonPath: r.uploadJsonPath };
}
