// Twenty clients at once, each running its own upload job through one sidecar, all finish; a
// client killed mid-job (socket dropped without a close) disturbs nobody, and its job goes on
// for anyone who subscribes to it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

const CLIENTS = 20;
let t: TestSidecar;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'rv-many-'));
  t = await withSidecar({ progressIntervalMs: 50 });
  const admin = await TestClient.open(t.sidecar.port, t.sidecar.token);
  await admin.initialize('admin');
  await admin.call('session/login', { farm: 'local' });
  admin.close();
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Writes `files` random files and an upload.json listing them (through the sidecar itself). */
async function prepare(c: TestClient, name: string, files: number, size: number): Promise<string> {
  const dir = path.join(work, name);
  const paths = Array.from({ length: files }, (_, i) => path.join(dir, `asset_${i}.bin`));
  rmSync(dir, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(dir, { recursive: true });
  for (const p of paths) writeFileSync(p, randomBytes(size));
  const uploadJson = path.join(dir, 'upload.json');
  writeFileSync(uploadJson, JSON.stringify({ asset: [] }));
  await c.call('jobfiles/appendToUpload', { filesPaths: paths, uploadPath: uploadJson });
  return uploadJson;
}

describe('many clients', () => {
  it('20 clients each run a job and all finish; killing one mid-job disturbs no one', async () => {
    const victim = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await victim.initialize('victim');
    // A slow job: 1 MiB at 256 KB/s takes seconds, so the kill lands mid-transfer.
    const victimUpload = await prepare(victim, 'victim', 1, 1024 * 1024);
    const { jobId: victimJob } = await victim.call('transfer/uploadAsset', { uploadJsonPath: victimUpload, maxSpeed: 256 });

    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => TestClient.open(t.sidecar.port, t.sidecar.token)));
    await Promise.all(clients.map((c, i) => c.initialize(`client-${i}`)));
    const uploads = await Promise.all(clients.map((c, i) => prepare(c, `c${i}`, 3, 64 * 1024)));
    const started = await Promise.all(clients.map((c, i) => c.call('transfer/uploadAsset', { uploadJsonPath: uploads[i] })));

    await victim.waitNotification((n) => n.method === 'job/progress' && n.params.jobId === victimJob);
    victim.ws.terminate(); // no close handshake: the plugin's process died

    const ends = await Promise.all(clients.map((c, i) => c.jobEnd(started[i].jobId)));
    for (const end of ends) {
      expect(end.ok, JSON.stringify(end.error)).toBe(true);
      expect(end.result.files).toBe(3);
    }
    // Each client saw only its own job's notifications.
    clients.forEach((c, i) => {
      const foreign = c.notifications.filter((n) => n.params?.jobId && n.params.jobId !== started[i].jobId);
      expect(foreign).toEqual([]);
    });

    // The victim's job was not cancelled by the drop: a new connection can follow it to its end.
    const watcher = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await watcher.initialize('watcher');
    const info = await watcher.call('job/subscribe', { jobId: victimJob });
    expect(['running', 'succeeded']).toContain(info.state);
    const victimEnd = await watcher.jobEnd(victimJob);
    expect(victimEnd.ok, JSON.stringify(victimEnd.error)).toBe(true);
    const status = await watcher.call('session/status', {});
    expect(status.clients).toBe(CLIENTS + 1);
    for (const c of [...clients, watcher]) expect(c.contractErrors).toEqual([]);
    watcher.close();
    clients.forEach((c) => c.close());
  });
});
