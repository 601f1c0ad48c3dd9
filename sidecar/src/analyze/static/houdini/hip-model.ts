import { SceneDamageTips } from '../../../../../protocol/src/tips';
import type { SceneWarning } from '../../../../../protocol/src/scene';
import type { CpioEntry } from './cpio';
import {
  parseChannels, parseDefFlags, parseDefInputs, parseFallbacks, parseFileParmDefs, parseInitType, parseStart, parseVariables, type StartInfo,
} from './hscript-entries';
import type { ChannelInfo } from './hscript/scene';
import { parseParms, type ParmMap } from './parm-parser';
import { parseTakes, type TakeData } from './takes';

/** One operator node as the .hip stores it (only what the analysis needs). */
export interface HipNode {
  path: string;
  type?: string;
  parms?: ParmMap;
  channels?: Map<string, ChannelInfo>;
  bypass?: boolean;
  /** Input index → the sibling node wired into it ('' when none), from the `.def`. */
  inputs?: string[];
  /**
   * The whole `.parm` entry, kept (within PARM_TEXT_BUDGET) so channel references can read parms
   * the pruned `parms` dropped (a plain word, a number) without a second pass over the file.
   */
  parmText?: string;
  /** Spare parms declared as file/image/geometry/directory. */
  fileParms?: Set<string>;
}

/** Everything the reader keeps from a .hip's entries. */
export class HipModel {
  start: StartInfo = { fps: 24, fstart: 1, fend: 240, current: 1 };
  variables: Record<string, string> = {};
  fallbacks: Array<{ type: string; library: string }> = [];
  nodes = new Map<string, HipNode>();
  /** Takes by name, from `.takes` (empty: only the Main take, as stored in the nodes). */
  takes = new Map<string, TakeData>();
  warnings: SceneWarning[] = [];
  /** Bytes of `.parm` text kept so far (see HipNode.parmText). */
  parmTextBytes = 0;

  node(path: string): HipNode {
    let n = this.nodes.get(path);
    if (!n) {
      n = { path };
      this.nodes.set(path, n);
    }
    return n;
  }
}

/** At most this much `.parm` text is kept for channel references (beyond it they need the DCC). */
export const PARM_TEXT_BUDGET = 64 * 1024 * 1024;

const NODE_SUFFIXES = ['.init', '.def', '.parm', '.chn', '.spareparmdef'] as const;
const TOP_ENTRIES = new Set(['.start', '.variables', '.OPfallbacks', '.takes']);

/** Parms the ROP/camera logic reads even when their values are plain words or numbers. */
const KEEP_PARMS = new Set([
  'f', 'trange', 'camera', 'res', 'res_override', 'res_fraction', 'override_camerares', 'RS_renderCamera', 'HO_renderCamera',
  'render_camera', 'RS_overrideCameraRes', 'RS_overrideRes1', 'RS_overrideRes2', 'filemode', 'loadfromdisk', 'hq_driver',
  'hq_sim_controls', 'num_slices', 'slice_type', 'sliceType', 'slicediv', 'hq_cluster_node', 'num_clusters',
  // The ROP graph and takes: fetch `source`, wedge `driver`, the take a ROP renders with.
  'source', 'driver', 'take',
]);

/**
 * Drops parms that cannot matter (numbers, plain words) so memory stays small on scenes with
 * hundreds of thousands of parms; keeps the ones ROPs need and any value that could name a file.
 */
function pruneParms(parms: ParmMap): ParmMap {
  for (const [name, values] of parms) {
    if (KEEP_PARMS.has(name)) continue;
    if (!values.some((v) => v.text.length < 4096 && /[\\/.$`<%#]/.test(v.text) && !/^-?[\d.]+(e[-+]?\d+)?$/i.test(v.text))) parms.delete(name);
  }
  return parms;
}

/** Fast line filter: a parm the ROP logic reads, or a value with a path-like character or a file extension. */
function mayMatter(name: string, rest: string): boolean {
  return KEEP_PARMS.has(name) || /[\\/$`<%#]|[A-Za-z_]\.[A-Za-z]/.test(rest);
}

/** A channel that may decide a string (a file path): Python, or an expression with text or chs(). */
const STRING_CHANNEL = /["'`]|\bch(s|sop|sraw)\s*\(|\$[A-Za-z_]/;

/**
 * Puts back the parms that pruning dropped although a channel that may produce a path drives them
 * (their cached value is often empty): the expression, not the stored text, decides the file.
 */
function keepChannelParms(node: HipNode, parmText: string | undefined): void {
  if (!node.parms || !node.channels || !parmText) return;
  const wanted = new Set<string>();
  for (const [name, ch] of node.channels) if (ch.language === 'python' || STRING_CHANNEL.test(ch.expr ?? '')) wanted.add(name);
  for (const values of node.parms.values()) for (const v of values) if (v.channel) wanted.delete(v.channel);
  if (wanted.size === 0) return;
  for (const [name, values] of parseParms(parmText)) {
    if (values.some((v) => v.channel !== undefined && wanted.has(v.channel))) node.parms.set(name, values);
  }
}

/** True for the entries the reader parses; everything else (binary libraries, UI) is skipped unread. */
export function wantEntry(name: string): boolean {
  if (TOP_ENTRIES.has(name)) return true;
  if (name.startsWith('.')) return false;
  return NODE_SUFFIXES.some((s) => name.endsWith(s));
}

/** Adds one entry to the model; a malformed entry is skipped with a warning. */
export function addEntry(model: HipModel, entry: CpioEntry): void {
  if (!entry.data) return;
  const text = entry.data.toString('utf8');
  try {
    if (entry.name === '.start') model.start = parseStart(text);
    else if (entry.name === '.variables') model.variables = parseVariables(text);
    else if (entry.name === '.OPfallbacks') model.fallbacks = parseFallbacks(text);
    else if (entry.name === '.takes') model.takes = parseTakes(text);
    else {
      const suffix = NODE_SUFFIXES.find((s) => entry.name.endsWith(s));
      if (!suffix) return;
      const node = model.node('/' + entry.name.slice(0, -suffix.length));
      if (suffix === '.init') node.type = parseInitType(text);
      else if (suffix === '.def') {
        node.bypass = parseDefFlags(text).bypass;
        const inputs = parseDefInputs(text);
        if (inputs.length) node.inputs = inputs;
      } else if (suffix === '.parm') {
        node.parms = pruneParms(parseParms(text, mayMatter));
        keepChannelParms(node, text);
        if (model.parmTextBytes + text.length <= PARM_TEXT_BUDGET) {
          node.parmText = text;
          model.parmTextBytes += text.length;
        }
      }
      else if (suffix === '.chn') {
        node.channels = parseChannels(text);
        keepChannelParms(node, node.parmText);
      }
      else node.fileParms = parseFileParmDefs(text);
    }
  } catch (err) {
    model.warnings.push({ code: SceneDamageTips.hipEntryUnread, message: `Entry ${entry.name} could not be read (${(err as Error).message}); it was skipped.` });
  }
}

/** True when the node sits in an output-driver network: under /out or inside a ropnet. */
export function inDriverContext(model: HipModel, nodePath: string): boolean {
  const parts = nodePath.split('/').filter(Boolean);
  if (parts[0] === 'out') return true;
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const parent = model.nodes.get('/' + parts.slice(0, i).join('/'));
    if (parent?.type && /ropnet$/i.test(parent.type)) return true;
  }
  return false;
}
