// JSON-RPC 2.0 conformance over a real WebSocket: malformed JSON, invalid requests, unknown
// methods, wrong params, batches and oversized messages each get the right answer, and the
// sidecar keeps serving another client throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

let t: TestSidecar;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  t = await withSidecar({ maxMessageBytes: 256 * 1024 }) // above rpc.discover's answer (~70 KB);
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

async function bStillServes(): Promise<void> {
  const s = await b.call('session/status', {});
  expect(s.pid).toBe(process.pid);
}

describe('JSON-RPC 2.0 conformance', () => {
  it('answers malformed JSON with -32700 and id null', async () => {
    const r = await a.sendRaw('{"jsonrpc": "2.0", "method": "session/status", "params": {"x"');
    expect(r).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError } });
    await bStillServes();
  });

  it('answers invalid requests with -32600', async () => {
    expect(await a.sendRaw('{"foo":"bar"}')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(await a.sendRaw('{"jsonrpc":"2.0","method":1,"params":"bar","id":7}')).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(await a.sendRaw('{"jsonrpc":"1.0","method":"session/status","id":8}')).toMatchObject({ id: 8, error: { code: -32600 } });
    expect(await a.sendRaw('{"jsonrpc":"2.0","method":"session/status","params":5,"id":9}')).toMatchObject({ id: 9, error: { code: -32600 } });
    expect(await a.sendRaw('null')).toMatchObject({ id: null, error: { code: -32600 } });
    await bStillServes();
  });

  it('answers unknown methods with -32601', async () => {
    const r = await a.request('no/suchMethod', {});
    expect(r.error?.code).toBe(ErrorCodes.MethodNotFound);
  });

  it('answers wrong params with -32602 and the issues', async () => {
    const r = await a.request('job/cancel', { jobId: 42 });
    expect(r.error?.code).toBe(ErrorCodes.InvalidParams);
    expect(r.error?.data.issues[0].path).toBe('jobId');
    const missing = await a.request('jobfiles/convertPath', {});
    expect(missing.error?.code).toBe(ErrorCodes.InvalidParams);
    const extra = await a.request('session/status', { surprise: true });
    expect(extra.error?.code).toBe(ErrorCodes.InvalidParams);
  });

  it('refuses methods before session/initialize, except rpc.discover', async () => {
    const c = await TestClient.open(t.sidecar.port, t.sidecar.token);
    try {
      expect((await c.request('session/status', {})).error?.code).toBe(ErrorCodes.NotInitialized);
      const doc = await c.call('rpc.discover', {});
      expect(doc.openrpc).toBe('1.2.6');
      const bad = await c.request('session/initialize', { protocolVersion: '2.0', client: { name: 'future' } });
      expect(bad.error?.code).toBe(ErrorCodes.IncompatibleProtocol);
      expect(bad.error?.message).toMatch(/not compatible/);
    } finally {
      c.close();
    }
  });

  it('answers a batch with an array of the responses (notifications get none)', async () => {
    const r = await a.sendRaw(
      JSON.stringify([
        { jsonrpc: '2.0', method: 'session/status', params: {}, id: '1' },
        { jsonrpc: '2.0', method: 'session/status', params: {} },
        { foo: 'boo' },
        { jsonrpc: '2.0', method: 'nope', params: {}, id: '5' },
        { jsonrpc: '2.0', method: 'job/list', params: {}, id: '9' },
      ]),
    );
    expect(Array.isArray(r)).toBe(true);
    expect(r).toHaveLength(4);
    const byId = new Map((r as any[]).map((x) => [x.id, x]));
    expect(byId.get('1').result.pid).toBe(process.pid);
    expect(byId.get(null).error.code).toBe(-32600);
    expect(byId.get('5').error.code).toBe(-32601);
    expect(byId.get('9').result.jobs).toEqual(expect.any(Array));
    expect(await a.sendRaw('[1]')).toEqual([{ jsonrpc: '2.0', id: null, error: expect.objectContaining({ code: -32600 }) }]);
    const one = await a.sendRaw(JSON.stringify([{ jsonrpc: '2.0', method: 'job/list', params: {}, id: 3 }]));
    expect(one).toHaveLength(1);
  });

  it('answers an empty batch with one -32600 and sends nothing for an all-notification batch', async () => {
    expect(await a.sendRaw('[]')).toMatchObject({ id: null, error: { code: -32600 } });
    const before = a.raw.length;
    a.ws.send(JSON.stringify([{ jsonrpc: '2.0', method: 'session/status', params: {} }, { jsonrpc: '2.0', method: 'nope' }]));
    // A request sent after the batch is answered first in line: nothing came for the batch.
    await a.call('job/list', {});
    expect(a.raw.length).toBe(before + 1);
  });

  it('answers an oversized message with MessageTooLarge, closes it with 1009 and keeps serving others', async () => {
    const big = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await big.initialize('big');
    const before = big.raw.length;
    big.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session/status', params: { pad: 'x'.repeat(300 * 1024) } }));
    expect(await big.closed).toBe(1009);
    expect(big.raw.slice(before)).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: ErrorCodes.MessageTooLarge, message: 'Message over 262144 bytes: send less at once.' } },
    ]);
    await bStillServes();
    await a.call('job/list', {});
  });

  it('cuts a message over twice the limit at the WebSocket (1009) without reading it whole', async () => {
    const huge = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await huge.initialize('huge');
    huge.ws.send('x'.repeat(600 * 1024));
    expect(await huge.closed).toBe(1009);
    await bStillServes();
  });

  it('maps SDK errors to the reserved range with data.code', async () => {
    const r = await a.request('jobfiles/read', { path: '/definitely/not/here/task.json' });
    expect(r.error?.code).toBe(ErrorCodes.SdkError);
    expect(typeof r.error?.data.code).toBe('string');
  });

  it('refuses methods that need a login with NotLoggedIn', async () => {
    const r = await a.request('task/list', {});
    expect(r.error?.code).toBe(ErrorCodes.NotLoggedIn);
  });
});
