/**
 * Cost that stays flat (prints, never gates): plan + upload of N small files (4 KiB each, sparse past
 * the first bytes) through RayvisionUpload against a local farm (its own process), for N = 10k and
 * 100k, and 1M when BENCH_SCALE_1M=1 (opt-in: about 15 minutes and ~8 GB of disk here). Each size runs
 * in a fresh uploading process (bench/scale-child.ts, record DB on) that also re-plans the unchanged
 * upload; it reports its own peak RSS. Prints the curve (time per file at each size) and two goals:
 * time per file at the largest size ≤ 1.5× that at 10k, and peak RSS < 300 MB at the largest size.
 * 10k is the median of 3 runs, larger sizes run once. Sizes can be set with BENCH_SCALE=10000,100000.
 */
import { closeSync, createWriteStream, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { goal, median } from './goal';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_SCALE ?? `10000,100000${process.env.BENCH_SCALE_1M === '1' ? ',1000000' : ''}`).split(',').map(Number);
const root = mkdtempSync(path.join(os.tmpdir(), 'scale-bench-'));

/** `n` files of 4 KiB under `dir` (1,000 a folder), each with its own first bytes, the rest a hole. */
function makeFiles(dir: string, n: number): void {
  const mark = Buffer.alloc(64);
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const fd = openSync(path.join(sub, `s${i}.bin`), 'w');
    writeSync(fd, mark, 0, mark.write(`scale file ${i}\n`));
    ftruncateSync(fd, 4096);
    closeSync(fd);
  }
}

/** upload.json for those files, written as a stream (never built whole in memory). */
async function writeUploadJson(file: string, dir: string, n: number, prefix: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('{"asset":[');
  for (let i = 0; i < n; i++) {
    const local = path.join(dir, `d${Math.floor(i / 1000)}`, `s${i}.bin`);
    if (!out.write(`${i ? ',' : ''}\n{"local":${JSON.stringify(local)},"server":${JSON.stringify(`/${prefix}${local}`)}}`)) await once(out, 'drain');
  }
  out.end(']}\n');
  await once(out, 'finish');
}

const farm = execa('node', ['--import', 'tsx', path.join(here, '..', 'sidecar', 'src', 'farm', 'main.ts'), '--dir', path.join(root, 'farm')], { buffer: false, reject: false });
const info = await new Promise<{ domain: string; accessId: string; accessKey: string }>((resolve, reject) => {
  let text = '';
  farm.stdout!.on('data', (d: Buffer) => {
    text += String(d);
    if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!));
  });
  void farm.then((r) => reject(new Error(`farm exited early: ${String(r.stderr ?? '')}`)));
});

interface Run { uploadS: number; replanS: number; peakRssMB: number; first: { sent: number }; again: { skipped: number } }
const curve: { n: number; perFileMs: number; replanPerFileUs: number; peakRssMB: number; runs: number }[] = [];
try {
  console.log(`machine: ${os.cpus().length} cpu, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; sizes ${sizes.join(', ')}`);
  for (const n of sizes) {
    const src = path.join(root, `src${n}`);
    makeFiles(src, n);
    const rounds = n <= 10_000 ? 3 : 1;
    const runs: Run[] = [];
    for (let r = 0; r < rounds; r++) {
      const ws = path.join(root, 'ws', `n${n}r${r}`);
      mkdirSync(ws, { recursive: true });
      const uploadJson = path.join(ws, 'upload.json');
      await writeUploadJson(uploadJson, src, n, `n${n}r${r}`);
      const child = await execa('node', ['--import', 'tsx', path.join(here, 'scale-child.ts'), JSON.stringify({ ...info, uploadJson })], {
        env: { ...process.env, RAYVISION_SDK_HOME: path.join(root, 'home') },
      });
      const run = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Run;
      if (run.first.sent !== n || run.again.skipped !== n) throw new Error(`size ${n}: sent ${run.first.sent}, skipped again ${run.again.skipped}`);
      runs.push(run);
      // Keep the disk in bounds: the farm's copy of this round goes.
      const storage = path.join(root, 'farm', 'storage');
      for (const name of readdirSync(storage)) if (!name.startsWith('.')) rmSync(path.join(storage, name), { recursive: true, force: true });
    }
    rmSync(src, { recursive: true, force: true });
    const point = {
      n,
      perFileMs: (median(runs.map((x) => x.uploadS)) * 1000) / n,
      replanPerFileUs: (median(runs.map((x) => x.replanS)) * 1e6) / n,
      peakRssMB: Math.max(...runs.map((x) => x.peakRssMB)),
      runs: rounds,
    };
    curve.push(point);
    console.log(
      `${String(n).padStart(8)} files: plan+upload ${point.perFileMs.toFixed(3)} ms/file (${(1000 / point.perFileMs).toFixed(0)} files/s), ` +
        `re-plan ${point.replanPerFileUs.toFixed(1)} µs/file, peak RSS ${point.peakRssMB.toFixed(0)} MB${rounds > 1 ? ` (median of ${rounds})` : ''}`,
    );
  }
  const base = curve[0]!;
  const top = curve.at(-1)!;
  console.log(`curve (ms per file): ${curve.map((c) => `${c.n}: ${c.perFileMs.toFixed(3)}`).join(' → ')}`);
  if (curve.length > 1) {
    goal({ name: `time per file, ${top.n} files vs ${base.n} (plan + upload)`, value: top.perFileMs / base.perFileMs, cmp: '<=', target: 1.5, unit: 'x', detail: `${top.perFileMs.toFixed(3)} vs ${base.perFileMs.toFixed(3)} ms/file${top.n < 1_000_000 ? '; 1M runs with BENCH_SCALE_1M=1' : ''}` });
  }
  goal({ name: `peak RSS of the uploading process at ${top.n} files`, value: top.peakRssMB, cmp: '<=', target: 300, unit: 'MB', detail: 'maxRSS of a fresh process running RayvisionUpload.uploadAsset twice' });
} finally {
  farm.kill('SIGTERM');
  await farm;
  rmSync(root, { recursive: true, force: true });
}
