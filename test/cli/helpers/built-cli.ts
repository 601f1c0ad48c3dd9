/**
 * The CLI as a user runs it: the esbuild bundle (built once into a temp folder, like a release),
 * started with plain `node` as real processes, each suite with its own SDK home (so its own
 * sidecar), logged in to a real local farm over HTTP. `spawnJson` follows a long `--json` command
 * line by line; `underPty` runs a command on a pseudo-terminal of a given width (Python's pty).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Farm } from '../../../sidecar/src/farm';

const root = path.resolve(__dirname, '..', '..', '..');
export const scenes = path.resolve(root, '..', 'shared', 'scenes');
export const sphere = path.join(scenes, 'houdini', 'sphere.hip');

export interface BuiltCli {
  home: string;
  bundle: string;
  /** Runs one command to its end (never rejects). */
  run(args: string[], env?: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Starts a `--json` command; `lines` fills as JSON lines arrive, `waitFor` resolves on the first match. */
  spawnJson(args: string[]): JsonProcess;
  /** Runs under a pseudo-terminal of `cols` columns (0 = a terminal that reports none); output is the terminal's. */
  underPty(cols: number, args: string[]): Promise<{ exitCode: number; output: string }>;
  /** The login flags for `farm` (key through the environment, as users should). */
  farmFlags(farm: Farm): string[];
  close(): Promise<void>;
}

export interface JsonProcess {
  child: ResultPromise;
  lines: any[];
  waitFor(pred: (line: any) => boolean): Promise<any>;
  done: Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

let bundleDir: string | undefined;
/** Builds dist/rayvision.mjs into a temp folder once per test file. */
async function bundle(): Promise<string> {
  if (bundleDir) return bundleDir;
  const out = mkdtempSync(path.join(tmpdir(), 'rv-cli-dist-'));
  await execa(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--outdir', out]);
  bundleDir = out;
  return out;
}

export async function builtCli(extraEnv: Record<string, string> = {}): Promise<BuiltCli> {
  const out = await bundle();
  const home = mkdtempSync(path.join(tmpdir(), 'rv-cli-home-'));
  const main = path.join(out, 'rayvision.mjs');
  let farmKey = '';
  const env = (more: Record<string, string> = {}) => ({
    RAYVISION_SDK_HOME: home,
    RAYVISION_API_ACCESS_ID: '',
    RAYVISION_API_KEY: farmKey,
    RAYVISION_PLUGINS_DIR: '',
    ...extraEnv,
    ...more,
  });
  const run: BuiltCli['run'] = async (args, more) => {
    const r = await execa(process.execPath, [main, ...args], { reject: false, env: env(more), cwd: home });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  return {
    home,
    bundle: main,
    run,
    spawnJson(args) {
      const child = execa(process.execPath, [main, '--json', ...args], { reject: false, env: env(), cwd: home, buffer: true });
      const lines: any[] = [];
      const waiters: { pred: (l: any) => boolean; resolve: (l: any) => void }[] = [];
      let carry = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        const parts = (carry + chunk.toString('utf8')).split('\n');
        carry = parts.pop() ?? '';
        for (const text of parts.filter(Boolean)) {
          const line = JSON.parse(text);
          lines.push(line);
          for (const w of [...waiters]) if (w.pred(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
        }
      });
      const done = child.then((r) => ({ exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) }));
      return {
        child,
        lines,
        done,
        waitFor: (pred) => {
          const seen = lines.find(pred);
          if (seen) return Promise.resolve(seen);
          return new Promise((resolve, reject) => {
            waiters.push({ pred, resolve });
            void done.then((r) => reject(new Error(`the command ended (exit ${r.exitCode}) before the awaited line:\n${r.stdout}\n${r.stderr}`)));
          });
        },
      };
    },
    async underPty(cols, args) {
      const r = await execa('python3', [path.join(__dirname, 'pty_run.py'), String(cols), process.execPath, main, ...args], { reject: false, env: env(), cwd: home });
      return { exitCode: r.exitCode ?? -1, output: String(r.stdout) };
    },
    farmFlags(farm) {
      farmKey = farm.accessKey;
      return ['--domain', farm.domain, '--protocol', 'http', '--platform', '2', '--access-id', farm.accessId];
    },
    async close() {
      await run(['--no-auto-start', 'stop']);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Removes the bundle folder (afterAll of the last suite in a file). */
export function removeBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundleDir = undefined;
}
