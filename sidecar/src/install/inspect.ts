/**
 * `inspectPlugins`: is each host version found on this machine pointed at these plugins? The
 * installer's dry run says what it would change; that answer, read per file, is the state
 * (`rayvision doctor` reports it with the install-plugins command that fixes it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { hasClarisseBlock } from './files';
import { installPlugins } from './install';
import type { InstallOptions, PluginHost } from './types';

export type PluginState = 'installed' | 'missing' | 'outdated' | 'no-host';

export interface PluginInstallState {
  host: PluginHost;
  /** Host version folder; undefined for a version-independent file or when no host was found. */
  version?: string | undefined;
  /** The file install-plugins writes (or the folder searched when no host was found). */
  path: string;
  state: PluginState;
}

/** The install state of every host version (all hosts unless `options.hosts`); writes nothing. */
export function inspectPlugins(options: Omit<InstallOptions, 'dryRun'> = {}): { pluginRoot: string; hosts: PluginInstallState[] } {
  const report = installPlugins({ ...options, dryRun: true });
  const hosts = report.actions.map((a): PluginInstallState => {
    const base = { host: a.host, version: a.version, path: a.path };
    if (a.action === 'not-found') return { ...base, state: 'no-host' };
    if (a.action === 'unchanged') return { ...base, state: 'installed' };
    if (a.action === 'written') return { ...base, state: 'missing' };
    // "would update": Clarisse's clarisse.env may exist without our block at all.
    const ours = a.host !== 'clarisse' || (existsSync(a.path) && hasClarisseBlock(readFileSync(a.path, 'utf8')));
    return { ...base, state: ours ? 'outdated' : 'missing' };
  });
  return { pluginRoot: report.pluginRoot, hosts };
}
