// The farm's own signature check against the verified vectors of spec/api.md §1.5–1.6.
import { describe, expect, it } from 'vitest';
import { parsePyJson, pyFloatRepr } from '../../sidecar/src/farm/py-json';
import { buildStringToSign, computeSignature } from '../../sidecar/src/farm/rest/signature';

const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const headers = (platform: string, ts: string, nonce: string, version = '2.0.0', channel = '4') =>
  ({ accessId: ID, channel, platform, UTCTimestamp: ts, nonce, version });

describe('farm signature verification (spec vectors)', () => {
  it('V0: empty body', () => {
    const s = buildStringToSign('task.renderbus.com', '/api/render/setUp/queryUserProfile', headers('2', '1700000000', '123456'), parsePyJson('{}'));
    expect(s).toBe(`[POST]task.renderbus.com:/api/render/setUp/queryUserProfile&UTCTimestamp=1700000000&accessId=${ID}&channel=4&nonce=123456&platform=2&version=2.0.0`);
    expect(computeSignature(KEY, s)).toBe('pinrNf29Lvq5xlZss+4ImQLx68d/kelcLaedlyvvJn8=');
  });

  it('V1: list body on a /v2 path', () => {
    const s = buildStringToSign('task.renderbus.com', '/api/render/handle/queryTaskInfo/v2', headers('2', '1700000000', '123456'), parsePyJson('{"taskIds": [12345678, 12345679]}'));
    expect(computeSignature(KEY, s)).toBe('GiJhg0CO8VOhLIDDTdGSeHQOHyFw73e0weNe33zdJhw=');
  });

  it('V2: flat object and list, foreign domain', () => {
    const body = '{"cgId": 2000, "cgName": "Maya", "cgVersion": "2018", "renderLayerType": 0, "editName": "tests", "renderSystem": 1, "pluginIds": [2703, 2704]}';
    const s = buildStringToSign('task.foxrenderfarm.com', '/api/render/plugin/addUserPluginConfig', headers('21', '1700000100', '654321'), parsePyJson(body));
    expect(computeSignature(KEY, s)).toBe('QIA1I/1yKqPs+XIbxhaditrpbJEUXvPq4wntsHbGJW0=');
  });

  it('V3: nested lists of objects, >10 items sorted lexicographically, non-ASCII from \\u escapes', () => {
    const body = '{"count": 1, "taskUserLevel": 50, "labels": ["Zo\\u00eb", "b"], "artist": "me", "renderEnvs": [{"envId": 1, "pluginIds": [2, 3, 4]}, {"envId": 3, "pluginIds": [7, 8, 10]}], "ids": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "meta": {"a": {"b": "c"}, "Z": "upper"}}';
    const s = buildStringToSign('task.renderbus.com', '/api/render/submit/createTask', headers('62', '1700000200', '100000'), parsePyJson(body));
    expect(s).toContain('&ids0=0&ids1=1&ids10=10&ids2=2&');
    expect(s).toContain('&labels0=Zoë&labels1=b&meta.Z=upper&meta.a.b=c&');
    expect(computeSignature(KEY, s)).toBe('LMOoq5CLAyHCLnzJ0T/sz4d0TdLMjAqmfMWuUAWEAoE=');
  });

  it('V4: Python scalar spellings (True, None, 1.0) and vanishing empty containers', () => {
    const body = '{"renderingType": "render", "pageNum": 1, "pageSize": 1, "id": null, "flag": true, "ratio": 1.0, "half": 0.5, "empty": [], "emptyObj": {}, "nested": [[1, 2], [3]]}';
    const s = buildStringToSign('jop.foxrenderfarm.com', '/api/render/handle/showLog', headers('2', '1700000300', '999998'), parsePyJson(body));
    expect(s).toBe(`[POST]jop.foxrenderfarm.com:/api/render/handle/showLog&UTCTimestamp=1700000300&accessId=${ID}&channel=4&flag=True&half=0.5&id=None&nested00=1&nested01=2&nested10=3&nonce=999998&pageNum=1&pageSize=1&platform=2&ratio=1.0&renderingType=render&version=2.0.0`);
    expect(computeSignature(KEY, s)).toBe('piZH16WslZ8n9NO+KbEH7xb01fRrkZpdLybP2tDkcgA=');
  });

  it('PDF vector: legacy header values, body key shadows nothing', () => {
    const s = buildStringToSign('task.renderbus.com', '/api/render/common/queryPlatforms', headers('1', '1535957371', '11886', '1.0.0', '7'), parsePyJson('{"zone": 2}'));
    expect(computeSignature(KEY, s)).toBe('6tvuz8bgDCz5vtS3amuMWVbOqzhaeWaOhNcWMqx9zcg=');
  });

  it('SDK unit-test vectors: string builder and HMAC', () => {
    const s = buildStringToSign('tests.com', 'api_url', { accessId: 'xxx', channel: '4', platform: '2', UTCTimestamp: '32166266', nonce: '1465', version: 'dev' }, parsePyJson('{"key": "value"}'));
    expect(s).toBe('[POST]tests.com:api_url&UTCTimestamp=32166266&accessId=xxx&channel=4&key=value&nonce=1465&platform=2&version=dev');
    expect(computeSignature('test_key', 'test_msg')).toBe('TC9wro8movj4HGMphrpEdES3oBdPsq+y+2tAt6kM/Tw=');
  });

  it('a body key overrides a header of the same name in the string only', () => {
    const s = buildStringToSign('h', '/p', headers('2', '1', '100000'), parsePyJson('{"platform": "9"}'));
    expect(s).toContain('&platform=9&');
    expect(s).not.toContain('platform=2');
  });

  it('renders floats with Python repr', () => {
    expect([1, 0.5, 1e16, 1e-5, 123.25, 1e15, -2.5, 1.5e-7, 0].map(pyFloatRepr))
      .toEqual(['1.0', '0.5', '1e+16', '1e-05', '123.25', '1000000000000000.0', '-2.5', '1.5e-07', '0.0']);
  });
});
