/**
 * The release (docs/release.md) beside its baseline, the bundle, measured in the same run:
 * 1. start-up of `rayvision sidecar` until it accepts an authorised WebSocket, the single executable vs
 *    `node dist/rayvision.mjs` (interleaved, medians of 5);
 * 2. `rayvision --version` (process start to exit), the same two ways;
 * 3. the release folder's size. Prints numbers and ratios; never asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeSidecar } from '../sidecar/src/rpc/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'rayvision.mjs');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const os = ({ win32: 'win', darwin: 'macos' } as Record<string, string>)[process.platform] ?? process.platform;
const folder = path.join(root, 'release', `rayvision-${version}-${os}-${process.arch}`);
const exe = path.join(folder, process.platform === 'win32' ? 'rayvision.exe' : 'rayvision');
const RUNS = 5;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

if (!existsSync(bundle)) spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (!existsSync(exe)) spawnSync(process.execPath, [path.join(root, 'scripts', 'release.mjs')], { stdio: 'inherit' });

async function startSidecar(command: string[]): Promise<number> {
  const home = mkdtempSync(path.join(tmpdir(), 'rv-bench-release-'));
  const t0 = now();
  const child = spawn(command[0]!, [...command.slice(1), 'sidecar', '--idle-timeout', '0'], { env: { ...process.env, RAYVISION_SDK_HOME: home }, stdio: 'ignore' });
  const file = path.join(home, 'sidecar.json');
  let elapsed = NaN;
  while (Number.isNaN(elapsed)) {
    if (existsSync(file)) {
      try {
        const { port, token } = JSON.parse(readFileSync(file, 'utf8'));
        if (await probeSidecar(port, token, 1000)) elapsed = now() - t0;
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

function versionTime(command: string[]): number {
  const t0 = now();
  spawnSync(command[0]!, [...command.slice(1), '--version'], { stdio: 'ignore' });
  return now() - t0;
}

function sizeOf(p: string): number {
  const s = statSync(p);
  return s.isDirectory() ? readdirSync(p).reduce((n, e) => n + sizeOf(path.join(p, e)), 0) : s.size;
}

const ways = { executable: [exe], bundle: [process.execPath, bundle] };
const starts = { executable: [] as number[], bundle: [] as number[] };
const versions = { executable: [] as number[], bundle: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  for (const w of ['executable', 'bundle'] as const) {
    starts[w].push(await startSidecar(ways[w]));
    versions[w].push(versionTime(ways[w]));
  }
}
const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
console.log(`sidecar start-up to an authorised WebSocket (median of ${RUNS}): executable ${fmt(median(starts.executable))}, bundle ${fmt(median(starts.bundle))}, ratio ${ratio(starts.executable, starts.bundle)}x`);
console.log(`rayvision --version (median of ${RUNS}): executable ${fmt(median(versions.executable))}, bundle ${fmt(median(versions.bundle))}, ratio ${ratio(versions.executable, versions.bundle)}x`);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
console.log(`release folder ${mib(sizeOf(folder))} (executable ${mib(statSync(exe).size)}, node itself ${mib(statSync(process.execPath).size)}); dist/ ${mib(sizeOf(path.dirname(bundle)))}`);
