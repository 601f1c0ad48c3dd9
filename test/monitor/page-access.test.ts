// Who gets the monitor page: only a browser that spent a one-time code from monitor/open (asked by
// an authorised client) and then presents its session cookie, from our own origin and host name.
// Plain HTTP and WebSocket clients here, no browser (page.test.ts drives a real one).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TestClient } from '../rpc/helpers/ws-client';
import { withSidecar, type TestSidecar } from '../rpc/helpers/sidecar';

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { headers });
    ws.once('open', () => (ws.close(), resolve(101)));
    ws.once('unexpected-response', (_req, res) => (ws.terminate(), resolve(res.statusCode ?? 0)));
    ws.once('error', () => resolve(-1));
  });
}

let t: TestSidecar;
let c: TestClient;
let port: number;
beforeAll(async () => {
  t = await withSidecar();
  port = t.sidecar.port;
  c = await TestClient.open(port, t.sidecar.token);
  await c.initialize('page-access-test');
});
afterAll(async () => {
  c.close();
  await t.close();
});

const openUrl = async () => new URL((await c.call('monitor/open', { taskId: 42 })).url);

describe('the monitor page is served only through a one-time link', () => {
  it('monitor/open gives a loopback URL with a code that expires within a minute', async () => {
    const r = await c.call('monitor/open', {});
    const url = new URL(r.url);
    expect(url.origin).toBe(`http://127.0.0.1:${port}`);
    expect(url.pathname).toBe('/monitor/open');
    expect(url.searchParams.get('code')!.length).toBeGreaterThanOrEqual(40);
    const ttl = Date.parse(r.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect((await openUrl()).hash).toBe('#task=42');
  });

  it('without a cookie nothing is served: not the page, not its script, not a wrong code', async () => {
    for (const path of ['/monitor/', '/monitor/monitor.js', '/monitor/index.html', '/monitor/open', '/monitor/open?code=nope']) {
      const a = await get(port, path);
      expect(a.status, path).toBe(401);
      expect(a.body).not.toMatch(/<html|<script|WebSocket/i);
      expect(a.body).toContain('rayvision monitor');
    }
    expect((await get(port, '/monitor/', { cookie: 'rayvision_monitor=forged' })).status).toBe(401);
  });

  it('a code is spent once for a session cookie, which then opens the page and its files', async () => {
    const url = await openUrl();
    const first = await get(port, url.pathname + url.search);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/monitor/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^rayvision_monitor=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0]!;
    const again = await get(port, url.pathname + url.search);
    expect(again.status).toBe(401); // one time only
    const page = await get(port, '/monitor/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('monitor.js');
    for (const f of ['monitor.js', 'monitor.css', 'favicon.svg']) expect((await get(port, `/monitor/${f}`, { cookie })).status, f).toBe(200);
    expect((await get(port, '/monitor/../sidecar.json', { cookie })).status).not.toBe(200);
    expect((await get(port, '/monitor/nothing.js', { cookie })).status).toBe(404);
    // DNS rebinding: the same cookie under another host name gets nothing.
    expect((await get(port, '/monitor/', { cookie, host: `evil.example:${port}` })).status).toBe(403);
  });

  it('the page WebSocket needs the cookie and our exact origin; the bearer token still works without it', async () => {
    const url = await openUrl();
    const cookie = String((await get(port, url.pathname + url.search)).headers['set-cookie']).split(';')[0]!;
    const own = `http://127.0.0.1:${port}`;
    expect(await upgrade(port, { cookie, origin: own })).toBe(101);
    expect(await upgrade(port, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(port, { cookie, origin: `http://localhost:${port}` })).toBe(403);
    expect(await upgrade(port, { cookie })).toBe(401); // no origin: not a browser page of ours
    expect(await upgrade(port, { origin: own })).toBe(401);
    expect(await upgrade(port, { origin: own, cookie: 'rayvision_monitor=forged' })).toBe(401);
    expect(await upgrade(port, { authorization: `Bearer ${t.sidecar.token}` })).toBe(101);
  });
});
