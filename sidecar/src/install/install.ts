/**
 * `installPlugins` / `uninstallPlugins`: point every installed Houdini, Maya and Clarisse version of
 * this user at the plugins in `dcc-plugins/` (nothing is copied: an update of the checkout or of the
 * built `dist/` is picked up on the next host start). Idempotent; `--uninstall` removes what it wrote.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FarmError } from '../errors';
import { hasClarisseBlock, houdiniPackage, mayaModule, withClarisseBlock, withoutClarisseBlock } from './files';
import { hostDirs, type Layout } from './locations';
import { PLUGIN_HOSTS, type InstallAction, type InstallOptions, type InstallReport, type PluginHost } from './types';

/** The plugins folder was not found, or a file could not be written. */
export class InstallError extends FarmError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('ERR_INSTALL', message, details ? { details } : {});
  }
}

interface Target {
  host: PluginHost;
  version?: string;
  file: string;
}

/** Write the package / module / startup entries for every host version found. */
export function installPlugins(options: InstallOptions = {}): InstallReport {
  const { layout, pluginRoot, hosts } = resolve(options);
  const actions: InstallAction[] = [];
  for (const host of hosts) {
    const { targets, searched } = targetsFor(host, layout, true);
    if (targets.length === 0) {
      actions.push({ host, path: searched, action: 'not-found', detail: `no ${host} settings folder found` });
      continue;
    }
    for (const t of targets) actions.push(write(t, contentFor(t, pluginRoot), options.dryRun === true));
  }
  return { pluginRoot, actions, ...(options.dryRun ? { dryRun: true } : {}) };
}

/** Remove what installPlugins wrote (Clarisse: only our block; the user's own lines are restored). */
export function uninstallPlugins(options: InstallOptions = {}): InstallReport {
  const { layout, pluginRoot, hosts } = resolve(options);
  const actions: InstallAction[] = [];
  for (const host of hosts) {
    const { targets, searched } = targetsFor(host, layout, false);
    if (targets.length === 0) actions.push({ host, path: searched, action: 'not-found' });
    for (const t of targets) actions.push(remove(t, options.dryRun === true));
  }
  return { pluginRoot, actions, ...(options.dryRun ? { dryRun: true } : {}) };
}

const WOULD: Partial<Record<InstallAction['action'], string>> = { written: 'would write', updated: 'would update', removed: 'would remove' };

/** One line per action, for the CLI to print ("would write" … in a dry run). */
export function formatReport(report: InstallReport): string {
  const label = (a: InstallAction) => (report.dryRun ? (WOULD[a.action] ?? a.action) : a.action);
  const width = Math.max(9, ...report.actions.map((a) => label(a).length));
  const lines = report.actions.map((a) => {
    const what = `${a.host}${a.version ? ` ${a.version}` : ''}`;
    return `${label(a).padEnd(width)} ${what.padEnd(16)} ${a.path}${a.detail ? `  (${a.detail})` : ''}`;
  });
  return [`plugins: ${report.pluginRoot}${report.dryRun ? ' (dry run: nothing written)' : ''}`, ...lines].join('\n');
}

/** True when no host of the report was found on this machine (nothing could be installed). */
export function noHostFound(report: InstallReport): boolean {
  return report.actions.length > 0 && report.actions.every((a) => a.action === 'not-found');
}

