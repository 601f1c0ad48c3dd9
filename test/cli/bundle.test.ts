// The esbuild bundle runs with plain `node` from a folder outside the repository: the CLI, the
// sidecar, better-sqlite3 (through the local farm) from the node_modules beside it, and the DCC
// scripts copied beside it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
let out: string;
let home: string;
let sidecar: ResultPromise | undefined;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'rv-bundle-'));
  home = mkdtempSync(path.join(tmpdir(), 'rv-bundle-home-'));
  await execa(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--outdir', out]);
});
afterAll(async () => {
  if (sidecar && sidecar.exitCode === null) {
    sidecar.kill('SIGTERM');
    await sidecar.catch(() => {});
  }
  rmSync(out, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

const run = (args: string[]) =>
  execa(process.execPath, [path.join(out, 'rayvision.mjs'), ...args], { cwd: home, reject: false, env: { RAYVISION_SDK_HOME: home, RAYVISION_PLUGINS_DIR: '' } });

describe('bundle', () => {
  it('has the native binding and the DCC scripts beside it', () => {
    expect(existsSync(path.join(out, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(out, 'dcc-plugins', 'common', 'rayvision_client', 'generated', 'methods.py'))).toBe(true);
    expect(existsSync(path.join(out, 'dcc-plugins', 'houdini', 'rayvision_houdini', 'batch_analyze.py'))).toBe(true);
  });

  it('runs from another folder: sidecar, local farm (SQLite), status', async () => {
    const version = await run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    sidecar = execa(process.execPath, [path.join(out, 'rayvision.mjs'), 'sidecar', '--idle-timeout', '0'], { cwd: home, env: { RAYVISION_SDK_HOME: home }, reject: false });
    for (let i = 0; i < 300 && !existsSync(path.join(home, 'sidecar.json')); i++) await new Promise((r) => setTimeout(r, 50));
    const tasks = await run(['--json', '--no-auto-start', 'tasks', '--local']);
    expect(tasks.exitCode, tasks.stderr).toBe(0);
    const status = await run(['--json', '--no-auto-start', 'status']);
    expect(JSON.parse(status.stdout.trim().split('\n').at(-1)!).result).toMatchObject({ loggedIn: true, farm: 'local' });
  });
});
