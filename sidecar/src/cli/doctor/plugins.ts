/** Each host's plugin install: the files `rayvision install-plugins` writes, and where they point. */
import { inspectPlugins, type PluginInstallState } from '../../install/index';
import { fail, ok, warn, type CheckResult } from './check';

const NAMES = { houdini: 'Houdini', maya: 'Maya', clarisse: 'Clarisse' } as const;

function resultOf(s: PluginInstallState, pluginRoot: string): CheckResult {
  const what = `${NAMES[s.host]}${s.version ? ` ${s.version}` : ''}`;
  const id = `plugins:${s.host}${s.version ? `-${s.version}` : ''}`;
  const fix = `rayvision install-plugins --${s.host}`;
  if (s.state === 'installed') return ok(id, `${what}: installed (${s.path} → ${pluginRoot})`);
  if (s.state === 'missing') return fail(id, `${what}: the plugin is not installed (no ${s.path})`, `run \`${fix}\``);
  if (s.state === 'outdated') return warn(id, `${what}: ${s.path} points at other plugins or an older install than ${pluginRoot}`, `run \`${fix}\` to point it here`);
  return ok(id, `${what}: not on this machine (no settings folder at ${s.path}); nothing to install`);
}

export function checkPlugins(env: NodeJS.ProcessEnv = process.env): CheckResult[] {
  const { pluginRoot, hosts } = inspectPlugins({ env });
  if (hosts.every((h) => h.state === 'no-host')) {
    return [warn('plugins', `no Houdini, Maya or Clarisse settings folder found (looked in ${hosts.map((h) => h.path).join(', ')})`, 'start the DCC once (it makes its settings folder), or set HOUDINI_USER_PREF_DIR / MAYA_APP_DIR, then `rayvision install-plugins`')];
  }
  return hosts.map((h) => resultOf(h, pluginRoot));
}
