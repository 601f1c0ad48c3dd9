/**
 * The software and plugin version checks (spec/api.md §5.2 step 3): task.json's `cg_version` must
 * be one the farm offers for the scene's DCC (querySoftwareDetail), compared exactly, as the farm does;
 * so must each plugin version the farm lists for that DCC. A missing one names the closest offered.
 */
import { dccName } from '../api';
import type { CheckApi } from './api-shape';
import { closestVersions } from './closest-version';
import { CheckError, TaskInfoError, UnsupportedSoftwareVersionError, type CheckIssue } from './errors';

export interface SoftwareFields {
  cgId: string;
  cgName: string;
  cgVersion: string;
}

type Detail = Awaited<ReturnType<CheckApi['query']['supportedPlugin']>>;

/** The farm's versions of the task's DCC and its plugins (querySoftwareDetail); throws for an unknown cg_id. */
export async function softwareDetail(api: CheckApi, cgId: string, signal?: AbortSignal): Promise<Detail> {
  const name = dccName(cgId);
  if (!name) throw new TaskInfoError(`task_info.cg_id "${cgId}" is not a software id the farm knows; fix task.json (e.g. "2004" Houdini, "2000" Maya, "2013" Clarisse).`, 1000000, 'task_info.cg_id');
  return api.query.supportedPlugin(name, 'default', signal ? { signal } : {});
}

/** plugin name (lower case) → the versions the farm offers. */
export function pluginVersions(detail: Detail): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of detail?.cgPlugin ?? []) {
    const name = String(p.pluginName ?? '').toLowerCase();
    const versions = (p.pluginVersions ?? []).map((v) => String(v.pluginVersion));
    out.set(name, [...(out.get(name) ?? []), ...versions]);
  }
  return out;
}

/** Throws UnsupportedSoftwareVersionError naming the closest versions and listing all the farm supports. */
export async function checkSoftwareVersion(api: CheckApi, sw: SoftwareFields, signal?: AbortSignal, detail?: Detail): Promise<void> {
  const d = detail ?? (await softwareDetail(api, sw.cgId, signal));
  const versions = (d?.cgVersion ?? []).map((v) => String(v.cgVersion));
  if (versions.includes(sw.cgVersion)) return;
  const sorted = [...new Set(versions)].sort();
  const closest = closestVersions(sw.cgVersion, sorted);
  throw new UnsupportedSoftwareVersionError(
    `${sw.cgName} ${sw.cgVersion} is not supported${closest.length ? ` (closest: ${closest.join(', ')})` : ''}, supported versions: ${sorted.join(', ')}. Set software_config.cg_version in task.json to one of them.`,
    { cgName: sw.cgName, cgVersion: sw.cgVersion, supported: sorted, closest, field: 'software_config.cg_version', fieldPhrase: 'software_config.cg_version in task.json' },
  );
}

/**
 * One error per plugin whose version the farm does not offer (plugins the farm does not list for this
 * DCC, e.g. Maya's own AbcImport, are the DCC's and are not checked).
 */
export function checkPluginVersions(detail: Detail, plugins: Record<string, string>, file: string): CheckIssue[] {
  const offered = pluginVersions(detail);
  const issues: CheckIssue[] = [];
  for (const [name, version] of Object.entries(plugins)) {
    const versions = offered.get(name.toLowerCase());
    if (!versions || versions.includes(String(version))) continue;
    const closest = closestVersions(String(version), versions);
    const error = new CheckError('ERR_PLUGIN_VERSION', `The farm does not offer ${name} ${version}; closest: ${closest.join(', ')}. Choose one of them (software_config.plugins in task.json, or the plugin menu).`, {
      farmCode: 1000000,
      setting: `software_config.plugins.${name}`,
      details: { plugin: name, version, closest, supported: versions },
    });
    issues.push({ severity: 'error', code: error.code, message: error.message, file, setting: error.setting! });
  }
  return issues;
}
