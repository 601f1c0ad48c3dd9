// Signature checks of every REST call: accepted, refused, stale, unsigned, unknown account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { rawRequest, signedCall } from '../helpers/farm-raw';

let farm: Farm;
beforeAll(async () => {
  farm = await startFarm({ signatureWindowSec: 60 });
});
afterAll(async () => farm.close());

const PROFILE = '/api/render/setUp/queryUserProfile';

describe('farm authentication', () => {
  it('accepts a correctly signed call and answers the documented envelope', async () => {
    const res = await signedCall(farm, PROFILE);
    expect(res.status).toBe(200);
    const env = res.json();
    expect(Object.keys(env).sort()).toEqual(['code', 'data', 'message', 'requestId', 'result', 'serverTime', 'version']);
    expect(env).toMatchObject({ code: 200, result: true, message: 'success' });
    expect(env.data.userId).toBe(farm.userId);
  });

  it('accepts bodies with Python-only scalars signed the Python way (True, None, 1.0)', async () => {
    const res = await signedCall(farm, '/api/render/handle/showLog', '{"renderingType": "render", "pageNum": 1, "pageSize": 1, "id": null, "ratio": 1.0, "flag": true}');
    expect(res.json().code).toBe(200);
  });

  it('accepts non-ASCII values sent as \\u escapes and signed as UTF-8', async () => {
    const res = await signedCall(farm, '/api/render/project/add', '{"newName": "Zo\\u00eb \\u9879\\u76ee", "status": 0}');
    expect(res.json().code).toBe(200);
    const list = await signedCall(farm, '/api/render/project/getList');
    expect(list.json().data.projectNameList.map((p: { projectName: string }) => p.projectName)).toContain('Zoë 项目');
  });

  it('accepts extra headers signed along (Connect(headers=…)), and refuses them unsigned', async () => {
    expect((await signedCall(farm, PROFILE, '{}', { extraHeaders: { zoneTag: 'A1' } })).json().code).toBe(200);
    const h = { accessId: farm.accessId, channel: '4', platform: '2', UTCTimestamp: String(Math.floor(Date.now() / 1000)), nonce: '123456', version: '2.0.0' };
    const { buildStringToSign, computeSignature } = await import('../../sidecar/src/farm/rest/signature');
    const { parsePyJson } = await import('../../sidecar/src/farm/py-json');
    const unsignedExtra = computeSignature(farm.accessKey, buildStringToSign(farm.domain, PROFILE, h, parsePyJson('{}')));
    // Signed without the extra header but sent with it: the plain six-header signature still matches.
    expect((await signedCall(farm, PROFILE, '{}', { extraHeaders: { zoneTag: 'A1' }, timestamp: Number(h.UTCTimestamp), signature: unsignedExtra })).json().code).toBe(200);
    expect((await signedCall(farm, PROFILE, '{}', { extraHeaders: { zoneTag: 'A1' }, signature: 'x'.repeat(44) })).json().code).toBe(611);
  });

  it('refuses a wrong key with 611 SIGNATURE_INVALID', async () => {
    const res = await signedCall(farm, PROFILE, '{}', { accessKey: 'not-the-key' });
    expect(res.json()).toMatchObject({ code: 611, result: false, data: null });
  });

  it('refuses a signature made for another domain or path with 611', async () => {
    expect((await signedCall(farm, PROFILE, '{}', { signDomain: 'task.renderbus.com' })).json().code).toBe(611);
    expect((await signedCall(farm, PROFILE, '{}', { signPath: '/api/render/setUp/queryUserSetting' })).json().code).toBe(611);
  });

  it('refuses a body changed after signing with 611', async () => {
    const good = await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": [1]}');
    expect(good.json().code).toBe(200);
    // Same headers and signature, different body: rebuild by signing one body and sending another.
    const { buildStringToSign, computeSignature } = await import('../../sidecar/src/farm/rest/signature');
    const { parsePyJson } = await import('../../sidecar/src/farm/py-json');
    const ts = String(Math.floor(Date.now() / 1000));
    const h = { accessId: farm.accessId, channel: '4', platform: '2', UTCTimestamp: ts, nonce: '222222', version: '2.0.0' };
    const sig = computeSignature(farm.accessKey, buildStringToSign(farm.domain, '/api/render/handle/queryTaskInfo/v2', h, parsePyJson('{"taskIds": [1]}')));
    const res = await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', '{"taskIds": [2]}', { timestamp: Number(ts), signature: sig });
    expect(res.json().code).toBe(611);
  });

  it('refuses a stale or future timestamp with 610 SIGNATURE_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await signedCall(farm, PROFILE, '{}', { timestamp: now - 3600 })).json().code).toBe(610);
    expect((await signedCall(farm, PROFILE, '{}', { timestamp: now + 3600 })).json().code).toBe(610);
  });

  it('refuses an unknown accessId with 800 (account not found), even when signed with some key', async () => {
    const res = await signedCall(farm, PROFILE, '{}', { accessId: 'AKIDunknown', accessKey: 'whatever' });
    expect(res.json().code).toBe(800);
  });

  it('refuses unsigned calls with 603 ILLEGAL_PROTOCOL', async () => {
    for (const omit of ['signature', 'accessId', 'UTCTimestamp', 'nonce']) {
      expect((await signedCall(farm, PROFILE, '{}', { omit: [omit] })).json().code).toBe(603);
    }
  });

  it('keeps accounts apart: a second account cannot see or act on the first one\'s tasks or storages', async () => {
    const other = await farm.addAccount('second');
    expect(other.accessId).not.toBe(farm.accessId);
    const id = (await signedCall(farm, '/api/render/submit/createTask', '{"count": 1, "taskUserLevel": 50}')).json().data.taskIdList[0];
    const as2 = { accessId: other.accessId, accessKey: other.accessKey };
    expect((await signedCall(farm, PROFILE, '{}', as2)).json().data.userId).toBe(other.userId);
    expect((await signedCall(farm, '/api/render/submit/task', `{"taskId": ${id}}`, as2)).json().code).toBe(404);
    expect((await signedCall(farm, '/api/render/handle/queryTaskInfo/v2', `{"taskIds": [${id}]}`, as2)).json().data.items).toEqual([]);
    const basic2 = { Authorization: `Basic ${Buffer.from(`${other.storageName}:${other.storagePassword}`).toString('base64')}` };
    expect((await rawRequest(farm, 'GET', `/storage/${farm.account.inputBid}/?op=list`, basic2)).status).toBe(403);
    expect((await rawRequest(farm, 'GET', `/storage/${other.inputBid}/?op=list`, basic2)).status).toBe(200);
  });

  it('keeps the access key and storage password out of logs and JSON of the farm handle', async () => {
    const { inspect } = await import('node:util');
    for (const text of [inspect(farm, { depth: 5 }), JSON.stringify(farm)]) {
      expect(text).not.toContain(farm.accessKey);
      expect(text).not.toContain(farm.account.storagePassword);
    }
    expect(farm.accessKey.length).toBeGreaterThan(20);
  });

  it('never echoes the access key in an answer', async () => {
    const res = await signedCall(farm, PROFILE, '{}', { accessKey: 'wrong' });
    expect(res.body.toString()).not.toContain(farm.accessKey);
  });
});
