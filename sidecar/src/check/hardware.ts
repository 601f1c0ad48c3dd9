/**
 * Hardware selection (spec/api.md §5.3), a pure function of the farm's configuration list and the
 * task. Kept: server order, the last match wins, the error texts. Fixed: `model` may be a list (the
 * 2026 docs' multi-select), comparisons ignore case and spacing of ram and treat a missing gpuNum as
 * null, `notSupportCgId` compares numbers with numbers, configs of other platforms are skipped before
 * anything else (they used to raise conflicts), a tip-code conflict only fails when nothing else
 * matched, and the CINEMA 4D 2024 rule looks at the task's platform (falling back to the API's).
 */
import { HardwareConfigIdError, NotSupportCGSoftwareError, NotSupportHardwareCodeError, NotSupportPluginError } from './errors';

export interface HardwareRequest {
  model: string | string[];
  ram: string;
  gpuNum?: string | null;
}

export interface FarmHardwareConfig {
  id: number | string;
  model: string;
  ram: string;
  gpuNum?: string | null;
  platform: number | string;
  status?: number | boolean;
  notSupportCgId?: (number | string)[] | null;
  notSupportCode?: string[] | null;
  notSupportPluginList?: string[] | null;
}

export interface HardwareChoice {
  hardwareConfigId: string;
  /** "64GB" → "64". */
  ram: string;
  /** First character of gpuNum ("2*GPU" → "2"), "2" when there is none (the old rule). */
  graphicsCardsNum: string;
}

export interface HardwareInput {
  configs: FarmHardwareConfig[];
  request: HardwareRequest;
  cgId: string;
  cgName: string;
  cgVersion: string;
  plugins: Record<string, string>;
  /** Tip codes of the scene (tips.json keys). */
  tipCodes: string[];
  platform: string;
}

const norm = (s: unknown): string => String(s ?? '').replace(/\s+/g, '').toLowerCase();
const gpu = (g: unknown): string => (g === null || g === undefined ? '' : norm(g));
/** Python's dict repr of the request, as the old messages listed allowed configurations. */
const repr = (h: { model: unknown; ram: unknown; gpuNum?: unknown }): string =>
  `{'model': '${String(h.model)}', 'ram': '${String(h.ram)}', 'gpuNum': ${h.gpuNum === null || h.gpuNum === undefined ? 'None' : `'${String(h.gpuNum)}'`}}`;

function models(request: HardwareRequest): string[] {
  return (Array.isArray(request.model) ? request.model : [request.model]).map(norm);
}

/** Pick the hardwareConfigId for `input.request`; throws the old SDK's typed errors when none fits. */
export function selectHardware(input: HardwareInput): HardwareChoice {
  const { request } = input;
  const wanted = models(request);
  const ramOk = (c: FarmHardwareConfig) => norm(c.ram) === norm(request.ram);
  const gpuOk = (c: FarmHardwareConfig) => gpu(c.gpuNum) === gpu(request.gpuNum);
  if (input.cgName === 'CINEMA 4D' && input.cgVersion === '2024' && wanted.some((m) => m === '1080ti' || m === 'default') && ['21', '59', '61'].includes(String(input.platform))) {
    throw new HardwareConfigIdError('CINEMA 4D 2024 GPU area hardware configuration model does not allow Default and 1080Ti; choose another model.', 1000001);
  }
  const allowed: string[] = [];
  let codeConflict = false;
  let id: string | undefined;
  for (const c of input.configs) {
    if (!c.status) continue;
    // Platform first: a config of another platform can neither match nor conflict (the old order let it).
    if (String(c.platform) !== String(input.platform)) continue;
    const same = wanted.includes(norm(c.model)) && ramOk(c) && gpuOk(c);
    if (same && (c.notSupportCgId ?? []).some((x) => Number(x) === Number(input.cgId))) {
      throw new NotSupportCGSoftwareError(`Hardware ${repr(c)} does not support software ${input.cgName} (cg_id ${input.cgId}); choose another hardware configuration.`);
    }
    const tipBlocked = input.tipCodes.some((t) => (c.notSupportCode ?? []).includes(t));
    if (tipBlocked && wanted.includes(norm(c.model))) {
      codeConflict = true;
      continue;
    }
    if (!tipBlocked) allowed.push(repr(c));
    if (!same) continue;
    for (const pattern of c.notSupportPluginList ?? []) {
      const re = new RegExp(pattern.replace(/[()]/g, ''), 'i');
      for (const [name, version] of Object.entries(input.plugins)) {
        if (re.test(`${name} ${version}`)) throw new NotSupportPluginError(`${repr({ ...request, model: request.model })} is not support ${name}${version}; choose another hardware configuration or plugin version.`);
      }
    }
    id = String(c.id);
  }
  if (codeConflict && id === undefined) {
    throw new NotSupportHardwareCodeError(`It was detected that the rendering file does not match the hardware settings, please choose from the following options:${allowed.join(',')}`);
  }
  if (id === undefined) throw new HardwareConfigIdError(`No enabled hardware matches ${repr(request)} on platform ${input.platform}. Allowed Hardware Configuration Information:${allowed.join(',')}`);
  const g = request.gpuNum ? String(request.gpuNum) : '';
  return { hardwareConfigId: id, ram: String(request.ram).replace(/GB/i, ''), graphicsCardsNum: g ? g[0]! : '2' };
}
