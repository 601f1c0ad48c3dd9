/**
 * Sidecar benchmarks, each beside a baseline measured in the same run:
 * 1. start-up of the bundle (`node dist/rayvision.mjs sidecar`) until it accepts an authorised
 *    WebSocket, vs a bare `ws` server (bench/fixtures/bare-ws-server.ts) bundled by esbuild and
 *    started the same way: `node <bundle>`, found through the sidecar.json it writes, polled the same
 *    way (interleaved, medians of 5). Also: until the first answer (`session/initialize` vs the bare
 *    server's echo), and the sidecar's RSS 300 ms after that answer (idle, one client);
 * 2. JSON-RPC round trip (`session/status`, sequential) p50/p99 over the real WebSocket, vs a bare
 *    ws echo of the same payload size.
 * Prints numbers and ratios; never asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocket, WebSocketServer } from 'ws';
import { startSidecar } from '../sidecar/src/rpc/index';
import { goal } from './goal';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'rayvision.mjs');
const bareBundle = path.join(root, 'bench', '.out', 'bare-ws-server.mjs');
const STARTS = 5;
const CALLS = 2000;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;

/** Resident set of a process in MB (Linux /proc). */
const rssOf = (pid: number): number => Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Start {
  /** Process start until an authorised WebSocket is open. */
  accept: number;
  /** Process start until the answer to the first message. */
  firstAnswer: number;
  /** RSS in MB, 300 ms after that answer. */
  rss: number;
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'session/initialize', params: { protocolVersion: '1.0', client: { name: 'bench' } } });

/** Starts `node <file> sidecar`, finds it through sidecar.json, connects, sends one message. */
async function start(file: string): Promise<Start> {
  const home = mkdtempSync(path.join(tmpdir(), 'rv-bench-'));
  const t0 = now();
  const child = spawn(process.execPath, [file, 'sidecar', '--idle-timeout', '0'], { env: { ...process.env, RAYVISION_SDK_HOME: home }, stdio: 'ignore' });
  const discovery = path.join(home, 'sidecar.json');
  let exited = false;
  child.once('exit', () => (exited = true));
  let ws: WebSocket | undefined;
  while (!ws) {
    if (exited) throw new Error(`${file} exited before it accepted a connection`);
    if (existsSync(discovery)) {
      try {
        const { port, token } = JSON.parse(readFileSync(discovery, 'utf8'));
        const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { headers: { Authorization: `Bearer ${token}` } });
        if (await new Promise<boolean>((r) => (socket.once('open', () => r(true)), socket.once('error', () => r(false))))) ws = socket;
      } catch {
        // written but not yet complete: retry
      }
    }
    if (!ws) await new Promise((r) => setTimeout(r, 2));
  }
  const accept = now() - t0;
  await new Promise<void>((r) => {
    ws!.once('message', () => r());
    ws!.send(initialize);
  });
  const firstAnswer = now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  const rss = rssOf(child.pid!);
  ws.close();
  child.kill('SIGTERM');
  if (!exited) await new Promise((r) => child.once('exit', r));
  rmSync(home, { recursive: true, force: true });
  return { accept, firstAnswer, rss };
}

async function roundTrips(ws: WebSocket, make: (i: number) => string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await new Promise<void>((r) => {
      ws.once('message', () => r());
      ws.send(make(i));
    });
    times.push(now() - t0);
  }
  return times;
}

async function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers });
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return ws;
}

if (!existsSync(bundle)) {
  console.log('building dist/ first …');
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
mkdirSync(path.dirname(bareBundle), { recursive: true });
await build({
  entryPoints: [path.join(root, 'bench', 'fixtures', 'bare-ws-server.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bareBundle,
  external: ['bufferutil', 'utf-8-validate'],
  // As scripts/build.mjs does: bundled CommonJS (ws) requires Node's built-ins through this.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// 1. Start-up.
const bare: Start[] = [];
const side: Start[] = [];
for (let i = 0; i < STARTS; i++) {
  bare.push(await start(bareBundle));
  side.push(await start(bundle));
}
const m = (xs: Start[], k: keyof Start) => median(xs.map((x) => x[k]));
console.log(`start-up to accepting (median of ${STARTS}): bundle sidecar ${fmt(m(side, 'accept'))}, bare ws server bundle ${fmt(m(bare, 'accept'))}, ratio ${(m(side, 'accept') / m(bare, 'accept')).toFixed(2)}x`);
console.log(`start-up to the first answer (session/initialize vs echo): sidecar ${fmt(m(side, 'firstAnswer'))}, bare ${fmt(m(bare, 'firstAnswer'))}, ratio ${(m(side, 'firstAnswer') / m(bare, 'firstAnswer')).toFixed(2)}x`);
console.log(`RSS idle after the first answer: sidecar ${m(side, 'rss').toFixed(1)} MB, bare ws server ${m(bare, 'rss').toFixed(1)} MB`);
goal({ name: 'sidecar start-up to accepting a WebSocket, vs a bare ws server', value: m(side, 'accept') / m(bare, 'accept'), cmp: '<=', target: 1.5, unit: 'x', detail: `medians of ${STARTS}: ${fmt(m(side, 'accept'))} vs ${fmt(m(bare, 'accept'))} (both esbuild bundles)` });
goal({ name: 'sidecar RSS idle (just started, one client initialized)', value: m(side, 'rss'), cmp: '<=', target: 80, unit: 'MB', detail: `median of ${STARTS}` });

// 2. Round trips.
const home = mkdtempSync(path.join(tmpdir(), 'rv-bench-rt-'));
const sidecar = await startSidecar({ home, discovery: false, idleTimeoutMs: 0 });
const client = await open(sidecar.url, { Authorization: `Bearer ${sidecar.token}` });
await roundTrips(client, () => JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'session/initialize', params: { protocolVersion: '1.0', client: { name: 'bench' } } }), 1);
const request = (i: number) => JSON.stringify({ jsonrpc: '2.0', id: i, method: 'session/status', params: {} });
await roundTrips(client, request, 200); // warm-up
const rpc = await roundTrips(client, request, CALLS);

const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
echo.on('connection', (s) => s.on('message', (d) => s.send(d)));
await new Promise((r) => echo.once('listening', r));
const echoClient = await open(`ws://127.0.0.1:${(echo.address() as { port: number }).port}/`);
await roundTrips(echoClient, request, 200);
const base = await roundTrips(echoClient, request, CALLS);

console.log(
  `round trip (${CALLS} sequential calls): sidecar session/status p50 ${fmt(pct(rpc, 50))} p99 ${fmt(pct(rpc, 99))}; ` +
    `bare ws echo p50 ${fmt(pct(base, 50))} p99 ${fmt(pct(base, 99))}; ratio p50 ${(pct(rpc, 50) / pct(base, 50)).toFixed(2)}x, p99 ${(pct(rpc, 99) / pct(base, 99)).toFixed(2)}x`,
);

client.close();
echoClient.close();
echo.close();
await sidecar.close();
rmSync(home, { recursive: true, force: true });
