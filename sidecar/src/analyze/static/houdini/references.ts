import path from 'node:path';
import type { FileReference } from '../../../../../protocol/src/scene';
import { tokenize } from '../../tokens/tokenize';
import { inDriverContext, type HipModel, type HipNode } from './hip-model';
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

/**
 * Input-file references of every node (spec/analysis.md §4.1 rule 3): the known type/parm table,
 * spare parms declared as files, then the path-score heuristic; outputs, scripts, built-ins and
 * node paths are left out.
 */
export function collectParmReferences(model: HipModel): FileReference[] {
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
        if (!value || isIgnoredValue(value) || NODE_PATH.test(value)) return;
        if (!declared && pathScore(value) <= 9) return;
        if (isWriteParm(model, node, parm)) return;
        const expr = v.channel ? node.channels?.get(v.channel) : undefined;
        const ref: FileReference = {
          node: node.path,
          parm: values.length > 1 ? `${parm}${index + 1}` : parm,
          path: value,
          kind: known?.[parm] ?? kindOf(value),
        };
        if (hasFrameToken(value)) ref.sequence = true;
        if (value.includes('`') || (expr !== undefined && !/^-?[\d.]+$/.test(expr))) ref.needsDcc = true;
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
