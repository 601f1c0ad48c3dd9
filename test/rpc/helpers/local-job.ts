// A sidecar logged in to its local farm with one client, and a submit/scene job held in its download
// stage: what the submit, cancel and logout tests start from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestClient } from './ws-client';
import { withSidecar, type TestSidecar } from './sidecar';

export const SPHERE = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip');

export interface LocalSession {
  t: TestSidecar;
  c: TestClient;
  /** A temp folder for workspaces and downloads. */
  work: string;
}

/** Sidecar + client + local-farm login; `cleanup` receives what to undo (run it in reverse). */
export async function localSession(frameDurationMs: number, cleanup: (() => Promise<void> | void)[]): Promise<LocalSession> {
  const work = mkdtempSync(path.join(tmpdir(), 'rv-local-job-'));
  const t = await withSidecar({ progressIntervalMs: 50 });
  const c = await TestClient.open(t.sidecar.port, t.sidecar.token);
  cleanup.push(() => rmSync(work, { recursive: true, force: true }), () => t.close(), () => c.close());
  await c.initialize('local-job-test');
  await c.call('session/login', { farm: 'local', frameDurationMs });
  return { t, c, work };
}

/** Starts submit/scene on the sphere with downloads and resolves, with its id, once it is downloading. */
export async function downloadingJob({ c, work }: LocalSession): Promise<string> {
  const { jobId } = await c.call('submit/scene', {
    scenePath: SPHERE,
    mode: 'static',
    workspace: work,
    download: { localPath: path.join(work, 'out'), sleepTime: 0.1 },
  });
  await c.waitNotification((n) => n.method === 'job/progress' && n.params.jobId === jobId && n.params.progress.stage === 'download');
  return jobId;
}
