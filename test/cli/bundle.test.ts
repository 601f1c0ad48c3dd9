// The esbuild bundle runs with plain `node` from a folder outside the repository: the CLI, the
// sidecar, better-sqlite3 (through the local farm) from the node_modules beside it, the DCC
// scripts and the monitor page copied beside it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** Sources (esbuild's `// path` markers) of rayvision.mjs and the chunks it imports statically: what every start reads. */
function startUpSources(dir: string): Set<string> {
  const files = new Set<string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) visit((m[1] ?? m[2])!);
  };
  visit('rayvision.mjs');
  const sources = new Set<string>();
  for (const f of files) for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^\/\/ ((?:node_modules|sidecar|protocol)\/\S+)$/gm)) sources.add(m[1]!);
  return sources;
}

describe('bundle', () => {
  it('starts without the SDK: zod, axios, the analysis, transfer and farm code are chunks loaded on use (issue 13)', () => {
    const sources = [...startUpSources(out)];
    expect(sources.some((s) => s.startsWith('node_modules/ws/'))).toBe(true); // the parser sees the markers
    const heavy = sources.filter((s) => /^node_modules\/(zod|axios|ioredis|execa)\/|^sidecar\/src\/(analyze|transfer\/engines|farm|api\/(?!task-status))|^protocol\/src\/(contract|session|analyze)\.ts/.test(s));
    expect(heavy).toEqual([]);
  });

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

  it('rayvision monitor --no-browser prints a one-time link the bundled sidecar serves its page from', async () => {
    const r = await run(['--json', '--no-auto-start', 'monitor', '--no-browser']);
    expect(r.exitCode, r.stderr).toBe(0);
    const link = JSON.parse(r.stdout.trim().split('\n').at(-1)!).result;
    expect(link).toMatchObject({ opened: false, loggedIn: true });
    const first = await fetch(link.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const base = new URL(link.url).origin;
    const page = await fetch(`${base}/monitor/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('monitor.js');
    expect((await fetch(`${base}/monitor/monitor.js`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(link.url, { redirect: 'manual' })).status).toBe(401); // spent
    expect((await run(['--no-auto-start', 'monitor', 'x1', '--no-browser'])).exitCode).toBe(2);
  });

  it('install-plugins from the bundle points the hosts at the plugins beside it, and --uninstall removes them', async () => {
    const user = mkdtempSync(path.join(tmpdir(), 'rv-bundle-user-'));
    try {
      mkdirSync(path.join(user, 'houdini20.5'), { recursive: true });
      mkdirSync(path.join(user, 'maya', '2025'), { recursive: true });
      const env = { HOME: user, USERPROFILE: '', HOUDINI_USER_PREF_DIR: '', MAYA_APP_DIR: '', RAYVISION_PLUGINS_DIR: '' };
      const install = (args: string[]) =>
        execa(process.execPath, [path.join(out, 'rayvision.mjs'), '--json', 'install-plugins', '--houdini', '--maya', ...args], { cwd: user, reject: false, env });
      const done = await install([]);
      expect(done.exitCode, done.stderr).toBe(0);
      const report = JSON.parse(done.stdout.trim().split('\n').at(-1)!).result;
      expect(report.pluginRoot).toBe(path.join(out, 'dcc-plugins'));
      expect(report.actions.map((a: { host: string; version: string; action: string }) => `${a.host} ${a.version} ${a.action}`)).toEqual(['houdini 20.5 written', 'maya 2025 written']);
      const pkg = JSON.parse(readFileSync(path.join(user, 'houdini20.5', 'packages', 'rayvision.json'), 'utf8'));
      expect(pkg.env[0]).toEqual({ RAYVISION_PLUGIN_ROOT: path.join(out, 'dcc-plugins') });
      expect(readFileSync(path.join(user, 'maya', '2025', 'modules', 'rayvision.mod'), 'utf8')).toContain(path.join(out, 'dcc-plugins', 'maya'));
      const removed = await install(['--uninstall']);
      expect(removed.exitCode, removed.stderr).toBe(0);
      expect(existsSync(path.join(user, 'houdini20.5', 'packages', 'rayvision.json'))).toBe(false);
      expect(existsSync(path.join(user, 'maya', '2025', 'modules', 'rayvision.mod'))).toBe(false);
    } finally {
      rmSync(user, { recursive: true, force: true });
    }
  });
});
