/**
 * The software version check (spec/api.md §5.2 step 3): task.json's `cg_version` must be one the
 * farm offers for the scene's DCC (querySoftwareDetail), compared exactly, as the farm does.
 */
import { dccName } from '../api';
import type { CheckApi } from './api-shape';
import { TaskInfoError, UnsupportedSoftwareVersionError } from './errors';

export interface SoftwareFields {
  cgId: string;
  cgName: string;
  cgVersion: string;
}

/** Throws UnsupportedSoftwareVersionError listing the versions the farm supports. */
export async function checkSoftwareVersion(api: CheckApi, sw: SoftwareFields, signal?: AbortSignal): Promise<void> {
  const name = dccName(sw.cgId);
  if (!name) throw new TaskInfoError(`task_info.cg_id "${sw.cgId}" is not a software id the farm knows; fix task.json (e.g. "2004" Houdini, "2000" Maya, "2013" Clarisse).`, 1000000, 'task_info.cg_id');
  const detail = await api.query.supportedPlugin(name, 'default', signal ? { signal } : {});
  const versions = (detail?.cgVersion ?? []).map((v) => String(v.cgVersion));
  if (versions.includes(sw.cgVersion)) return;
  const sorted = [...new Set(versions)].sort();
  throw new UnsupportedSoftwareVersionError(
    `${sw.cgName} ${sw.cgVersion} is not supported, supported versions: ${sorted.join(', ')}. Set software_config.cg_version in task.json to one of them.`,
    { cgName: sw.cgName, cgVersion: sw.cgVersion, supported: sorted, field: 'software_config.cg_version', fieldPhrase: 'software_config.cg_version in task.json' },
  );
}
