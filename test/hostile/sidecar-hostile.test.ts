// Clients that are not ours (Debian's python3-websocket, raw TCP from `net`) do what a port
// scanner, a crashed tool or a buggy script would; after each case a legitimate client logs in and
// runs a call on the same sidecar process (same PID), and the sidecar logged what it dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../rpc/helpers/ws-client';
import { startChildSidecar, type ChildSidecar } from './helpers/child-sidecar';
import { pythonCase } from './helpers/python-ws';
import { closedByPeer, frame, rawConnect, rawUpgrade, serverCloseCode, upgradeRequest } from './helpers/raw-ws';

const LIMIT = 1024 * 1024; // a small message limit keeps the size and back-pressure cases cheap
const HANDSHAKE_MS = 1500;
let sc: ChildSidecar;

beforeAll(async () => {
  sc = await startChildSidecar({ handshakeTimeoutMs: HANDSHAKE_MS, maxMessageBytes: LIMIT });
});
afterAll(async () => sc?.close());

const py = (name: string) => pythonCase(name, sc.port, sc.token, LIMIT);

async function clients(): Promise<number> {
  const c = await TestClient.open(sc.port, sc.token);
  await c.initialize('count');
  const n = (await c.call('session/status', {})).clients - 1;
  c.close();
  await c.closed;
  return n;
}

describe('refused upgrades (python3-websocket), then a reset', () => {
  it.each([
    ['refused-none', 401],
    ['refused-wrong', 401],
    ['refused-origin', 403],
  ])('%s is refused with %i, and the reset does not stop the sidecar', async (name, status) => {
    expect(await py(name)).toEqual({ status });
    await sc.assertServes();
  });
});

describe('broken WebSocket frames (python3-websocket)', () => {
  it.each([
    ['rsv', 1002],
    ['opcode', 1002],
    ['utf8', 1007],
  ])('%s: the sidecar closes that connection with %i', async (name, code) => {
    expect(await py(name)).toEqual({ close: code });
    await sc.assertServes();
  });

  it('a fragmented message never finished, then a reset', async () => {
    expect(await py('fragment')).toEqual({ sent: true });
    await sc.assertServes();
  });

  it('a ping flood from a client that never reads its pongs is dropped', async () => {
    expect(await py('ping-flood')).toEqual({ dropped: true });
    expect(sc.log()).toMatch(/ping flood/);
    await sc.assertServes();
  });
});

describe('messages that are too much (python3-websocket)', () => {
  it('a 10,000-call batch gets one answer per call', async () => {
    const r = await py('batch-10k');
    expect(r.answers).toBe(10000);
    expect(r.ids).toBe(10000);
    expect(r.ok + r.tooLarge).toBe(10000);
    await sc.assertServes();
  });

  it('JSON nested 100,000 deep is a parse or params error, not a crash', async () => {
    const r = await py('nested');
    expect(r.codes).toHaveLength(2);
    for (const code of r.codes) expect([-32700, -32600, -32602]).toContain(code);
    await sc.assertServes();
  });

  it('a message just under the limit is answered; just over gets MessageTooLarge and 1009', async () => {
    expect(await py('size-under')).toMatchObject({ id: 3, close: null });
    expect(await py('size-over')).toEqual({ id: null, error: -32006, close: 1009 });
    await sc.assertServes();
  });

  it('a batch of 1,000 rpc.discover stays under the limit: the calls that do not fit get ReplyTooLarge', async () => {
    const r = await py('discover-batch');
    expect(r.answers).toBe(1000);
    expect(r.bytes).toBeLessThanOrEqual(LIMIT);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.ok + r.tooLarge).toBe(1000);
    expect(r.message).toMatch(/reply/i);
    await sc.assertServes();
  });
});

