// Under injected faults (30% 5xx as JSON or gateway pages, latency, dropped connections) 200 calls all
// complete with correct answers; a business error raises at once; non-idempotent calls are never
// re-sent. Request counts are taken at a pass-through proxy in front of the farm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RayvisionAPI, RayvisionAPIError, RayvisionNetworkError } from '../../sidecar/src/api';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';

let farm: Farm;
let proxy: CountingProxy;
let api: RayvisionAPI;
const warnings: string[] = [];

beforeAll(async () => {
  farm = await startFarm();
  proxy = await startCountingProxy({ host: farm.host, port: farm.port });
  api = await RayvisionAPI.connect({
    domain: proxy.domain, protocol: 'http', platform: 2, accessId: farm.accessId, accessKey: farm.accessKey,
    // 40% of attempts fail: 15 retries make a call failing every attempt vanishingly unlikely (0.4^16).
    retry: { retries: 15, minDelayMs: 5, maxDelayMs: 40 }, timeout: 10,
    logger: { warn: (m) => warnings.push(m) },
  });
});
afterAll(async () => {
  api.close();
  await proxy.close();
  await farm.close();
});

describe('faults', () => {
  it('200 idempotent calls complete correctly under 30% 5xx, latency and drops', async () => {
    const taskIds: number[] = [];
    for (let i = 0; i < 3; i += 1) taskIds.push((await api.task.createTask()).taskIdList[0]);
    farm.setFaults({ errorRate: 0.3, errorBody: 'mixed', dropRate: 0.1, latencyMs: 3, scope: 'api' });
    const before = proxy.count();
    const calls: Array<() => Promise<void>> = [];
    for (let i = 0; i < 200; i += 1) {
      const taskId = taskIds[i % taskIds.length];
      calls.push(async () => {
        switch (i % 4) {
          case 0:
            expect((await api.query.taskInfo([taskId])).items[0].id).toBe(taskId);
            break;
          case 1:
            expect((await api.user.queryUserProfile()).userId).toBe(farm.userId);
            break;
          case 2:
            expect((await api.query.getTaskList(1, 10)).items.map((t) => t.id)).toEqual(expect.arrayContaining(taskIds));
            break;
          default:
            expect((await api.query.platforms()).length).toBeGreaterThan(0);
        }
      });
    }
    // Eight in flight at a time, like a busy UI.
    for (let i = 0; i < calls.length; i += 8) await Promise.all(calls.slice(i, i + 8).map((c) => c()));
    const sent = proxy.count() - before;
    expect(sent).toBeGreaterThan(200); // faults were hit and retried
    // both kinds of fault were really injected on this run, not just one
    const injected = new Set(farm.requests.slice(-sent).map((r) => r.fault).filter(Boolean));
    expect([...injected].sort()).toEqual(['drop', 'error']);
    expect(warnings.some((w) => /retrying/.test(w))).toBe(true);
    farm.setFaults({});
  });

  it('never re-sends createTask under faults: the farm sees exactly one request per call', async () => {
    farm.setFaults({ errorRate: 0.3, errorBody: 'mixed', dropRate: 0.1, scope: 'api' });
    const path = '/api/render/submit/createTask';
    const before = proxy.count(path);
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < 30; i += 1) {
      try {
        await api.task.createTask();
        ok += 1;
      } catch (error) {
        // An injected fault: a gateway page, a dropped connection, or a JSON envelope with code 500.
        expect(error instanceof RayvisionNetworkError || (error as RayvisionAPIError).farmCode === 500).toBe(true);
        failed += 1;
      }
    }
    farm.setFaults({});
    expect(failed).toBeGreaterThan(0);
    expect(ok).toBeGreaterThan(0);
    expect(proxy.count(path) - before).toBe(30);
  });

  it('a business error raises at once without retry', async () => {
    const path = '/api/rendering/task/renderingTask/stopTask';
    const before = proxy.count(path);
    const error = await api.task.stopTask([999_999_999]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayvisionAPIError);
    expect((error as RayvisionAPIError).farmCode).not.toBe(200);
    expect(proxy.count(path) - before).toBe(1);
  });

  it('a farm-side validation error and an unknown path each raise once, even for idempotent calls', async () => {
    const path = '/api/render/handle/queryTaskInfo/v2';
    const before = proxy.count(path);
    const invalid = await api.post(path, { taskIds: 'x' }, { idempotent: true }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(RayvisionAPIError);
    expect((invalid as RayvisionAPIError).farmCode).toBe(600);
    expect(proxy.count(path) - before).toBe(1);
    const unknown = await api.post('/api/render/no/such', {}, { idempotent: true }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ farmCode: 404, code: 'ERR_NOT_FOUND' });
    expect(proxy.count('/api/render/no/such')).toBe(1);
  });
});
