// Signature vectors of spec/api.md §1.5–1.6, byte for byte, and the wire body text of §2.4.
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../sidecar/src/api/build-request';
import { pyFloat, pythonFloatRepr, pythonStr } from '../../sidecar/src/api/python-format';
import { hmacBase64, sign, stringToSign } from '../../sidecar/src/api/sign';
import { pythonJsonDumps } from '../../sidecar/src/api/wire-json';

const ACCESS_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const ACCESS_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';

const headers = (platform: string, ts: number, nonce: number) => ({
  accessId: ACCESS_ID,
  channel: '4',
  platform,
  UTCTimestamp: String(ts),
  nonce: String(nonce),
  version: '2.0.0',
});

interface Vector {
  name: string;
  domain: string;
  path: string;
  platform: string;
  ts: number;
  nonce: number;
  body: Record<string, unknown>;
  wire: string;
  text: string;
  signature: string;
  languageFlag: string;
}

const vectors: Vector[] = [
  {
    name: 'V0 empty body',
    domain: 'task.renderbus.com',
    path: '/api/render/setUp/queryUserProfile',
    platform: '2',
    ts: 1700000000,
    nonce: 123456,
    body: {},
    wire: '{}',
    text: `[POST]task.renderbus.com:/api/render/setUp/queryUserProfile&UTCTimestamp=1700000000&accessId=${ACCESS_ID}&channel=4&nonce=123456&platform=2&version=2.0.0`,
    signature: 'pinrNf29Lvq5xlZss+4ImQLx68d/kelcLaedlyvvJn8=',
    languageFlag: '1',
  },
  {
    name: 'V1 list body, /v2 path',
    domain: 'task.renderbus.com',
    path: '/api/render/handle/queryTaskInfo/v2',
    platform: '2',
    ts: 1700000000,
    nonce: 123456,
    body: { taskIds: [12345678, 12345679] },
    wire: '{"taskIds": [12345678, 12345679]}',
    text: `[POST]task.renderbus.com:/api/render/handle/queryTaskInfo/v2&UTCTimestamp=1700000000&accessId=${ACCESS_ID}&channel=4&nonce=123456&platform=2&taskIds0=12345678&taskIds1=12345679&version=2.0.0`,
    signature: 'GiJhg0CO8VOhLIDDTdGSeHQOHyFw73e0weNe33zdJhw=',
    languageFlag: '1',
  },
  {
    name: 'V2 flat object + list, foreign domain',
    domain: 'task.foxrenderfarm.com',
    path: '/api/render/plugin/addUserPluginConfig',
    platform: '21',
    ts: 1700000100,
    nonce: 654321,
    body: { cgId: 2000, cgName: 'Maya', cgVersion: '2018', renderLayerType: 0, editName: 'tests', renderSystem: 1, pluginIds: [2703, 2704] },
    wire: '{"cgId": 2000, "cgName": "Maya", "cgVersion": "2018", "renderLayerType": 0, "editName": "tests", "renderSystem": 1, "pluginIds": [2703, 2704]}',
    text: `[POST]task.foxrenderfarm.com:/api/render/plugin/addUserPluginConfig&UTCTimestamp=1700000100&accessId=${ACCESS_ID}&cgId=2000&cgName=Maya&cgVersion=2018&channel=4&editName=tests&nonce=654321&platform=21&pluginIds0=2703&pluginIds1=2704&renderLayerType=0&renderSystem=1&version=2.0.0`,
    signature: 'QIA1I/1yKqPs+XIbxhaditrpbJEUXvPq4wntsHbGJW0=',
    languageFlag: '0',
  },
  {
    name: 'V3 nested lists/objects, >10 items, non-ASCII',
    domain: 'task.renderbus.com',
    path: '/api/render/submit/createTask',
    platform: '62',
    ts: 1700000200,
    nonce: 100000,
    body: {
      count: 1,
      taskUserLevel: 50,
      labels: ['Zoë', 'b'],
      artist: 'me',
      renderEnvs: [
        { envId: 1, pluginIds: [2, 3, 4] },
        { envId: 3, pluginIds: [7, 8, 10] },
      ],
      ids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      meta: { a: { b: 'c' }, Z: 'upper' },
    },
    wire: '{"count": 1, "taskUserLevel": 50, "labels": ["Zo\\u00eb", "b"], "artist": "me", "renderEnvs": [{"envId": 1, "pluginIds": [2, 3, 4]}, {"envId": 3, "pluginIds": [7, 8, 10]}], "ids": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "meta": {"a": {"b": "c"}, "Z": "upper"}}',
    text: `[POST]task.renderbus.com:/api/render/submit/createTask&UTCTimestamp=1700000200&accessId=${ACCESS_ID}&artist=me&channel=4&count=1&ids0=0&ids1=1&ids10=10&ids2=2&ids3=3&ids4=4&ids5=5&ids6=6&ids7=7&ids8=8&ids9=9&labels0=Zoë&labels1=b&meta.Z=upper&meta.a.b=c&nonce=100000&platform=62&renderEnvs0.envId=1&renderEnvs0.pluginIds0=2&renderEnvs0.pluginIds1=3&renderEnvs0.pluginIds2=4&renderEnvs1.envId=3&renderEnvs1.pluginIds0=7&renderEnvs1.pluginIds1=8&renderEnvs1.pluginIds2=10&taskUserLevel=50&version=2.0.0`,
    signature: 'LMOoq5CLAyHCLnzJ0T/sz4d0TdLMjAqmfMWuUAWEAoE=',
    languageFlag: '1',
  },
  {
    name: 'V4 Python scalar spellings',
    domain: 'jop.foxrenderfarm.com',
    path: '/api/render/handle/showLog',
    platform: '2',
    ts: 1700000300,
    nonce: 999998,
    body: { renderingType: 'render', pageNum: 1, pageSize: 1, id: null, flag: true, ratio: pyFloat(1), half: 0.5, empty: [], emptyObj: {}, nested: [[1, 2], [3]] },
    wire: '{"renderingType": "render", "pageNum": 1, "pageSize": 1, "id": null, "flag": true, "ratio": 1.0, "half": 0.5, "empty": [], "emptyObj": {}, "nested": [[1, 2], [3]]}',
    text: `[POST]jop.foxrenderfarm.com:/api/render/handle/showLog&UTCTimestamp=1700000300&accessId=${ACCESS_ID}&channel=4&flag=True&half=0.5&id=None&nested00=1&nested01=2&nested10=3&nonce=999998&pageNum=1&pageSize=1&platform=2&ratio=1.0&renderingType=render&version=2.0.0`,
    signature: 'piZH16WslZ8n9NO+KbEH7xb01fRrkZpdLybP2tDkcgA=',
    languageFlag: '0',
  },
];