describe('raw TCP (node:net)', () => {
  it('a reset half-way through the HTTP upgrade', async () => {
    const s = await rawConnect(sc.port);
    const req = upgradeRequest(sc.port, sc.token);
    s.write(req.slice(0, req.length / 2));
    await new Promise((r) => setTimeout(r, 50));
    s.resetAndDestroy();
    await sc.assertServes();
  });

  it('a reset right after the upgrade succeeded', async () => {
    const s = await rawUpgrade(sc.port, sc.token);
    s.resetAndDestroy();
    await sc.assertServes();
  });

  it('slowloris: headers trickled one byte at a time are dropped after the handshake timeout', async () => {
    const s = await rawConnect(sc.port);
    const req = upgradeRequest(sc.port, sc.token);
    let sent = 0;
    const gone = closedByPeer(s).then(() => 'dropped');
    const trickle = (async () => {
      for (; sent < req.length && !s.destroyed; sent++) {
        s.write(req[sent]!);
        await new Promise((r) => setTimeout(r, 250));
      }
      return 'finished';
    })();
    expect(await Promise.race([gone, trickle])).toBe('dropped');
    expect(sent).toBeLessThan(req.length);
    s.destroy();
    await sc.assertServes();
  });

  it('a connection that sends nothing is dropped after the handshake timeout', async () => {
    const s = await rawConnect(sc.port);
    await closedByPeer(s);
    await sc.assertServes();
  });

  it('1,000 connections opened at once and dropped', async () => {
    const sockets = await Promise.all(Array.from({ length: 1000 }, () => rawConnect(sc.port)));
    sockets.forEach((s, i) => {
      if (i % 2 === 0) s.write(upgradeRequest(sc.port, i % 4 === 0 ? sc.token : undefined).slice(0, 40));
    });
    await new Promise((r) => setTimeout(r, 100));
    for (const s of sockets) s.resetAndDestroy();
    await sc.assertServes();
  });

  it('a plain HTTP request declaring a 10 GB body gets 426 and the connection closes unread', async () => {
    const s = await rawConnect(sc.port);
    let reply = '';
    s.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    const gone = closedByPeer(s);
    s.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${10 * 1024 ** 3}\r\n\r\n`);
    s.write(Buffer.alloc(64 * 1024));
    await gone;
    expect(reply).toMatch(/^HTTP\/1\.1 426/);
    await sc.assertServes();
  });

  it('an unmasked client frame: closed with 1002', async () => {
    const s = await rawUpgrade(sc.port, sc.token);
    const code = serverCloseCode(s);
    s.write(frame(1, '{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}', { mask: false }));
    expect(await code).toBe(1002);
    s.destroy();
    await sc.assertServes();
  });

  it('a client that never reads its answers is dropped; the sidecar memory stays bounded', async () => {
    const before = sc.rss();
    const s = await rawUpgrade(sc.port, sc.token);
    s.pause(); // never read: the answers pile up in the kernel, then in the sidecar
    expect(await clients()).toBe(1);
    const request = frame(1, '{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}');
    // 3,000 answers of ~60 KB each: ~180 MB if the sidecar buffered them all.
    for (let i = 0; i < 3000 && !s.destroyed; i++) s.write(request);
    while ((await clients()) > 0) await new Promise((r) => setTimeout(r, 100));
    expect(sc.rss() - before).toBeLessThan(96 * 1024 * 1024);
    expect(sc.log()).toMatch(/slow reader|does not read/i);
    s.destroy();
    await sc.assertServes();
  });
});

describe('the log', () => {
  it('names each dropped connection once with its cause', async () => {
    // The flood's summary line is written when its one-second window closes.
    while (!/more dropped connections not logged/.test(sc.log())) await new Promise((r) => setTimeout(r, 100));
    const log = sc.log();
    expect(log).toMatch(/ECONNRESET/);
    expect(log).toMatch(/handshake/i);
    expect(log).toMatch(/more dropped connections not logged one by one/); // the 1,000-connection flood, summarised
    expect(log).not.toContain(sc.token);
  });
});
