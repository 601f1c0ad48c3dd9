// A bounded soak: 20 legitimate clients submit a scene and download its frames, round after round,
// while hostile clients (raw TCP and python3-websocket) run the hostile cases in a loop against the
// same sidecar process. Every legitimate job ends done with each frame on disk exactly once, and
// the sidecar's RSS at the end is within 20% of its level after warm-up (both read after a full
// garbage collection in the sidecar, with its ended-job retention already full at warm-up).
// About 1.5 minutes in CI (warm-up, then 45 s of load); RAYVISION_SOAK_SECONDS=600 soaks longer.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../rpc/helpers/ws-client';
import { startChildSidecar, type ChildSidecar } from './helpers/child-sidecar';
import { pythonCase } from './helpers/python-ws';
import { frame, rawConnect, rawUpgrade, upgradeRequest } from './helpers/raw-ws';

const SOAK_MS = Number(process.env.RAYVISION_SOAK_SECONDS ?? 45) * 1000;
const CLIENTS = 20;
const FRAMES = 3;
const LIMIT = 4 * 1024 * 1024;
const scene = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip');
let sc: ChildSidecar;

beforeAll(async () => {
  sc = await startChildSidecar({ handshakeTimeoutMs: 1500, maxMessageBytes: LIMIT });
});
afterAll(async () => sc?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One legitimate round: submit with download into a fresh folder; checks every frame landed once. */
async function round(c: TestClient, scenePath: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const { jobId } = await c.call('submit/scene', { scenePath, mode: 'static', frames: { '*': `1-${FRAMES}` }, download: { localPath: dir, sleepTime: 0.2 } });
  const end = await c.jobEnd(jobId);
  if (!end.ok) throw new Error(`job ${jobId} failed: ${JSON.stringify(end.error)}\n${sc.log().slice(-3000)}`);
  const landed = c.notifications.filter((n) => n.method === 'download/frame' && n.params.jobId === jobId).map((n) => n.params.localPath as string);
  const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(e.parentPath, e.name));
  if (new Set(landed).size !== landed.length) throw new Error(`job ${jobId}: a frame was handed over twice`);
  if (onDisk.length !== FRAMES || [...landed].sort().join() !== onDisk.sort().join()) throw new Error(`job ${jobId}: frames ${JSON.stringify(landed)} vs on disk ${JSON.stringify(onDisk)}`);
  c.notifications.length = 0; // keep the client's memory flat over a long soak
}

/** The hostile cases, one after the other; each is cheap and leaves nothing behind. */
const hostile: (() => Promise<unknown>)[] = [
  () => pythonCase('refused-none', sc.port, sc.token, LIMIT),
  async () => {
    const s = await rawConnect(sc.port);
    const req = upgradeRequest(sc.port, sc.token);
    s.write(req.slice(0, 60));
    await sleep(20);
    s.resetAndDestroy();
  },
  async () => {
    // slowloris: a few header bytes, then silence; the handshake timeout drops it
    const s = await rawConnect(sc.port);
    const closed = new Promise((r) => s.once('close', r));
    s.resume();
    s.write('GET / HT');
    await closed;
  },
  async () => {
    const many = await Promise.all(Array.from({ length: 100 }, () => rawConnect(sc.port)));
    for (const s of many) s.resetAndDestroy();
  },
  async () => {
    const s = await rawUpgrade(sc.port, sc.token);
    const closing = new Promise((r) => s.once('data', r)); // the 1002 close frame
    s.write(frame(1, '{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}', { mask: false }));
    await closing;
    s.destroy();
  },
  async () => {
    // never reads: answers pile up until the sidecar drops it
    const s = await rawUpgrade(sc.port, sc.token);
    s.pause();
    const req = frame(1, '{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}');
    for (let i = 0; i < 400 && !s.destroyed; i++) s.write(req);
    await sleep(500);
    s.destroy();
  },
  () => pythonCase('ping-flood', sc.port, sc.token, LIMIT),
  () => pythonCase('discover-batch', sc.port, sc.token, LIMIT),
  () => pythonCase('size-over', sc.port, sc.token, LIMIT),
  () => pythonCase('utf8', sc.port, sc.token, LIMIT),
];

describe('soak', () => {
  it(`${CLIENTS} clients submit and download while hostile clients loop`, { timeout: SOAK_MS + 240_000 }, async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`soak +${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    const setup = await TestClient.open(sc.port, sc.token);
    await setup.initialize('soak-setup');
    await setup.call('session/login', { farm: 'local', frameDurationMs: 20 });
    const clients = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
      const c = await TestClient.open(sc.port, sc.token);
      await c.initialize(`soak-${i}`);
      return c;
    }));
    const base = path.join(sc.home, 'soak');
    // One copy of the scene per client: twenty uploads of one file at once are issue 19's case.
    const scenes = clients.map((_, i) => {
      mkdirSync(path.join(base, `c${i}`), { recursive: true });
      const copy = path.join(base, `c${i}`, 'sphere.hip');
      copyFileSync(scene, copy);
      return copy;
    });
    let rounds = 0;

    // Warm-up: two rounds per client (caches, JIT and heap reach their working size) and one pass
    // of the hostile cases.
    await Promise.all(clients.map(async (c, i) => {
      for (const w of ['warm1', 'warm2']) await round(c, scenes[i]!, path.join(base, `c${i}`, w));
    }));
    mark('warm-up jobs done');
    for (const h of hostile) await h();
    mark('warm-up hostile pass done');
    await sleep(500);
    const warm = await sc.settledMemory();

    const until = Date.now() + SOAK_MS;
    let hostileRuns = 0;
    const hostileLoop = (async () => {
      while (Date.now() < until) {
        await hostile[hostileRuns % hostile.length]!();
        hostileRuns++;
      }
    })();
    await Promise.all(clients.map(async (c, i) => {
      for (let n = 0; Date.now() < until; n++) {
        await round(c, scenes[i]!, path.join(base, `c${i}`, `r${n}`));
        rounds++;
      }
    }));
    mark(`${rounds} jobs done`);
    await hostileLoop;
    mark(`${hostileRuns} hostile cases done`);
    await sleep(1000);
    const end = await sc.settledMemory();
    await sc.assertServes();
    for (const c of clients) c.close();
    setup.close();

    const mib = (n: number) => (n / 2 ** 20).toFixed(0);
    console.log(`soak: ${rounds} jobs done by ${CLIENTS} clients, ${hostileRuns} hostile cases, RSS ${mib(warm.rss)} MiB after warm-up, ${mib(end.rss)} MiB at the end (live heap ${mib(warm.heapUsed)} → ${mib(end.heapUsed)} MiB)`);
    expect(rounds).toBeGreaterThanOrEqual(CLIENTS);
    expect(hostileRuns).toBeGreaterThanOrEqual(hostile.length);
    // both readings follow a full collection in the sidecar: garbage not yet collected is not growth
    expect(end.rss).toBeLessThanOrEqual(warm.rss * 1.2);
  });
});