describe('signature vectors (spec/api.md §1.6)', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const input = { headers: headers(v.platform, v.ts, v.nonce), body: v.body, domain: v.domain, path: v.path };
      expect(stringToSign(input)).toBe(v.text);
      expect(sign(input, ACCESS_KEY)).toBe(v.signature);

      const built = buildRequest(
        { domain: v.domain, path: v.path, platform: v.platform },
        v.body,
        { accessId: ACCESS_ID, accessKey: ACCESS_KEY },
        v.ts,
        v.nonce,
      );
      expect(built.url).toBe(`https://${v.domain}${v.path}`);
      expect(built.body).toBe(v.wire);
      expect(built.headers).toEqual({
        ...headers(v.platform, v.ts, v.nonce),
        signature: v.signature,
        'Content-Type': 'application/json',
        languageFlag: v.languageFlag,
      });
    });
  }

  it('V1 wire body is 33 bytes and http is selectable', () => {
    const built = buildRequest(
      { domain: 'task.renderbus.com', path: '/api/render/handle/queryTaskInfo/v2', platform: 2, protocol: 'http' },
      { taskIds: [12345678, 12345679] },
      { accessId: ACCESS_ID, accessKey: ACCESS_KEY },
      1700000000,
      123456,
    );
    expect(Buffer.byteLength(built.body)).toBe(33);
    expect(built.url).toBe('http://task.renderbus.com/api/render/handle/queryTaskInfo/v2');
    expect(built.headers.platform).toBe('2');
  });

  it('PDF vector (legacy header values)', () => {
    const text = stringToSign({
      headers: { accessId: ACCESS_ID, channel: '7', platform: '1', UTCTimestamp: '1535957371', nonce: '11886', version: '1.0.0' },
      body: { zone: 2 },
      domain: 'task.renderbus.com',
      path: '/api/render/common/queryPlatforms',
    });
    expect(text).toBe(
      `[POST]task.renderbus.com:/api/render/common/queryPlatforms&UTCTimestamp=1535957371&accessId=${ACCESS_ID}&channel=7&nonce=11886&platform=1&version=1.0.0&zone=2`,
    );
    expect(hmacBase64(ACCESS_KEY, text)).toBe('6tvuz8bgDCz5vtS3amuMWVbOqzhaeWaOhNcWMqx9zcg=');
  });

  it('SDK unit-test vectors (HMAC and string builder)', () => {
    expect(hmacBase64('test_key', 'test_msg')).toBe('TC9wro8movj4HGMphrpEdES3oBdPsq+y+2tAt6kM/Tw=');
    const text = stringToSign({
      headers: { accessId: 'xxx', channel: '4', platform: '2', UTCTimestamp: '32166266', nonce: '1465', version: 'dev' },
      body: { key: 'value' },
      domain: 'tests.com',
      path: 'api_url',
    });
    expect(text).toBe('[POST]tests.com:api_url&UTCTimestamp=32166266&accessId=xxx&channel=4&key=value&nonce=1465&platform=2&version=dev');
  });

  it('body keys shadow header keys in the signed text only', () => {
    const input = { headers: headers('2', 1, 100000), body: { platform: 9 }, domain: 'd', path: '/p' };
    expect(stringToSign(input)).toContain('&platform=9&');
    const built = buildRequest({ domain: 'd', path: '/p', platform: 2 }, { platform: 9 }, { accessId: 'a', accessKey: 'k' }, 1, 100000);
    expect(built.headers.platform).toBe('2');
  });

  it('strings are signed raw: no URL-encoding, & and = kept', () => {
    const text = stringToSign({ headers: {}, body: { q: 'a&b=c d/é' }, domain: 'd', path: '/p' });
    expect(text).toBe('[POST]d:/p&q=a&b=c d/é');
  });
});

