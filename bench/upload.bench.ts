/**
 * Upload benchmark (prints, never gates): against a local farm on 127.0.0.1 (its own process, as a
 * real server would be), in one run, each measurement the median of 3 alternating rounds,
 *  1. one 1 GiB file (sparse) through RayvisionUpload, beside a bare Node http PUT of the same bytes
 *     to a sink process that writes them to the same disk (a plain Node server: no hashing, no
 *     chunking, no verification; the farm's protocol needs init/chunk/commit, so a bare PUT cannot go
 *     to the farm itself). The SDK runs in its own bundled process (upload-child.ts), whose peak RSS
 *     is the memory goal;
 *  2. 10,000 files of 4 KiB, beside bare keep-alive PUTs of each file to the same sink (16 in flight);
 *  3. planning a re-upload of 100,000 unchanged files (stat + record lookup in SQLite), beside a
 *     bare stat of the same files with the same concurrency.
 * Sizes can be scaled down with BENCH_BIG_MB, BENCH_SMALL, BENCH_PLAN.
 */
import { closeSync, createReadStream, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { RayvisionAPI } from '../sidecar/src/api';
import { RayvisionUpload } from '../sidecar/src/transfer/upload';
import { openSqliteRecords } from '../sidecar/src/transfer/record/sqlite-record';
import { planBatches, planUpload } from '../sidecar/src/transfer/record/plan-upload';
import { mapLimit } from '../sidecar/src/transfer/util/map-limit';
import { goal, median } from './goal';

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

/**
 * Bundle bench/upload-child.ts (as scripts/build.mjs bundles the sidecar) next to node_modules, so
 * the native better-sqlite3 resolves, and start it: `ask(line)` sends a line and resolves with the
 * child's JSON answer; `finish()` ends its stdin and resolves with its last answer.
 */
async function startUploader(info: Record<string, string>): Promise<{ ask(line: string): Promise<Record<string, unknown>>; finish(): Promise<Record<string, unknown>> }> {
  const { build } = await import('esbuild');
  const out = path.join(here, '..', 'node_modules', '.cache', 'rayvision-bench', 'upload-child.mjs');
  await build({
    entryPoints: [path.join(here, 'upload-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out,
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  const child = execa('node', [out, JSON.stringify(info)], { buffer: false, reject: false, stdin: 'pipe', stderr: 'inherit' });
  const waiting: ((answer: Record<string, unknown>) => void)[] = [];
  let text = '';
  child.stdout!.on('data', (d: Buffer) => {
    text += String(d);
    const lines = text.split('\n');
    text = lines.pop()!;
    for (const l of lines) if (l.trim()) waiting.shift()?.(JSON.parse(l) as Record<string, unknown>);
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
  await next(); // ready
  return {
    ask: (l) => {
      const answer = next();
      child.stdin!.write(`${l}\n`);
      return answer;
    },
    finish: async () => {
      const answer = next();
      child.stdin!.end();
      const a = await answer;
      await child;
      return a;
    },
  };
}
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
const ROUNDS = 3;
try {
  console.log(`machine: ${os.cpus().length} cpu, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // 1. One big file: medians of 3 (fresh server path each round, the stored copy removed after).
  const big = path.join(root, 'big.bin');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, BIG);
  for (let o = 0; o < BIG; o += 64 * 1024 * 1024) writeSync(fd, Buffer.from(`mark ${o}`), 0, undefined, o);
  closeSync(fd);
  const up = new RayvisionUpload({ api, env });
  const storedBig = (name: string) => path.join(root, 'farm', 'storage', String(api.userInfo.input_bid), `big${name}`);
  // The SDK side runs in its own process (bench/upload-child.ts, bundled like the sidecar), so its
  // peak RSS is the uploading process's alone; the bare PUT runs here. Both send to a server in
  // another process, from the same file, to the same disk.
  const uploader = await startUploader({ domain: farm.domain, accessId: farm.accessId, accessKey: farm.accessKey, home: path.join(root, 'home-big') });
  const rawBigT: number[] = [];
  const sdkBigT: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rawBigT.push(await secs(() => rawPut(sink.port, big, agent)));
    const name = `r${r}`;
    sdkBigT.push(Number((await uploader.ask(job(`big${name}`, [big]))).seconds));
    rmSync(storedBig(name), { recursive: true, force: true });
  }
  const peakRss = Number((await uploader.finish()).hwmMB);
  const rawBig = median(rawBigT);
  const sdkBig = median(sdkBigT);
  line(`1 file of ${BIG / 1024 / 1024} MiB (median of ${ROUNDS})`, sdkBig, rawBig, (t) => mb(BIG, t));
  goal({ name: `upload one ${BIG / 1024 / 1024} MiB file, speed vs bare PUT`, value: rawBig / sdkBig, cmp: '>=', target: 0.85, unit: 'x', detail: `medians of ${ROUNDS}: sdk ${sdkBig.toFixed(2)} s, bare ${rawBig.toFixed(2)} s` });
  goal({ name: `RSS of the uploading process during the ${BIG / 1024 / 1024} MiB upload`, value: peakRss, cmp: '<=', target: 150, unit: 'MB', detail: `peak (VmHWM) of a process running only the SDK, bundled as the sidecar is, over ${ROUNDS} uploads` });

  // 2. Many small files (4 KiB each), medians of 3.
  const smallDir = path.join(root, 'small');
  const small: string[] = [];
  const body = Buffer.alloc(4096, 'y');
  for (let i = 0; i < SMALL; i++) {
    const d = path.join(smallDir, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) await mkdir(d, { recursive: true });
    const f = path.join(d, `s${i}.txt`);
    body.write(`small file ${i} `, 0);
    await writeFile(f, body);
    small.push(f);
  }
  const smallBytes = small.reduce((n, f) => n + statSync(f).size, 0);
  const rawSmallT: number[] = [];
  const sdkSmallT: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rawSmallT.push(await secs(() => mapLimit(small, 16, (f) => rawPut(sink.port, f, agent))));
    sdkSmallT.push(await secs(() => up.uploadAsset(job(`small${r}`, small), undefined, false)));
  }
  const rawSmall = median(rawSmallT);
  const sdkSmall = median(sdkSmallT);
  line(`${SMALL} files of 4 KiB (median of ${ROUNDS})`, sdkSmall, rawSmall, (t) => `${(SMALL / t).toFixed(0)} files/s, ${mb(smallBytes, t)}`);
  goal({ name: `upload ${SMALL} x 4 KiB, files per second`, value: SMALL / sdkSmall, cmp: '>=', target: 2000, unit: 'files/s', detail: `median of ${ROUNDS}` });
  goal({ name: `upload ${SMALL} x 4 KiB, speed vs bare PUT loop (16 in flight)`, value: rawSmall / sdkSmall, cmp: '>=', target: 0.5, unit: 'x', detail: `medians: sdk ${sdkSmall.toFixed(2)} s, bare ${rawSmall.toFixed(2)} s` });

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
  await store.putMany(seed.send.map((p) => [p.recordKey, p.recordValue] as const));
  const rawPlanT: number[] = [];
  const sdkPlanT: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rawPlanT.push(await secs(() => mapLimit(planFiles, 64, (f) => stat(f))));
    let skipped = 0;
    // As the upload plans: batch by batch, counting what it skips.
    sdkPlanT.push(
      await secs(async () => {
        for await (const b of planBatches(items, ctx)) skipped += b.skipped.length;
      }),
    );
    if (skipped !== PLAN) throw new Error(`plan skipped ${skipped} of ${PLAN}`);
  }
  const rawPlan = median(rawPlanT);
  const sdkPlan = median(sdkPlanT);
  line(`plan re-upload of ${PLAN} unchanged`, sdkPlan, rawPlan, (t) => `${(PLAN / t / 1000).toFixed(0)}k files/s`);
  goal({ name: `plan a re-upload of ${PLAN} unchanged files, time vs bare stat walk`, value: sdkPlan / rawPlan, cmp: '<=', target: 1.3, unit: 'x', detail: `medians: sdk ${sdkPlan.toFixed(2)} s, stat ${rawPlan.toFixed(2)} s` });
  await store.close();
} finally {
  agent.destroy();
  api.close();
  sinkProc.child.kill('SIGTERM');
  farmProc.child.kill('SIGTERM');
  await Promise.all([sinkProc.child, farmProc.child]);
  rmSync(root, { recursive: true, force: true });
}
