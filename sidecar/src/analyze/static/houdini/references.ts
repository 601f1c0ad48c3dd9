import path from 'node:path';
import type { FileReference, ReferenceKind } from '../../../../../protocol/src/scene';
import { tokenize } from '../../tokens/tokenize';
import { inDriverContext, type HipModel, type HipNode } from './hip-model';
import { HscriptError, hasExpression, type ChannelInfo, type HscriptEvaluator } from './hscript';
import type { ParmValue } from './parm-parser';
import { parmText } from './render-nodes';
import { EXCLUDED_PARMS, EXCLUDED_TYPES, FILE_PARMS, baseType, isIgnoredValue, kindOf, pathScore, ropTypeOf } from './node-tables';

const NODE_PATH = /^\/(obj|out|shop|mat|stage|img|ch|vex|part|tasks)(\/|$)/;

/** True when a node writes rather than reads the file in this parm (file SOP in write mode, caches not loading). */
function isWriteParm(model: HipModel, node: HipNode, parm: string): boolean {
  const type = node.type ? baseType(node.type) : '';
  if (type === 'file' && parm === 'file') return parmText(node, 'filemode') === 'write';
  const rop = node.type ? ropTypeOf(node.type, inDriverContext(model, node.path)) : undefined;
  if (!rop?.output?.includes(parm)) return false;
  if (type === 'filecache' || type === 'dopio' || type === 'vellumio') {
    const load = parmText(node, 'loadfromdisk');
    return !(load === 'on' || load === '1');
  }
  return true;
}

function hasFrameToken(value: string): boolean {
  return tokenize(value).some((t) => t.kind === 'frame');
}

/** One parm component as the reference scan sees it. */
interface Candidate {
  node: HipNode;
  parm: string;
  /** Name in the reference (`file`, or `filename2` for a tuple's second component). */
  name: string;
  value: ParmValue;
  declared: boolean;
  kind?: ReferenceKind;
}

/** A channel whose expression decides the value (not a constant, not plain keyframes). */
function drivingChannel(node: HipNode, value: ParmValue): ChannelInfo | undefined {
  const channel = value.channel ? node.channels?.get(value.channel) : undefined;
  if (!channel) return undefined;
  if (channel.language === 'hscript' && (channel.expr === undefined || /^-?[\d.]+$/.test(channel.expr.trim())) && !channel.animated) return undefined;
  return channel;
}

/**
 * A parm whose value an expression decides (backticks, or a channel): evaluated with the HScript
 * evaluator. A value the evaluator cannot work out is a reference that needs the DCC, with the
 * reason — never a pattern; one it works out is judged (file or not) by what it evaluates to.
 */
function expressionReference(c: Candidate, channel: ChannelInfo | undefined, evaluator: HscriptEvaluator, isWrite: () => boolean): FileReference | undefined {
  const raw = c.value.text.trim();
  const shown = channel ? '`' + (channel.expr ?? '') + '`' : raw;
  let evaluated: string | undefined;
  let failure: HscriptError | undefined;
  try {
    evaluated = evaluator.parm(c.node.path, c.name, channel ? { text: c.value.text, channel } : { text: c.value.text }).trim();
  } catch (err) {
    if (!(err instanceof HscriptError)) throw err;
    failure = err;
  }
  const score = Math.max(pathScore(raw), evaluated ? pathScore(evaluated) : 0);
  if ((!c.declared && score <= 9) || isWrite()) return undefined;
  const base = { node: c.node.path, parm: c.name, path: shown };
  if (failure) {
    const saved = channel && raw ? `; the value saved with the scene is "${raw}"` : '';
    return { ...base, kind: c.kind ?? kindOf(raw), needsDcc: true, dccReason: failure.message + saved };
  }
  if (!evaluated || isIgnoredValue(evaluated) || NODE_PATH.test(evaluated)) return undefined;
  const ref: FileReference = { ...base, evaluated, kind: c.kind ?? kindOf(evaluated) };
  if (hasFrameToken(evaluated)) ref.sequence = true;
  return ref;
}

