/**
 * What the submit dialog offers, from the farm: the hardware the account may use (hardwareConfig/list),
 * the DCC versions and plugin versions for the scene's DCC (querySoftwareDetail), each with the
 * scene's detected version preselected, or the closest one and a note saying so. A scene whose
 * renderer needs a GPU gets a GPU configuration preselected, and the reason.
 */
import type { SceneFacts } from '../../../protocol/src/scene';
import { CG_IDS, gpuNodes } from '../jobfiles';
import type { CheckApi } from './api-shape';
import { closestVersions } from './closest-version';
import { isGpuConfig } from './gpu-check';
import type { FarmHardwareConfig } from './hardware';
import { pluginVersions, softwareDetail } from './version-check';

export interface HardwareOption {
  id: string;
  model: string;
  ram: string;
  gpuNum: string | null;
  platform: string;
  gpu: boolean;
  label: string;
}

export interface VersionMenu {
  name: string;
  versions: string[];
  detected?: string;
  selected?: string;
  /** Set when the detected version is not offered: what was chosen instead and why. */
  note?: string;
}

export interface SubmitOptions {
  hardware: HardwareOption[];
  /** Index into `hardware` of the preselected configuration (-1 when the list is empty). */
  hardwareSelected: number;
  hardwareReason: string;
  /** node → why it needs a GPU. */
  gpuNodes: Record<string, string>;
  software: VersionMenu;
  plugins: VersionMenu[];
}

const NAMES: Record<string, string> = { houdini: 'Houdini', maya: 'Maya', clarisse: 'Clarisse' };

function menu(name: string, versions: string[], detected: string | undefined, what: string): VersionMenu {
  const out: VersionMenu = { name, versions, ...(detected ? { detected } : {}) };
  if (detected && versions.includes(detected)) return { ...out, selected: detected };
  const closest = detected ? closestVersions(detected, versions) : [];
  const selected = closest[0] ?? versions[versions.length - 1];
  if (selected) out.selected = selected;
  if (detected) out.note = `The scene uses ${what} ${detected}, which the farm does not offer; closest: ${closest.join(', ') || 'none'}.`;
  return out;
}

function hardwareOption(c: FarmHardwareConfig & { type?: number }): HardwareOption {
  const gpu = isGpuConfig(c);
  const label = `${gpu ? 'GPU' : 'CPU'} ${c.model}, ${c.ram}${c.gpuNum ? `, ${c.gpuNum}` : ''} (platform ${c.platform})`;
  return { id: String(c.id), model: c.model, ram: c.ram, gpuNum: c.gpuNum ?? null, platform: String(c.platform), gpu, label };
}

/** The dialog's menus for `facts` (the nodes marked renderable are the ones that will render). */
export async function submitOptions(api: CheckApi, facts: Pick<SceneFacts, 'host' | 'software' | 'plugins' | 'renderNodes'>, platform?: string, signal?: AbortSignal): Promise<SubmitOptions> {
  const cgName = NAMES[facts.host]!;
  const detail = await softwareDetail(api, CG_IDS[cgName]!, signal);
  const configs = ((await api.user.getHardwareConfig(null, signal ? { signal } : {})) ?? []) as (FarmHardwareConfig & { type?: number })[];
  const hardware = configs.filter((c) => c.status).map(hardwareOption);
  const here = String(platform ?? api.platform);
  const gpu = gpuNodes(facts);
  const reasons = Object.values(gpu);
  const pick = (want: boolean) => {
    const same = hardware.findIndex((h) => h.gpu === want && h.platform === here);
    return same >= 0 ? same : hardware.findIndex((h) => h.gpu === want);
  };
  let hardwareSelected = pick(reasons.length > 0);
  let hardwareReason = reasons.length > 0 ? `${reasons.join('; ')}: a GPU configuration is preselected.` : 'No renderer of the scene needs a GPU: CPU hardware is preselected.';
  if (hardwareSelected < 0) {
    hardwareSelected = hardware.length ? 0 : -1;
    if (reasons.length) hardwareReason = `${reasons.join('; ')}, but the account has no GPU hardware: ask the farm to enable some.`;
  }
  const versions = [...new Set((detail?.cgVersion ?? []).map((v) => String(v.cgVersion)))];
  const offered = pluginVersions(detail);
  const plugins = Object.entries(facts.plugins ?? {})
    .filter(([name]) => offered.has(name.toLowerCase()))
    .map(([name, version]) => menu(name, offered.get(name.toLowerCase())!, version || undefined, name));
  return { hardware, hardwareSelected, hardwareReason, gpuNodes: gpu, software: menu(cgName, versions, facts.software.version, cgName), plugins };
}