/** The dcc-plugins folder: option, RAYVISION_PLUGINS_DIR, beside the bundle, or in the repository. */
export function findPluginRoot(options: InstallOptions = {}): string {
  const env = options.env ?? process.env;
  const valid = (c: string): boolean => existsSync(path.join(c, 'common', 'rayvision_client'));
  if (options.pluginRoot !== undefined) {
    if (!valid(options.pluginRoot)) {
      throw new InstallError(`${options.pluginRoot} is not a dcc-plugins folder (no common/rayvision_client in it).`);
    }
    return path.resolve(options.pluginRoot);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    env.RAYVISION_PLUGINS_DIR,
    path.join(here, 'dcc-plugins'),
    path.resolve(here, '..', '..', '..', 'dcc-plugins'),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  const found = candidates.find(valid);
  if (!found) {
    throw new InstallError('The dcc-plugins folder was not found: set RAYVISION_PLUGINS_DIR to it.', { candidates });
  }
  return path.resolve(found);
}

function resolve(options: InstallOptions): { layout: Layout; pluginRoot: string; hosts: readonly PluginHost[] } {
  const env = options.env ?? process.env;
  // An empty variable counts as unset (shells and CI often export USERPROFILE= or HOME=).
  const home = options.home ?? (env.USERPROFILE || env.HOME || os.homedir());
  const hosts = options.hosts && options.hosts.length > 0 ? options.hosts : PLUGIN_HOSTS;
  return { layout: { home, platform: options.platform ?? process.platform, env }, pluginRoot: findPluginRoot(options), hosts };
}

function targetsFor(host: PluginHost, layout: Layout, installing: boolean): { targets: Target[]; searched: string } {
  const { searched, found } = hostDirs(host, layout);
  const file = (dir: string): string =>
    host === 'houdini'
      ? path.join(dir, 'packages', 'rayvision.json')
      : host === 'maya'
        ? path.join(dir, 'modules', 'rayvision.mod')
        : path.join(dir, 'clarisse.env');
  const targets: Target[] = found.map((d) => ({ host, version: d.version || undefined, file: file(d.dir) }));
  // Maya without version folders yet: the version-independent `maya/modules` serves every version.
  if (host === 'maya' && found.length === 0 && existsSync(searched)) {
    const shared = path.join(searched, 'modules', 'rayvision.mod');
    if (installing || existsSync(shared)) targets.push({ host, file: shared });
  }
  return { targets, searched };
}

function contentFor(t: Target, pluginRoot: string): string {
  if (t.host === 'houdini') return houdiniPackage(pluginRoot);
  if (t.host === 'maya') return mayaModule(pluginRoot, t.version);
  return withClarisseBlock(readIfThere(t.file) ?? '', pluginRoot);
}

function write(t: Target, content: string, dryRun: boolean): InstallAction {
  const before = readIfThere(t.file);
  const action = before === undefined ? 'written' : before === content ? 'unchanged' : 'updated';
  if (!dryRun && action !== 'unchanged') {
    try {
      mkdirSync(path.dirname(t.file), { recursive: true });
      writeWhole(t.file, content);
    } catch (cause) {
      throw new InstallError(`Could not write ${t.file}: check its folder's permissions.`, { file: t.file, cause: String(cause) });
    }
  }
  return { host: t.host, version: t.version, path: t.file, action };
}

function remove(t: Target, dryRun: boolean): InstallAction {
  if (!existsSync(t.file)) return { host: t.host, version: t.version, path: t.file, action: 'absent' };
  if (t.host !== 'clarisse') {
    if (!dryRun) {
      rmSync(t.file);
      // The packages/ or modules/ folder install made: gone again when nothing else is in it.
      removeIfEmpty(path.dirname(t.file));
    }
    return { host: t.host, version: t.version, path: t.file, action: 'removed' };
  }
  const current = readIfThere(t.file) ?? '';
  if (!hasClarisseBlock(current)) return { host: t.host, version: t.version, path: t.file, action: 'absent' };
  const next = withoutClarisseBlock(current);
  if (!dryRun) {
    if (next === '') rmSync(t.file);
    else writeWhole(t.file, next);
  }
  return { host: t.host, version: t.version, path: t.file, action: 'removed' };
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Not ours to insist on: a folder we cannot list or remove stays.
  }
}

/** The file's text, undefined when it does not exist; anything else there is an InstallError. */
function readIfThere(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InstallError(`Could not read ${file}: move it away or fix its permissions, then run install-plugins again.`, { file, cause: String(cause) });
  }
}

/** Temp file + rename: an interrupted install never leaves a half-written clarisse.env (it holds the user's lines). */
function writeWhole(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    if (existsSync(tmp) && !statSync(tmp).isDirectory()) rmSync(tmp, { force: true });
    throw err;
  }
}
