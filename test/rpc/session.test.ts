// Login is given once and shared by every client; the sidecar can start an in-process local farm
// and switch to it; REST operations go through api/call and the typed shortcuts; no secret leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

let t: TestSidecar;
let a: TestClient;
let b: TestClient;
beforeAll(async () => {
  t = await withSidecar();
  a = await TestClient.open(t.sidecar.port, t.sidecar.token);
  b = await TestClient.open(t.sidecar.port, t.sidecar.token);
  await a.initialize('a');
  await b.initialize('b');
});
afterAll(async () => {
  a.close();
  b.close();
  await t.close();
});

describe('session', () => {
  it('logs in to an in-process local farm, shared by every client (one farm for concurrent logins)', async () => {
    const [r, r2] = await Promise.all([a.call('session/login', { farm: 'local' }), b.call('session/login', { farm: 'local' })]);
    expect(r2.domain).toBe(r.domain);
    expect(r.farm).toBe('local');
    expect(r.domain).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(r.userInfo.user_id).toBeDefined();
    expect(r.userInfo.input_bid).toBeDefined();
    const farm = t.sidecar.services.session.localFarm!;
    expect(JSON.stringify(r)).not.toContain(farm.accessKey);
    const s = await b.call('session/status', {});
    expect(s).toMatchObject({ loggedIn: true, farm: 'local', clients: 2 });
  });

  it('serves REST operations through api/call and the shortcuts', async () => {
    const profile = await b.call('api/call', { group: 'user', method: 'queryUserProfile' });
    expect(profile.result.userId).toBeDefined();
    const page = await b.call('task/list', { pageSize: 10 });
    expect(page).toHaveProperty('items');
    const bad = await b.request('api/call', { group: 'user', method: 'hasOwnProperty' });
    expect(bad.error?.code).toBe(ErrorCodes.InvalidParams);
  });

  it('maps a farm error to SdkError with the farm code', async () => {
    const r = await b.request('task/info', { taskIds: [999999999] });
    // An unknown task is either an empty page or a farm error carrying data.code; never an internal error.
    if (r.error) {
      expect(r.error.code).toBe(ErrorCodes.SdkError);
      expect(typeof r.error.data.code).toBe('string');
    } else {
      expect(r.result).toHaveProperty('items');
    }
  });

  it('refuses a remote login with bad credentials with an SDK error that hides the key', async () => {
    const farm = t.sidecar.services.session.localFarm!;
    const r = await a.request('session/login', { farm: 'remote', domain: farm.domain, protocol: 'http', accessId: farm.accessId, accessKey: 'wrong-secret-key-123' });
    expect(r.error?.code).toBe(ErrorCodes.SdkError);
    expect(JSON.stringify(r)).not.toContain('wrong-secret-key-123');
    // The previous session stays.
    expect((await a.call('session/status', {})).loggedIn).toBe(true);
  });

  it('shares transfer settings between clients; null resets a key', async () => {
    expect(await a.call('transfer/setSettings', { engineType: 'http', maxSpeed: 2048 })).toEqual({ engineType: 'http', maxSpeed: 2048 });
    expect(await b.call('transfer/getSettings', {})).toEqual({ engineType: 'http', maxSpeed: 2048 });
    expect(await b.call('transfer/setSettings', { maxSpeed: null })).toEqual({ engineType: 'http' });
    expect((await a.request('transfer/setSettings', { engineType: 'ftp' })).error?.code).toBe(ErrorCodes.InvalidParams);
  });

  it('logs out for everyone and stops the local farm', async () => {
    await b.call('session/logout', {});
    expect((await a.call('session/status', {})).loggedIn).toBe(false);
    expect(t.sidecar.services.session.localFarm).toBeUndefined();
    expect((await a.request('task/list', {})).error?.code).toBe(ErrorCodes.NotLoggedIn);
  });
});
