import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReport, installPlugins, uninstallPlugins, InstallError } from '../../sidecar/src/install';

const repoRoot = path.resolve(__dirname, '..', '..');
const pluginRoot = path.join(repoRoot, 'dcc-plugins');
const slash = (p: string) => p.replace(/\\/g, '/');

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'rv-install-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const mk = (...parts: string[]) => mkdirSync(path.join(home, ...parts), { recursive: true });
const read = (...parts: string[]) => readFileSync(path.join(home, ...parts), 'utf8');

describe('installPlugins on Linux', () => {
  const opts = () => ({ home, platform: 'linux' as const, env: {}, pluginRoot });

  it('writes a Houdini package per houdiniXX.Y, a Maya module per version, and the Clarisse env block', () => {
    mk('houdini19.5');
    mk('houdini20.5');
    mk('maya', '2024');
    mk('maya', '2025');
    mk('.isotropix', 'clarisse', '4.0');
    const report = installPlugins(opts());
    const written = report.actions.filter((a) => a.action === 'written').map((a) => `${a.host} ${a.version}`);
    expect(written).toEqual(['houdini 19.5', 'houdini 20.5', 'maya 2024', 'maya 2025', 'clarisse 4.0']);

    const pkg = JSON.parse(read('houdini20.5', 'packages', 'rayvision.json'));
    expect(pkg.env[0]).toEqual({ RAYVISION_PLUGIN_ROOT: slash(pluginRoot) });
    expect(pkg.hpath).toBe('$RAYVISION_PLUGIN_ROOT/houdini');
    expect(pkg.env.filter((e: { var?: string }) => e.var === 'PYTHONPATH')).toHaveLength(2);

    const mod = read('maya', '2025', 'modules', 'rayvision.mod');
    expect(mod.split('\n')[0]).toBe(`+ MAYAVERSION:2025 rayvision 0.1.0 ${slash(pluginRoot)}/maya`);
    expect(mod).not.toMatch(/\n\n[A-Z]/); // a blank line would end the module entry
    expect(mod).toContain(`PYTHONPATH+=${slash(pluginRoot)}/common`);

    const env = read('.isotropix', 'clarisse', '4.0', 'clarisse.env');
    expect(env).toContain(`CLARISSE_STARTUP_SCRIPT=${slash(pluginRoot)}/clarisse/startup/rayvision_startup.py`);
    expect(formatReport(report)).toContain('houdini 20.5');
  });

  it('is idempotent and reports unchanged files', () => {
    mk('houdini20.5');
    installPlugins(opts());
    const again = installPlugins(opts());
    expect(again.actions.find((a) => a.host === 'houdini')?.action).toBe('unchanged');
  });

  it('only touches the hosts asked for and says when a host is not installed', () => {
    mk('houdini20.5');
    const report = installPlugins({ ...opts(), hosts: ['maya', 'clarisse'] });
    expect(report.actions.map((a) => [a.host, a.action])).toEqual([
      ['maya', 'not-found'],
      ['clarisse', 'not-found'],
    ]);
    expect(existsSync(path.join(home, 'houdini20.5', 'packages'))).toBe(false);
  });

  it('keeps the user clarisse.env lines and restores them on uninstall', () => {
    mk('.isotropix', 'clarisse', '5.0');
    const file = path.join(home, '.isotropix', 'clarisse', '5.0', 'clarisse.env');
    const original = 'IX_PYTHON3HOME=/opt/python37\nCLARISSE_STARTUP_SCRIPT=/studio/startup.py\n';
    writeFileSync(file, original);
    installPlugins({ ...opts(), hosts: ['clarisse'] });
    const installed = readFileSync(file, 'utf8');
    expect(installed.match(/^CLARISSE_STARTUP_SCRIPT=.*$/gm)).toEqual([
      `CLARISSE_STARTUP_SCRIPT=/studio/startup.py;${slash(pluginRoot)}/clarisse/startup/rayvision_startup.py`,
    ]);
    installPlugins({ ...opts(), hosts: ['clarisse'] }); // a second install keeps one block
    expect(readFileSync(file, 'utf8').match(/>>> rayvision/g)).toHaveLength(1);
    const report = uninstallPlugins({ ...opts(), hosts: ['clarisse'] });
    expect(report.actions[0].action).toBe('removed');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('uninstall removes the package and module files', () => {
    mk('houdini20.5');
    mk('maya', '2024');
    installPlugins(opts());
    const report = uninstallPlugins(opts());
    expect(report.actions.filter((a) => a.action === 'removed').map((a) => a.host)).toEqual(['houdini', 'maya']);
    expect(existsSync(path.join(home, 'houdini20.5', 'packages', 'rayvision.json'))).toBe(false);
    expect(existsSync(path.join(home, 'maya', '2024', 'modules', 'rayvision.mod'))).toBe(false);
    expect(uninstallPlugins(opts()).actions.find((a) => a.host === 'houdini')?.action).toBe('absent');
  });

  it('uses MAYA_APP_DIR and HOUDINI_USER_PREF_DIR, and maya/modules when no version folder exists', () => {
    const appDir = path.join(home, 'custom-maya');
    const pref = path.join(home, 'prefs', 'houdini21.0');
    mkdirSync(appDir, { recursive: true });
    mkdirSync(pref, { recursive: true });
    const report = installPlugins({ ...opts(), env: { MAYA_APP_DIR: appDir, HOUDINI_USER_PREF_DIR: pref } });
    expect(report.actions.find((a) => a.host === 'maya')?.path).toBe(path.join(appDir, 'modules', 'rayvision.mod'));
    expect(report.actions.find((a) => a.host === 'houdini')).toMatchObject({ version: '21.0', action: 'written' });
  });

  it('takes the home from HOME when USERPROFILE is set but empty', () => {
    mk('houdini20.5');
    const report = installPlugins({ platform: 'linux', env: { HOME: home, USERPROFILE: '' }, pluginRoot, hosts: ['houdini'] });
    expect(report.actions.map((a) => `${a.action} ${a.path}`)).toEqual([`written ${path.join(home, 'houdini20.5', 'packages', 'rayvision.json')}`]);
  });

  it('a target it cannot read is a clear InstallError, and a failed write keeps the old file whole', () => {
    mk('maya', '2025', 'modules', 'rayvision.mod'); // a folder where the module file goes
    expect(() => installPlugins({ home, platform: 'linux', env: {}, pluginRoot, hosts: ['maya'] })).toThrow(InstallError);
    expect(() => installPlugins({ home, platform: 'linux', env: {}, pluginRoot, hosts: ['maya'] })).toThrow(/Could not read .*rayvision\.mod/);
    mk('houdini20.5', 'packages');
    writeFileSync(path.join(home, 'houdini20.5', 'packages', 'rayvision.json'), 'old');
    mk('houdini20.5', 'packages', `rayvision.json.${process.pid}.tmp`, 'x'); // the temp path is taken: the write fails
    expect(() => installPlugins({ home, platform: 'linux', env: {}, pluginRoot, hosts: ['houdini'] })).toThrow(/Could not write/);
    expect(read('houdini20.5', 'packages', 'rayvision.json')).toBe('old'); // the old file is whole
  });

  it('dry run writes nothing', () => {
    mk('houdini20.5');
    const report = installPlugins({ ...opts(), dryRun: true });
    expect(report.actions[0].action).toBe('written');
    expect(existsSync(path.join(home, 'houdini20.5', 'packages'))).toBe(false);
  });

  it('fails with a clear error when the given plugins folder is not one', () => {
    expect(() => installPlugins({ ...opts(), pluginRoot: path.join(home, 'nope') })).toThrow(InstallError);
    expect(() => installPlugins({ ...opts(), pluginRoot: path.join(home, 'nope') })).toThrow(/not a dcc-plugins folder/);
  });

  it('finds the plugins through RAYVISION_PLUGINS_DIR', () => {
    mk('houdini20.5');
    const report = installPlugins({ home, platform: 'linux', env: { RAYVISION_PLUGINS_DIR: pluginRoot } });
    expect(report.pluginRoot).toBe(pluginRoot);
  });
});

describe('installPlugins on Windows and macOS layouts', () => {
  it('Windows: Documents/houdiniXX.Y, Documents/maya/<ver>, %APPDATA%/Isotropix/Clarisse/<ver>', () => {
    mk('Documents', 'houdini20.0');
    mk('Documents', 'maya', '2023');
    mk('AppData', 'Roaming', 'Isotropix', 'Clarisse', '5.0');
    const report = installPlugins({ home, platform: 'win32', env: { APPDATA: path.join(home, 'AppData', 'Roaming') }, pluginRoot });
    expect(report.actions.map((a) => [a.host, a.version, a.action])).toEqual([
      ['houdini', '20.0', 'written'],
      ['maya', '2023', 'written'],
      ['clarisse', '5.0', 'written'],
    ]);
  });

  it('macOS: Library/Preferences/houdini/XX.Y and Autodesk/maya/<ver>', () => {
    mk('Library', 'Preferences', 'houdini', '20.5');
    mk('Library', 'Preferences', 'Autodesk', 'maya', '2025');
    const report = installPlugins({ home, platform: 'darwin', env: {}, pluginRoot, hosts: ['houdini', 'maya'] });
    expect(report.actions.map((a) => [a.host, a.version])).toEqual([
      ['houdini', '20.5'],
      ['maya', '2025'],
    ]);
    expect(read('Library', 'Preferences', 'houdini', '20.5', 'packages', 'rayvision.json')).toContain(slash(pluginRoot));
  });
});

describe('InstallError', () => {
  it('is a FarmError with a stable code', () => {
    const e = new InstallError('x');
    expect(e.code).toBe('ERR_INSTALL');
  });
});
