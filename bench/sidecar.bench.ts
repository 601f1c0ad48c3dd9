/**
 * Sidecar benchmarks, each beside a baseline measured in the same run:
 * 1. start-up of the bundle (`node dist/rayvision.mjs sidecar`) until it accepts an authorised
 *    WebSocket connection, vs a bare `node -e` ws server started the same way until it accepts a
 *    WebSocket connection (medians of 5); the sidecar's idle RSS once it accepts;
 * 2. JSON-RPC round trip (`session/status`, sequential) p50/p99 over the real WebSocket, vs a bare
 *    ws echo of the same payload size.
 * Prints numbers and ratios; never asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { probeSidecar, startSidecar } from '../sidecar/src/rpc/index';
import { goal } from './goal';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'rayvision.mjs');
const STARTS = 5;
const CALLS = 2000;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;

const idleRss: number[] = [];
/** Resident set of a process in MB (Linux /proc). */
const rssOf = (pid: number): number => Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function startBundle(): Promise<number> {
  const home = mkdtempSync(path.join(tmpdir(), 'rv-bench-'));
  const t0 = now();
  const child = spawn(process.execPath, [bundle, 'sidecar', '--idle-timeout', '0'], { env: { ...process.env, RAYVISION_SDK_HOME: home }, stdio: 'ignore' });
  const file = path.join(home, 'sidecar.json');
  let elapsed = NaN;
  for (;;) {
    if (existsSync(file)) {
      try {
        const { port, token } = JSON.parse(readFileSync(file, 'utf8'));
        if (await probeSidecar(port, token, 1000)) {
          elapsed = now() - t0;
          await new Promise((r) => setTimeout(r, 300));
          idleRss.push(rssOf(child.pid!));
          break;
        }
      } catch {
        // written but not yet complete: retry
      }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(home, { recursive: true, force: true });
  return elapsed;
}

async function startBareNode(): Promise<number> {
  const t0 = now();
  const code = "const {WebSocketServer}=require('ws');const s=new WebSocketServer({host:'127.0.0.1',port:0},()=>console.log(s.address().port))";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'], cwd: root });
  const port = await new Promise<number>((r) => child.stdout.once('data', (d) => r(Number(String(d).trim()))));
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const elapsed = now() - t0;
  ws.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return elapsed;
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

// 1. Start-up.
const bare: number[] = [];
const side: number[] = [];
for (let i = 0; i < STARTS; i++) {
  bare.push(await startBareNode());
  side.push(await startBundle());
}
console.log(`start-up (median of ${STARTS}): bundle sidecar ${fmt(median(side))}, bare node ws server ${fmt(median(bare))}, ratio ${(median(side) / median(bare)).toFixed(2)}x`);
goal({ name: 'sidecar start-up to accepting a WebSocket, vs a bare ws server', value: median(side) / median(bare), cmp: '<=', target: 1.5, unit: 'x', detail: `medians of ${STARTS}: ${fmt(median(side))} vs ${fmt(median(bare))}` });
goal({ name: 'sidecar RSS idle (just started)', value: median(idleRss), cmp: '<=', target: 80, unit: 'MB', detail: `median of ${STARTS}` });

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
