// The one request path against real HTTP servers on 127.0.0.1:0: envelope mapping, status ignored,
// retry by cause, non-idempotent calls never re-sent once they may have reached the server, cancel.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../../sidecar/src/errors';
import { RayvisionAPI } from '../../sidecar/src/api';
import { RayvisionAPIError, RayvisionAuthError, RayvisionNetworkError } from '../../sidecar/src/api/errors';
import { stringToSign, hmacBase64 } from '../../sidecar/src/api/sign';
import { ok, startScriptServer, type Reply, type ScriptServer } from './helpers/script-server';

const KEY = 'unit-test-secret-key-0123456789';
const fast = { minDelayMs: 1, maxDelayMs: 5 };
let server: ScriptServer | undefined;
let api: RayvisionAPI | undefined;

afterEach(async () => {
  api?.close();
  await server?.close();
  server = undefined;
  api = undefined;
});

async function setup(script: (n: number) => Reply, retry: object = fast): Promise<{ server: ScriptServer; api: RayvisionAPI }> {
  server = await startScriptServer(script);
  api = new RayvisionAPI({ domain: server.domain, protocol: 'http', platform: 2, accessId: 'AID', accessKey: KEY, retry, timeout: 5 });
  return { server, api };
}

describe('transport', () => {
  it('sends a signed POST with Python body text and returns data', async () => {
    const { server, api } = await setup(() => ok({ pageCount: 1, pageNum: 1, total: 1, size: 1, items: [{ id: 7, taskStatus: 0 }] }));
    const page = await api.query.taskInfo([7, 8]);
    expect(page.items[0].id).toBe(7);
    const [req] = server.seen;
    expect(req.path).toBe('/api/render/handle/queryTaskInfo/v2');
    expect(req.body).toBe('{"taskIds": [7, 8]}');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.languageflag).toBe('0');
    expect(req.headers.platform).toBe('2');
    expect(req.headers.nonce).toMatch(/^\d{6}$/);
    const headers = {
      accessId: String(req.headers.accessid),
      channel: String(req.headers.channel),
      platform: String(req.headers.platform),
      UTCTimestamp: String(req.headers.utctimestamp),
      nonce: String(req.headers.nonce),
      version: String(req.headers.version),
    };
    const text = stringToSign({ headers, body: JSON.parse(req.body), domain: server.domain, path: req.path });
    expect(req.headers.signature).toBe(hmacBase64(KEY, text));
  });

  it('ignores the HTTP status when the body is an envelope with code 200', async () => {
    const { api } = await setup(() => ({ kind: 'envelope', code: 200, status: 500, data: 'SUCCESS' }));
    await expect(api.task.fullSpeed([1])).resolves.toBe('SUCCESS');
  });

  it('maps a business code to RayvisionAPIError at once, without retry', async () => {
    const { server, api } = await setup(() => ({ kind: 'envelope', code: 404, message: 'no such task', requestId: 'rid-1' }));
    const error = await api.query.taskInfo([1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayvisionAPIError);
    expect(error).toMatchObject({ farmCode: 404, code: 'ERR_NOT_FOUND', requestId: 'rid-1', url: `http://${server.domain}/api/render/handle/queryTaskInfo/v2` });
    expect((error as Error).message).toContain('no such task');
    expect(server.seen).toHaveLength(1);
  });

  it('quotes the farm\'s sentence with exactly one full stop', async () => {
    const { api } = await setup(() => ({ kind: 'envelope', code: 404, message: 'Task 7 does not exist for this account.', requestId: 'rid-2' }));
    const error = (await api.query.taskInfo([7]).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('The farm says the resource does not exist. Farm message: Task 7 does not exist for this account. (farm code 404, taskInfo, request id rid-2)');
  });

  it('maps 611 to an auth error and never retries it', async () => {
    const { server, api } = await setup(() => ({ kind: 'envelope', code: 611, message: 'signature invalid' }));
    const error = await api.user.queryUserProfile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayvisionAuthError);
    expect(error).toMatchObject({ code: 'ERR_SIGNATURE', farmCode: 611 });
    expect((error as Error).message).toMatch(/access key/);
    expect(server.seen).toHaveLength(1);
  });

  it('retries 5xx gateway pages, transient farm codes and drops on idempotent calls, with new nonce and timestamp per attempt', async () => {
    const replies: Reply[] = [
      { kind: 'raw', status: 502, body: '<html>Bad Gateway</html>' },
      { kind: 'envelope', code: 500, status: 500 },
      { kind: 'drop' },
      ok({ userId: 5 }),
    ];
    const { server, api } = await setup((n) => replies[n]);
    await expect(api.user.queryUserProfile()).resolves.toEqual({ userId: 5 });
    expect(server.seen).toHaveLength(4);
    const nonces = new Set(server.seen.map((r) => r.headers.nonce));
    const signatures = new Set(server.seen.map((r) => r.headers.signature));
    expect(nonces.size).toBe(4);
    expect(signatures.size).toBe(4);
  });

  it('gives up after the retry limit with the last error', async () => {
    const { server, api } = await setup(() => ({ kind: 'raw', status: 503, body: 'busy' }), { ...fast, retries: 2 });
    const error = await api.user.queryUserProfile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayvisionNetworkError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 503 });
    expect(server.seen).toHaveLength(3);
  });

  it('honours a per-call retry override', async () => {
    const { server, api } = await setup(() => ({ kind: 'raw', status: 503, body: 'busy' }));
    await expect(api.user.queryUserProfile({ retry: false })).rejects.toBeInstanceOf(RayvisionNetworkError);
    expect(server.seen).toHaveLength(1);
    await expect(api.user.queryUserProfile({ retry: { retries: 1 } })).rejects.toBeInstanceOf(RayvisionNetworkError);
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry a 4xx page that is not an envelope', async () => {
    const { server, api } = await setup(() => ({ kind: 'raw', status: 400, body: 'bad' }));
    await expect(api.user.queryUserProfile()).rejects.toMatchObject({ code: 'ERR_HTTP', status: 400 });
    expect(server.seen).toHaveLength(1);
  });

  it('never re-sends a non-idempotent call that may have reached the server', async () => {
    const { server, api } = await setup(() => ({ kind: 'drop' }));
    await expect(api.task.createTask()).rejects.toMatchObject({ code: 'ERR_NETWORK' });
    expect(server.seen).toHaveLength(1);
    await expect(api.task.submitTask(5)).rejects.toBeInstanceOf(RayvisionNetworkError);
    expect(server.seen).toHaveLength(2);
  });

  it('does not re-send a non-idempotent call after a 503 either', async () => {
    const { server, api } = await setup(() => ({ kind: 'raw', status: 503, body: 'busy' }));
    await expect(api.tag.addLabel('p')).rejects.toMatchObject({ status: 503 });
    expect(server.seen).toHaveLength(1);
  });

  it('retries a non-idempotent call when the connection was refused (never sent)', async () => {
    // Find a free port, close it, then start the server there after the first refusal.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    let late: http.Server | undefined;
    let bodies = 0;
    const logger = {
      warn: () => {
        if (late) return;
        late = http.createServer((req, res) => {
          bodies += 1;
          req.resume();
          req.on('end', () => res.end(JSON.stringify({ code: 200, data: { taskIdList: [42], aliasTaskIdList: ['2W42'], userId: 1 } })));
        });
        late.listen(port, '127.0.0.1');
      },
    };
    api = new RayvisionAPI({ domain: `127.0.0.1:${port}`, protocol: 'http', accessId: 'AID', accessKey: KEY, retry: { minDelayMs: 50, maxDelayMs: 100 }, logger });
    const created = await api.task.createTask();
    expect(created.taskIdList).toEqual([42]);
    expect(bodies).toBe(1);
    late?.closeAllConnections();
    await new Promise<void>((r) => late!.close(() => r()));
  });

  it('honours Retry-After on 429', async () => {
    const replies: Reply[] = [{ kind: 'raw', status: 429, body: 'slow down', headers: { 'retry-after': '0' } }, ok('done')];
    const { server, api } = await setup((n) => replies[n]);
    await expect(api.task.fullSpeed([3])).resolves.toBe('done');
    expect(server.seen).toHaveLength(2);
  });

  it('times out a hanging server and retries idempotent calls', async () => {
    const replies: Reply[] = [{ kind: 'hang' }, ok([])];
    const { server, api } = await setup((n) => replies[n]);
    await expect(api.query.platforms({ timeout: 0.2 })).resolves.toEqual([]);
    expect(server.seen).toHaveLength(2);
    await expect(api.task.createTask(1, 50, undefined, undefined, undefined, undefined, { timeout: 0.2 })).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
  });

  it('cancels a request in flight and a retry wait through the AbortSignal', async () => {
    const first = await setup(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const pending = first.api.query.platforms({ signal: controller.signal });
    while (first.server.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);

    await first.server.close();
    server = await startScriptServer(() => ({ kind: 'raw', status: 503, body: 'busy' }));
    const slow = new RayvisionAPI({ domain: server.domain, protocol: 'http', accessId: 'AID', accessKey: KEY, retry: { minDelayMs: 60_000, maxDelayMs: 60_000 } });
    const c2 = new AbortController();
    const waiting = slow.query.platforms({ signal: c2.signal });
    while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    c2.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(server.seen).toHaveLength(1);
    slow.close();
  });
});

describe('raw post', () => {
  it('signs any path and treats it as non-idempotent unless told otherwise', async () => {
    const { server, api } = await setup(() => ({ kind: 'raw', status: 503, body: 'busy' }));
    await expect(api.post('/api/render/custom/thing', { a: 1 })).rejects.toMatchObject({ status: 503 });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0].body).toBe('{"a": 1}');
    await expect(api.post('/api/render/custom/thing', {}, { idempotent: true, retry: { retries: 1 } })).rejects.toMatchObject({ status: 503 });
    expect(server.seen).toHaveLength(3);
  });
});
