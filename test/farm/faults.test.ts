// Fault injection: 5xx (JSON and HTML), dropped and hung connections, latency, odd statuses, endless tasks.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { eventually, rawRequest, signedCall, storageAuth } from '../helpers/farm-raw';
import { houdiniTask, renderUntil, submitTask } from '../helpers/farm-tasks';
import { withFarm } from '../helpers/with-farm';

const PROFILE = '/api/render/setUp/queryUserProfile';

let farm: Farm;
beforeEach(async () => {
  farm = await startFarm({ frameDurationMs: 0 });
});
afterEach(async () => farm.close());

/** Sends a request and reports whether it was answered, dropped, or still open after `waitMs`. */
function probe(f: Farm, path: string, waitMs: number): Promise<'answered' | 'dropped' | 'open'> {
  return new Promise((resolve) => {
    const req = http.request({ host: f.host, port: f.port, method: 'POST', path, agent: false }, (res) => {
      res.resume();
      resolve('answered');
    });
    req.on('error', () => resolve('dropped'));
    req.setTimeout(waitMs, () => {
      resolve('open');
      req.destroy();
    });
    req.end('{}');
  });
}

describe('HTTP faults', () => {
  it('answers every request with a JSON 500 envelope at errorRate 1 (errorBody json)', async () => {
    farm.setFaults({ errorRate: 1, errorBody: 'json' });
    const res = await signedCall(farm, PROFILE);
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({ code: 500, result: false });
  });

  it('sends HTML gateway pages that are not JSON (errorBody html)', async () => {
    farm.setFaults({ errorRate: 1, errorBody: 'html' });
    const res = await signedCall(farm, PROFILE);
    expect([502, 503, 504]).toContain(res.status);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.body.toString()).toContain('<html>');
    expect(() => res.json()).toThrow();
  });

  it('fails exactly the given share of requests, deterministically', async () => {
    farm.setFaults({ errorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await signedCall(farm, PROFILE)).status);
    expect(statuses.filter((s) => s !== 200)).toHaveLength(3);
    expect(statuses.filter((s, i) => i % 2 === 1 && s !== 200)).toHaveLength(3);
  });

  it('drops connections without an answer at dropRate 1', async () => {
    farm.setFaults({ dropRate: 1 });
    expect(await probe(farm, PROFILE, 30_000)).toBe('dropped');
  });

  it('never answers hung requests, and close() still ends them', async () => {
    farm.setFaults({ hangRate: 1 });
    expect(await probe(farm, PROFILE, 300)).toBe('open');
    const pending = probe(farm, PROFILE, 60_000);
    await new Promise((r) => setTimeout(r, 50));
    await farm.close();
    expect(await pending).toBe('dropped');
    farm = await startFarm();
  });

  it('adds latency before answering', async () => {
    farm.setFaults({ latencyMs: 150 });
    const start = process.hrtime.bigint();
    expect((await signedCall(farm, PROFILE)).json().code).toBe(200);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeGreaterThanOrEqual(140);
  });

  it('limits faults to a scope and to path prefixes', async () => {
    farm.setFaults({ errorRate: 1, scope: 'storage' });
    expect((await signedCall(farm, PROFILE)).status).toBe(200);
    const storage = await rawRequest(farm, 'GET', `/storage/${farm.account.inputBid}/x?op=list`, storageAuth(farm));
    expect(storage.status).toBeGreaterThanOrEqual(500);
    if (storage.status === 500) expect(storage.json()).toMatchObject({ error: 'INJECTED_FAULT' });
    farm.setFaults({ errorRate: 1, paths: ['/api/render/handle/'] });
    expect((await signedCall(farm, PROFILE)).status).toBe(200);
    expect((await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": [1]}')).status).toBe(500);
  });

  it('ends an error spell after errorBudget injected errors', async () => {
    farm.setFaults({ errorRate: 1, errorBudget: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await signedCall(farm, PROFILE)).status);
    expect(statuses.map((s) => s === 200)).toEqual([false, false, true, true]);
  });

  it('holds storage requests until released, and lets the API through meanwhile', async () => {
    const release = farm.holdStorage();
    let answered = false;
    const storage = rawRequest(farm, 'GET', `/storage/${farm.account.inputBid}/x?op=list`, storageAuth(farm)).then((r) => ((answered = true), r));
    expect((await signedCall(farm, PROFILE)).status).toBe(200);
    await eventually(() => farm.requests.some((r) => r.kind === 'api') || undefined);
    expect(answered).toBe(false);
    expect(farm.requests.some((r) => r.kind === 'storage')).toBe(false); // not even read yet
    release();
    expect((await storage).status).toBeLessThan(500);
    expect(answered).toBe(true);
  });

  it('logs every request with the fault it got', async () => {
    farm.setFaults({ errorRate: 0.5, paths: ['/api/render/setUp/queryUserProfile'] });
    const before = farm.requests.length;
    await signedCall(farm, PROFILE);
    await signedCall(farm, PROFILE);
    await signedCall(farm, '/api/render/setUp/queryUserSetting');
    const log = farm.requests.slice(before);
    expect(log.map((r) => [r.method, r.path, r.kind, r.fault])).toEqual([
      ['POST', PROFILE, 'api', undefined], ['POST', PROFILE, 'api', 'error'], ['POST', '/api/render/setUp/queryUserSetting', 'api', undefined],
    ]);
  });

  it('changes faults at run time', async () => {
    farm.setFaults({ errorRate: 1 });
    expect((await signedCall(farm, PROFILE)).status).toBe(500);
    farm.setFaults({});
    expect((await signedCall(farm, PROFILE)).status).toBe(200);
  });

  it('lets the SDK client retry through a 50% error rate (faults given at start)', async () => {
    const t = await withFarm({ faults: { errorRate: 0.5, scope: 'api' } });
    try {
      const profile = await t.api.user.queryUserProfile();
      expect(profile.userId).toBe(t.farm.userId);
    } finally {
      await t.close();
    }
  });
});

describe('task faults', () => {
  it('reports injected unknown task statuses (15, 50, 100) instead of the real one', async () => {
    const t = await withFarm({ frameDurationMs: 0 });
    try {
      const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1' }]));
      for (const code of [15, 50, 100]) {
        t.farm.setFaults({ taskStatus: { [id]: code } });
        const info: any = (await t.api.query.taskInfo([id])).items[0];
        expect(info.taskStatus).toBe(code);
        expect(info.statusText).toBe(`render_task_status_${code}`);
      }
      t.farm.setFaults({});
      expect((await t.api.query.taskInfo([id])).items[0]!.taskStatus).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('keeps a task marked neverEnd rendering its last frame forever', async () => {
    const t = await withFarm({ frameDurationMs: 0, faults: { neverEnd: 'all' } });
    try {
      const id = await submitTask(t.api, houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
      await renderUntil(t.farm, t.api, id, (i) => i.doneFrames === 2 && i.executingFrames === 1);
      for (let i = 0; i < 20; i += 1) await t.farm.tick();
      expect((await t.api.query.taskInfo([id])).items[0]).toMatchObject({ taskStatus: 5, doneFrames: 2, executingFrames: 1 });
      t.farm.setFaults({});
      expect((await renderUntil(t.farm, t.api, id, (i) => i.taskStatus === 25)).doneFrames).toBe(3);
    } finally {
      await t.close();
    }
  });
});