/**
 * Input-file references of every node (spec/analysis.md §4.1 rule 3): the known type/parm table,
 * spare parms declared as files, then the path-score heuristic; outputs, scripts, built-ins and
 * node paths are left out. Values decided by expressions go through the HScript evaluator.
 */
export function collectParmReferences(model: HipModel, evaluator: HscriptEvaluator): FileReference[] {
  const refs: FileReference[] = [];
  for (const node of model.nodes.values()) {
    if (!node.parms) continue;
    if (node.type && EXCLUDED_TYPES.has(node.type)) continue;
    const known = node.type ? (FILE_PARMS[node.type] ?? FILE_PARMS[baseType(node.type)]) : undefined;
    for (const [parm, values] of node.parms) {
      if (EXCLUDED_PARMS.has(parm) || /^(pre|post)(render|frame|write)/.test(parm)) continue;
      const declared = known?.[parm] !== undefined || node.fileParms?.has(parm) === true;
      values.forEach((v, index) => {
        const value = v.text.trim();
        const channel = drivingChannel(node, v);
        if (!channel && (isIgnoredValue(value) || NODE_PATH.test(value))) return;
        const name = values.length > 1 ? `${parm}${index + 1}` : parm;
        const isWrite = (): boolean => isWriteParm(model, node, parm);
        if (channel || hasExpression(value)) {
          const c: Candidate = { node, parm, name, value: v, declared, ...(known?.[parm] ? { kind: known[parm] } : {}) };
          const ref = expressionReference(c, channel, evaluator, isWrite);
          if (ref) refs.push(ref);
          return;
        }
        if (!declared && pathScore(value) <= 9) return;
        if (isWrite()) return;
        const ref: FileReference = { node: node.path, parm: name, path: value, kind: known?.[parm] ?? kindOf(value) };
        if (hasFrameToken(value)) ref.sequence = true;
        refs.push(ref);
      });
    }
  }
  return refs;
}

/** True for libraries that ship with Houdini (OPlib*, under an install folder or $HFS). */
function isBuiltinLibrary(lib: string): boolean {
  const p = lib.replace(/\\/g, '/');
  return /^\$\{?HFS\}?/.test(p) || /\/OPlib[^/]*$/i.test(p) || /\/opt\/hfs|side ?effects|SIDEEF~1|\/Applications\/Houdini/i.test(p) || /\/houdini\/otls\//i.test(p);
}

/** External HDA libraries from `.OPfallbacks`, attributed to the first node of each type. */
export function collectHdaReferences(model: HipModel): FileReference[] {
  const byType = new Map<string, string>();
  for (const node of model.nodes.values()) {
    if (node.type && !byType.has(node.type)) byType.set(node.type, node.path);
  }
  const refs: FileReference[] = [];
  const seen = new Set<string>();
  for (const { type, library } of model.fallbacks) {
    if (isBuiltinLibrary(library) || seen.has(library)) continue;
    seen.add(library);
    const name = type.includes('/') ? type.replace(/^(.*::)?[^/]*\//, '$1') : type;
    refs.push({ node: byType.get(name) ?? byType.get(type) ?? type, parm: 'OPfallbacks', path: library, kind: 'hda' });
  }
  return refs;
}

/**
 * Variables for expansion: the stored ones, with `$JOB` rebased when the stored `$HIP` was inside
 * it (the scene moved: `$JOB` keeps the same relation to the scene's current folder).
 */
export function sceneVariables(model: HipModel, scenePath: string): Record<string, string> {
  const vars = { ...model.variables };
  const hip = vars.HIP?.replace(/\\/g, '/').replace(/\/+$/, '');
  const job = vars.JOB?.replace(/\\/g, '/').replace(/\/+$/, '');
  if (hip && job && hip.toLowerCase().startsWith(job.toLowerCase() + '/')) {
    const depth = hip.slice(job.length + 1).split('/').length;
    vars.JOB = path.resolve(path.dirname(scenePath), ...Array<string>(depth).fill('..'));
  }
  if (process.env.JOB && !(hip && job && vars.JOB !== job)) vars.JOB = process.env.JOB;
  return vars;
}
