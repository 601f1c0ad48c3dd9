/**
 * Upload benchmark (prints, never gates): against a local farm on 127.0.0.1 (its own process, as a
 * real server would be), in one run,
 *  1. one 1 GiB file (sparse) through RayvisionUpload, beside a bare Node http PUT of the same bytes
 *     to a sink process that writes them to disk (no hashing, no chunking, no verification);
 *  2. 10,000 small files, beside bare keep-alive PUTs of each file to the same sink (16 in flight);
 *     and, on 2,000 of them, the SDK beside a bare Node http client of the same storage protocol
 *     (init, one chunk, commit: 3 requests per file), which isolates the SDK client's own overhead
 *     from the protocol's and the farm's;
 *  3. planning a re-upload of 100,000 unchanged files (stat + record lookup in SQLite), beside a
 *     bare stat of the same files with the same concurrency.
 * Sizes can be scaled down with BENCH_BIG_MB, BENCH_SMALL, BENCH_PLAN.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { RayvisionAPI } from '../sidecar/src/api';
import { RayvisionUpload } from '../sidecar/src/transfer/upload';
import { openSqliteRecords } from '../sidecar/src/transfer/record/sqlite-record';
import { planUpload } from '../sidecar/src/transfer/record/plan-upload';
import { mapLimit } from '../sidecar/src/transfer/util/map-limit';

const BIG = Number(process.env.BENCH_BIG_MB ?? 1024) * 1024 * 1024;
const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const PLAN = Number(process.env.BENCH_PLAN ?? 100_000);

const root = mkdtempSync(path.join(os.tmpdir(), 'upload-bench-'));
const secs = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};
const mb = (bytes: number, s: number) => `${(bytes / 1024 / 1024 / s).toFixed(1)} MiB/s`;
const line = (label: string, ours: number, base: number, unit: (s: number) => string) =>
  console.log(`${label.padEnd(34)} sdk ${s(ours)} (${unit(ours)})   raw ${s(base)} (${unit(base)})   sdk/raw time ×${(ours / base).toFixed(2)}`);
const s = (x: number) => `${x.toFixed(2)} s`.padStart(9);

/** A sink process that writes every PUT body to its own file: the bare cost of moving bytes to disk. */
const SINK = `
const http = require('node:http'), fs = require('node:fs'), path = require('node:path');
const { pipeline } = require('node:stream/promises');
let n = 0;
const server = http.createServer((req, res) => {
  pipeline(req, fs.createWriteStream(path.join(process.argv[1], 'in-' + n++))).then(() => res.end('ok'), () => res.destroy());
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

/** Start `cmd args` and resolve with the JSON object of its first stdout line. */
async function startChild(cmd: string, args: string[]): Promise<{ child: ResultPromise; info: Record<string, unknown> }> {
  const child = execa(cmd, args, { buffer: false, reject: false });
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += String(d);
      if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!) as Record<string, unknown>);
    });
    void child.then((r) => reject(new Error(`${cmd} exited early: ${String(r.stderr ?? '')}`)));
  });
  return { child, info };
}

function rawPut(port: number, file: string, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/x', agent, headers: { 'Content-Length': statSync(file).size } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

const here = path.dirname(fileURLToPath(import.meta.url));
const farmProc = await startChild('node', ['--import', 'tsx', path.join(here, '..', 'sidecar', 'src', 'farm', 'main.ts'), '--dir', path.join(root, 'farm')]);
const farm = farmProc.info as { domain: string; accessId: string; accessKey: string; userId: number };
const sinkProc = await startChild('node', ['-e', SINK, mkdtempSync(path.join(root, 'sink-'))]);
const sink = { port: Number(sinkProc.info.port) };
const api = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey });
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const env = { RAYVISION_SDK_HOME: path.join(root, 'home') };
const job = (name: string, files: string[]) => {
  const ws = path.join(root, 'ws', name);
  mkdirSync(ws, { recursive: true });
  const file = path.join(ws, 'upload.json');
  writeFileSync(file, JSON.stringify({ asset: files.map((f) => ({ local: f, server: `/${name}${f}` })) }));
  return file;
};
try {
  console.log(`machine: ${os.cpus().length} cpu, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // 1. One big file.
  const big = path.join(root, 'big.bin');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, BIG);
  for (let o = 0; o < BIG; o += 64 * 1024 * 1024) writeSync(fd, Buffer.from(`mark ${o}`), 0, undefined, o);
  closeSync(fd);
  const up = new RayvisionUpload({ api, env });
  const bigJob = job('big', [big]);
  const rawBig = await secs(() => rawPut(sink.port, big, agent));
  const sdkBig = await secs(() => up.uploadAsset(bigJob, undefined, false));
  line(`1 file of ${BIG / 1024 / 1024} MiB`, sdkBig, rawBig, (t) => mb(BIG, t));

  // 2. Many small files.
  const smallDir = path.join(root, 'small');
  const small: string[] = [];
  for (let i = 0; i < SMALL; i++) {
    const d = path.join(smallDir, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) await mkdir(d, { recursive: true });
    const f = path.join(d, `s${i}.txt`);
    await writeFile(f, `small file ${i} ${'y'.repeat(i % 200)}`);
    small.push(f);
  }
  const smallBytes = small.reduce((n, f) => n + statSync(f).size, 0);
  const smallJob = job('small', small);
  const rawSmall = await secs(() => mapLimit(small, 16, (f) => rawPut(sink.port, f, agent)));
  const sdkSmall = await secs(() => up.uploadAsset(smallJob, undefined, false));
  line(`${SMALL} small files`, sdkSmall, rawSmall, (t) => `${(SMALL / t).toFixed(0)} files/s, ${mb(smallBytes, t)}`);
  const subset = small.slice(0, Math.min(2000, SMALL));
  const cfg = (await api.transmit.getTransferConfig()) as { resqEngines: { engineName: string; resqEngineAccounts: { name: string; password: string }[] }[] };
  const account = cfg.resqEngines.find((e) => e.engineName === 'HTTP')!.resqEngineAccounts[0]!;
  const auth = `Basic ${Buffer.from(`${account.name}:${account.password}`).toString('base64')}`;
  const farmPort = Number(farm.domain.split(':')[1]);
  const bid = String(api.userInfo.input_bid);
  const call = (method: string, p: string, body?: Buffer | string) =>
    new Promise<void>((resolve, reject) => {
      const r = http.request({ host: '127.0.0.1', port: farmPort, method, path: p, agent, headers: { Authorization: auth, 'Content-Length': body ? Buffer.byteLength(body) : 0 } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      r.on('error', reject);
      r.end(body);
    });
  const bareProto = await secs(() =>
    mapLimit(subset, 8, async (f) => {
      const bytes = readFileSync(f);
      const u = `/storage/${bid}/bare${f.split('/').map(encodeURIComponent).join('/')}`;
      await call('POST', `${u}?op=init`, JSON.stringify({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }));
      await call('PUT', `${u}?op=chunk&offset=0`, bytes);
      await call('POST', `${u}?op=commit`);
    }),
  );
  const sdkProto = await secs(() => up.uploadAsset(job('proto', subset), undefined, false).then(() => undefined));
  line(`${subset.length} small, vs bare protocol`, sdkProto, bareProto, (t) => `${(subset.length / t).toFixed(0)} files/s`);

  // 3. Planning a re-upload of many unchanged files.
  const planDir = path.join(root, 'plan');
  const planFiles: string[] = [];
  for (let i = 0; i < PLAN; i++) {
    const d = path.join(planDir, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) await mkdir(d, { recursive: true });
    const f = path.join(d, `p${i}`);
    await writeFile(f, String(i));
    planFiles.push(f);
  }
  const items = planFiles.map((f) => ({ local: f, server: `/plan${f}` }));
  const store = openSqliteRecords(path.join(root, 'plan.db'));
  const ctx = { platformId: '2', storageId: String(api.userInfo.input_bid), userId: String(farm.userId), store };
  const seed = await planUpload(items, ctx);
  for (const p of seed.send) await store.put(p.recordKey, p.recordValue);
  const rawPlan = await secs(() => mapLimit(planFiles, 64, (f) => stat(f)));
  let skipped = 0;
  const sdkPlan = await secs(async () => {
    skipped = (await planUpload(items, ctx)).skipped.length;
  });
  if (skipped !== PLAN) throw new Error(`plan skipped ${skipped} of ${PLAN}`);
  line(`plan re-upload of ${PLAN} unchanged`, sdkPlan, rawPlan, (t) => `${(PLAN / t / 1000).toFixed(0)}k files/s`);
  await store.close();
} finally {
  agent.destroy();
  api.close();
  sinkProc.child.kill('SIGTERM');
  farmProc.child.kill('SIGTERM');
  await Promise.all([sinkProc.child, farmProc.child]);
  rmSync(root, { recursive: true, force: true });
}
