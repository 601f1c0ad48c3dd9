// The exported signer against the local farm: a request built with `buildRequest` is accepted, a body
// changed after signing is refused (611), a stale timestamp is refused (610), a wrong key gives a clear
// auth error at once, without retry.
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, RayvisionAPI, RayvisionAuthError, unixSeconds } from '../../sidecar/src/api';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';

let farm: Farm;
let proxy: CountingProxy;

beforeAll(async () => {
  farm = await startFarm();
  proxy = await startCountingProxy({ host: farm.host, port: farm.port });
});
afterAll(async () => {
  await proxy.close();
  await farm.close();
});

const post = async (built: ReturnType<typeof buildRequest>, body = built.body) =>
  (await axios.post(built.url, body, { headers: built.headers, transformResponse: [(d) => d], responseType: 'text', validateStatus: () => true })).data as string;

function signed(body: Record<string, unknown>, path = '/api/render/handle/getTaskList/v2', clock = unixSeconds()) {
  return buildRequest({ domain: farm.domain, path, platform: 2, protocol: 'http' }, body, { accessId: farm.accessId, accessKey: farm.accessKey }, clock, 123456);
}

describe('signing against the farm', () => {
  it('accepts a request built with the exported signer (nested, non-ASCII, Python body text)', async () => {
    const built = signed({ pageNum: 1, pageSize: 10, searchKeyword: 'Zoë & co=1', statusList: [0, 5, 25] });
    const answer = JSON.parse(await post(built));
    expect(answer.code).toBe(200);
    expect(answer.data.items).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const built = signed({ pageNum: 1, pageSize: 10 });
    const answer = JSON.parse(await post(built, built.body.replace('10', '11')));
    expect(answer.code).toBe(611);
  });

  it('refuses a stale timestamp', async () => {
    const built = signed({ pageNum: 1, pageSize: 10 }, undefined, unixSeconds() - 3600);
    const answer = JSON.parse(await post(built));
    expect(answer.code).toBe(610);
  });

  it('gives a clear auth error for a wrong key, at once and without retry', async () => {
    const before = proxy.count();
    const error = await RayvisionAPI.connect({ domain: proxy.domain, protocol: 'http', accessId: farm.accessId, accessKey: 'not-the-key', retry: { minDelayMs: 1, maxDelayMs: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayvisionAuthError);
    expect(error).toMatchObject({ code: 'ERR_SIGNATURE', farmCode: 611 });
    expect((error as Error).message).toMatch(/check the access id and access key/);
    expect(proxy.count() - before).toBe(1);
  });

  it('logs in through the proxy with the right key (the Host header is what is signed)', async () => {
    const api = await RayvisionAPI.connect({ domain: proxy.domain, protocol: 'http', platform: 2, accessId: farm.accessId, accessKey: farm.accessKey });
    expect(api.userInfo.user_id).toBe(farm.userId);
    api.close();
  });
});
