// `rayvision doctor` in a real terminal (tmux 100×30) and for scripts (--json): on a healthy setup
// (the built CLI, its sidecar running, a local farm over HTTP that accepts the key, the default
// SQLite records, the plugins installed for the hosts found) every check is ok (the keychain may
// say it is not available); a Redis that does not answer and a host without the plugin are FAIL
// with the fix, exit 12, and the Redis password never appears.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { builtCli, removeBundle, type BuiltCli } from './helpers/built-cli';
import { runInTmux, tmuxAvailable } from './helpers/tmux';

let cli: BuiltCli;
let farm: Farm;
let login: string[];
let user: string;

beforeAll(async () => {
  cli = await builtCli();
  farm = await startFarm({ frameDurationMs: 0 });
  login = cli.farmFlags(farm);
  user = mkdtempSync(path.join(tmpdir(), 'rv-doctor-user-'));
  mkdirSync(path.join(user, 'houdini20.5'));
  mkdirSync(path.join(user, 'maya', '2025'), { recursive: true });
});
afterAll(async () => {
  await cli?.close();
  await farm?.close();
  rmSync(user, { recursive: true, force: true });
  removeBundle();
});

/** The user's environment for the CLI: its own HOME (DCC settings folders), the farm's key. */
const env = () => ({ RAYVISION_SDK_HOME: cli.home, RAYVISION_PLUGINS_DIR: '', RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: farm.accessKey, HOME: user, HOUDINI_USER_PREF_DIR: '', MAYA_APP_DIR: '' });
const doctor = (...args: string[]) => [process.execPath, cli.bundle, 'doctor', ...args];
/** The check lines of a screen: status, id, summary. */
const checks = (screen: string) =>
  screen
    .split('\n')
    .map((l) => /^(ok|warn|FAIL)\s+(\S+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ status: m[1]!, check: m[2]!, summary: m[3]! }));

describe.runIf(await tmuxAvailable)('rayvision doctor', () => {
  it('healthy: every check ok (keychain ok or not available), exit 0', async () => {
    expect((await cli.run(['install-plugins'], env())).exitCode).toBe(0);
    expect((await cli.run(['tasks', ...login], env())).exitCode).toBe(0); // starts the sidecar, logged in
    const r = await runInTmux(doctor(...login, '--download', path.join(cli.home, 'frames')), env());
    expect(r.exitCode, r.final).toBe(0);
    const found = checks(r.final);
    expect(found.map((c) => c.check)).toEqual(expect.arrayContaining(['runtime', 'sidecar', 'farm', 'record-db', 'keychain', 'plugins:houdini-20.5', 'plugins:maya-2025', 'plugins:clarisse', 'disk:sdk-home', 'disk:download']));
    for (const c of found) expect(c.check === 'keychain' ? ['ok', 'warn'] : ['ok'], `${c.check}: ${c.summary}`).toContain(c.status);
    expect(found.find((c) => c.check === 'farm')!.summary).toMatch(new RegExp(`http://${farm.domain}/ .*accepts the credentials`));
    expect(found.find((c) => c.check === 'sidecar')!.summary).toMatch(/answers, pid \d+/);
    expect(r.final).toMatch(/^\d+ ok, [01] warning\(s\), 0 failure\(s\)$/m);
    expect(r.final).not.toContain(farm.accessKey);
    expect(r.cursorAtEnd).toBe(true);
  });

  it('a Redis that does not answer and a Houdini without the plugin: FAIL with the fix, exit 12, no password shown', async () => {
    const ini = path.join(cli.home, 'db_config.ini');
    writeFileSync(ini, '[DATABASE_CONFIG]\non = true\ntype = redis\n[REDIS]\nhost = 127.0.0.1\nport = 1\npassword = hunter2-do-not-print\ntimeout = 2000\n');
    expect((await cli.run(['install-plugins', '--houdini', '--uninstall'], env())).exitCode).toBe(0);
    const r = await runInTmux(doctor(...login, '--db-config', ini), env());
    expect(r.exitCode, r.final).toBe(12);
    const found = checks(r.final);
    expect(found.find((c) => c.check === 'record-db')).toMatchObject({ status: 'FAIL', summary: expect.stringMatching(/127\.0\.0\.1:1/) });
    expect(found.find((c) => c.check === 'plugins:houdini-20.5')).toMatchObject({ status: 'FAIL', summary: expect.stringMatching(/not installed/) });
    expect(found.find((c) => c.check === 'plugins:maya-2025')?.status).toBe('ok');
    expect(r.final).toMatch(/fix: fix .*db_config\.ini .*\[REDIS\]/);
    expect(r.final).toContain('fix: run `rayvision install-plugins --houdini`');
    expect(r.final).toMatch(/^\d+ ok, \d+ warning\(s\), 2 failure\(s\)$/m);
    expect(r.final).not.toContain('hunter2');

    // --json: one object per check, then the result; the same findings, no password.
    const j = await cli.run(['--json', 'doctor', ...login, '--db-config', ini], env());
    expect(j.exitCode).toBe(12);
    expect(j.stdout).not.toContain('hunter2');
    const lines = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const result = lines.pop();
    expect(result).toEqual({ result: { ok: false, passed: expect.any(Number), warnings: expect.any(Number), failures: 2 } });
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(expect.arrayContaining(['check', 'status', 'summary']));
    expect(lines.filter((l) => l.status === 'fail').map((l) => l.check).sort()).toEqual(['plugins:houdini-20.5', 'record-db']);
    expect(lines.every((l) => l.status === 'ok' || typeof l.fix === 'string')).toBe(true);
  });
});
