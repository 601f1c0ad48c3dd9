// One sidecar, two profiles, two local farms, two submits at once (issue 14): each farm sees only its
// own profile's task and files, each profile has its own record DBs, and a job belongs to its profile.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm/index';
import { SPHERE } from './helpers/local-job';
import { withSidecar, type TestSidecar } from './helpers/sidecar';
import { TestClient } from './helpers/ws-client';

let t: TestSidecar;
let farms: Farm[];
let work: string;
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'rv-profiles-'));
  farms = await Promise.all([startFarm({ port: 0, frameDurationMs: 10 }), startFarm({ port: 0, frameDurationMs: 10 })]);
  t = await withSidecar({ progressIntervalMs: 50 });
});
afterAll(async () => {
  await t?.close();
  await Promise.all((farms ?? []).map((f) => f.close()));
  rmSync(work, { recursive: true, force: true });
});

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : []);

describe('one session per profile', () => {
  it('two profiles on two farms submit at once without mixing tasks, uploads or record DBs', async () => {
    const profiles = ['studio-a', 'studio-b'];
    const clients = await Promise.all(profiles.map(() => TestClient.open(t.sidecar.port, t.sidecar.token)));
    try {
      for (const [i, c] of clients.entries()) {
        await c.initialize(`profile-${i}`);
        const farm = farms[i]!;
        const r = await c.call('session/login', { profile: profiles[i], farm: 'remote', domain: farm.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey });
        expect(r).toMatchObject({ profile: profiles[i], domain: farm.domain });
      }
      const ends = await Promise.all(clients.map(async (c, i) => {
        mkdirSync(path.join(work, `ws-${i}`));
        const { jobId } = await c.call('submit/scene', { scenePath: SPHERE, mode: 'static', workspace: path.join(work, `ws-${i}`), download: { localPath: path.join(work, `out-${i}`), sleepTime: 0.2 } });
        return c.jobEnd(jobId);
      }));
      for (const e of ends) expect(e.ok, JSON.stringify(e.error)).toBe(true);

      for (const [i, c] of clients.entries()) {
        const status = await c.call('session/status', {});
        expect(status).toMatchObject({ profile: profiles[i], domain: farms[i]!.domain });
        // The farm lists exactly this profile's task.
        const list = await c.call('task/list', { pageNum: 1, pageSize: 50 });
        expect(list.items.map((x: { id: number }) => x.id)).toEqual([ends[i]!.result.taskId]);
        const creates = farms[i]!.requests.filter((r) => r.kind === 'api' && r.path.startsWith('/api/render/submit/createTask'));
        expect(creates).toHaveLength(1);
        // Both farms received the scene: neither upload was skipped on the other's record.
        expect(farms[i]!.storageStats.commits.size).toBeGreaterThan(0);
        // Its own record DB, under its own folder; none in the shared SDK home's db/.
        expect(files(path.join(t.home, 'profiles', profiles[i]!, 'db')).some((f) => f.endsWith('.db'))).toBe(true);
      }
      expect(files(path.join(t.home, 'db')).filter((f) => f.endsWith('.db'))).toEqual([]);
      const { jobs } = await clients[0]!.call('job/list', {});
      expect(jobs.filter((j: { method: string }) => j.method === 'submit/scene').map((j: { profile?: string }) => j.profile).sort()).toEqual(profiles);
    } finally {
      for (const c of clients) c.close();
    }
  });
});