describe('Python scalar formatting', () => {
  it('renders floats like repr()', () => {
    const cases: Array<[number, string]> = [
      [1, '1.0'],
      [0.5, '0.5'],
      [1e16, '1e+16'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [123456789012345678, '1.2345678901234568e+17'],
      [1234.5, '1234.5'],
      [-2.5e-7, '-2.5e-07'],
      [1e15, '1000000000000000.0'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [value, text] of cases) expect(pythonFloatRepr(value)).toBe(text);
  });

  it('renders leaves like str()', () => {
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(false)).toBe('False');
    expect(pythonStr(null)).toBe('None');
    expect(pythonStr(12345678)).toBe('12345678');
    expect(pythonStr(1e21)).toBe('1000000000000000000000');
    expect(pythonStr(2.5)).toBe('2.5');
    expect(pythonStr(pyFloat(3))).toBe('3.0');
  });

  it('writes json.dumps text with ensure_ascii escapes', () => {
    expect(pythonJsonDumps({ a: 'é\n"\\\t\u007f😀', b: [true, false, null], c: {} })).toBe(
      '{"a": "\\u00e9\\n\\"\\\\\\t\\u007f\\ud83d\\ude00", "b": [true, false, null], "c": {}}',
    );
    expect(pythonJsonDumps({ skipped: undefined, n: 1e16, f: pyFloat(1e16) })).toBe('{"n": 10000000000000000, "f": 1e+16}');
  });
});

describe('key order', () => {
  it('sorts by code point, astral characters after U+FFFF as Python does', () => {
    // UTF-16 order would put U+1F600 (surrogate D83D) before U+FF5E; Python puts it after.
    const text = stringToSign({ headers: {}, body: { '\u{1F600}': 1, '\uFF5E': 2, a: 3, B: 4, _: 5, 'x.': 6, x0: 7 }, domain: 'd', path: '/p' });
    expect(text).toBe('[POST]d:/p&B=4&_=5&a=3&x.=6&x0=7&\uFF5E=2&\u{1F600}=1');
  });
});
