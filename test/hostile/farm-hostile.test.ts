// The local farm's REST and storage servers against raw TCP clients (node:net) that reset
// mid-body, trickle a body, lie in Content-Length or declare 10 GB; after each case a legitimate
// client (the SDK's REST client, and a storage listing) is served by the same farm process.
import http from 'node:http';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RayvisionAPI } from '../../sidecar/src/index';
import { rawConnect } from './helpers/raw-ws';

const repoRoot = path.resolve(__dirname, '..', '..');
const TIMEOUT_MS = 1000;
interface FarmInfo { domain: string; port: number; accessId: string; accessKey: string; storageName: string; storagePassword: string; inputBid: string; pid: number }
let child: ResultPromise;
let farm: FarmInfo;
let stderr = '';
let exited: string | undefined;

beforeAll(async () => {
  child = execa(process.execPath, ['--import', 'tsx', 'test/hostile/fixtures/run-farm.ts', String(TIMEOUT_MS)], { cwd: repoRoot, reject: false, buffer: false, stdin: 'ignore' });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  void child.then((r) => (exited = `exit ${r.exitCode ?? r.signal}`));
  farm = await new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
  });
});
afterAll(async () => {
  child.kill('SIGTERM');
  await child;
});

const basic = () => `Basic ${Buffer.from(`${farm.storageName}:${farm.storagePassword}`).toString('base64')}`;
const REST = '/api/render/setUp/queryUserProfile';
let file = 'x0.bin'; // each chunk case writes into a fresh announced upload
const chunkPath = () => `/storage/${farm.inputBid}/hostile/${file}?op=chunk&offset=0`;
const initPath = () => `/storage/${farm.inputBid}/hostile/${file}?op=init`;

/** A legitimate client still gets answers from the same farm process. */
async function assertServes(): Promise<void> {
  if (exited) throw new Error(`the farm died (${exited}):\n${stderr}`);
  const api = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey });
  expect(api.userInfo.user_name).toBeTruthy();
  api.close();
  const list = await storage('GET', `/storage/${farm.inputBid}/?op=list`);
  expect(list.status).toBe(200);
  if (exited) throw new Error(`the farm died (${exited}):\n${stderr}`);
}

function storage(method: string, p: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: farm.port, method, path: p, agent: false, headers: { Authorization: basic() } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Announces the upload the chunk cases write into (a legitimate init). */
async function announce(): Promise<void> {
  file = `x${Number(file.slice(1, -4)) + 1}.bin`;
  const r = await storage('POST', initPath(), JSON.stringify({ size: 100_000, sha256: 'a'.repeat(64) }));
  expect(r.status).toBe(200);
}

function head(method: string, p: string, contentLength: number | string): string {
  const auth = p.startsWith('/storage/') ? `Authorization: ${basic()}\r\n` : '';
  return `${method} ${p} HTTP/1.1\r\nHost: ${farm.domain}\r\n${auth}Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;
}

/** Writes `headText`, then the body pieces (with `gapMs` between); resolves with the status the farm answered (0: dropped). */
async function raw(headText: string, pieces: (string | Buffer)[], gapMs = 0): Promise<{ status: number; sentPieces: number }> {
  const s = await rawConnect(farm.port);
  let reply = '';
  const answered = new Promise<number>((resolve) => {
    s.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(reply);
      if (m) resolve(Number(m[1]));
    });
    s.once('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(reply) ? Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)![1]) : 0));
  });
  s.write(headText);
  let sentPieces = 0;
  let done = false;
  void answered.then(() => (done = true));
  for (const piece of pieces) {
    if (done || s.destroyed) break;
    s.write(piece);
    sentPieces++;
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  const status = await answered;
  s.destroy();
  return { status, sentPieces };
}

const targets = [
  { name: 'REST', method: 'POST', path: () => REST },
  { name: 'storage init', method: 'POST', path: initPath },
  { name: 'storage chunk', method: 'PUT', path: chunkPath },
];

describe.each(targets)('$name', ({ name, method, path: p }) => {
  it('a reset half-way through the body', async () => {
    if (name === 'storage chunk') await announce();
    const s = await rawConnect(farm.port);
    s.write(head(method, p(), 60_000));
    s.write(Buffer.alloc(30_000, 0x7b));
    await new Promise((r) => setTimeout(r, 50));
    s.resetAndDestroy();
    await assertServes();
  });

  it('a 10 GB Content-Length is refused with 413 before the body is read', async () => {
    const r = await raw(head(method, p(), 10 * 1024 ** 3), Array.from({ length: 64 }, () => Buffer.alloc(64 * 1024)), 5);
    expect(r.status).toBe(413);
    expect(r.sentPieces).toBeLessThan(64); // answered while most of our 4 MiB was still unsent
    await assertServes();
  });

  it('a Content-Length that promises more than is sent: answered 408 or dropped after the timeout', async () => {
    if (name === 'storage chunk') await announce();
    const r = await raw(head(method, p(), 1000), ['{"a":1']);
    expect([408, 0]).toContain(r.status);
    await assertServes();
  });

  it('a Content-Length that promises less: the rest is a broken next request (400)', async () => {
    if (name === 'storage chunk') await announce();
    const s = await rawConnect(farm.port);
    let reply = '';
    s.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    const closed = new Promise((r) => s.once('close', r));
    s.write(`${head(method, p(), 2)}{}GARBAGE / NOT-HTTP\r\n\r\n`);
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 \d{3}/);
    expect(reply).toMatch(/HTTP\/1\.1 400 Bad Request/);
    await assertServes();
  });
});

describe('trickled bodies', () => {
  it.each([
    ['REST', REST],
    ['storage init', 'init'],
  ])('%s: a body trickled one byte at a time gets 408 after the request timeout', async (_name, p) => {
    const body = JSON.stringify({ size: 10, sha256: 'b'.repeat(64), pad: 'x'.repeat(200) });
    const r = await raw(head('POST', p === 'init' ? initPath() : p, body.length), [...body], 100);
    expect(r.status).toBe(408);
    expect(r.sentPieces).toBeLessThan(body.length);
    await assertServes();
  });

  it('headers trickled one byte at a time are dropped after the request timeout', async () => {
    const text = head('POST', REST, 2);
    const r = await raw('', [...text], 100);
    expect([408, 0]).toContain(r.status);
    expect(r.sentPieces).toBeLessThan(text.length);
    await assertServes();
  });
});

describe('the farm log', () => {
  it('names dropped connections with their cause, never a secret', () => {
    expect(stderr).toMatch(/ECONNRESET|aborted/);
    expect(stderr).toMatch(/request timeout/);
    expect(stderr).not.toContain(farm.accessKey);
    expect(stderr).not.toContain(farm.storagePassword);
  });
});
