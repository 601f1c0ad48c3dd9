/**
 * The files a Maya scene reads: referenced scenes (`file -r`, .mb FREF), every path attribute of the
 * file-carrying node table, and path-shaped strings on nodes we do not know. Paths stay raw (tokens,
 * variables and relative paths unexpanded); the token grammar expands them later.
 */
import type { FileReference } from '../../../../../protocol/src/scene';
import { asBool, asNumber } from './attr-lookup';
import { FILE_ATTRS, FRAME_EXTENSION_ATTRS } from './file-attrs';
import { NOT_INPUT_TYPES, isKeptType } from './node-types';
import { shortName, splitPlug, type AttrValue, type MayaNode, type MayaSceneModel } from './scene-model';
import { looksLikePath } from './store-attr';

const FRAME_TOKEN = /#+|<f>|<frame(?:0\d)?>|%0?\d*d|\$F\d*\b/i;
const TILE_TOKEN = /<udim>|<tile>|<uvtile>|u<u>_v<v>|_MAPID_/i;

/** True when a Maya path names a frame sequence by its tokens. */
export function hasFrameToken(path: string): boolean {
  return FRAME_TOKEN.test(path);
}

function attr(node: MayaNode, ...names: string[]): AttrValue | undefined {
  for (const n of names) {
    const v = node.attrs.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

function values(v: AttrValue | undefined): string[] {
  if (typeof v === 'string') return v.trim() === '' ? [] : [v];
  if (Array.isArray(v)) return v.filter((s) => s.trim() !== '');
  return [];
}

/** `C:/x/a.ma{2}` → `C:/x/a.ma`: Maya's copy-number suffix for a file referenced more than once. */
export function stripCopyNumber(path: string): string {
  return path.replace(/\{\d+\}$/, '');
}

function drivenAttrs(model: MayaSceneModel): Set<string> {
  const out = new Set<string>();
  for (const c of model.connections) {
    const { node, attr } = splitPlug(c.dst);
    out.add(`${shortName(node)}.${attr}`);
  }
  return out;
}

function nodeRefs(node: MayaNode, driven: Set<string>): FileReference[] {
  const out: FileReference[] = [];
  const sequenceAttr = asBool(attr(node, ...FRAME_EXTENSION_ATTRS), false);
  if (node.type === 'imagePlane' && asNumber(attr(node, 'displayMode', 'dm'), 2) === 0) return out;
  if (node.type === 'colorManagementGlobals' && !asBool(attr(node, 'configFileEnabled', 'cfe'), false)) return out;
  if (node.type === 'cacheFile') {
    const dir = values(attr(node, 'cachePath', 'cp'))[0];
    const name = values(attr(node, 'cacheName', 'cn'))[0];
    if (dir && name) out.push({ node: node.name, parm: 'cachePath', path: `${dir.replace(/[\\/]$/, '')}/${name}.xml`, kind: 'cache' });
    return out;
  }
  for (const spec of FILE_ATTRS[node.type] ?? []) {
    const name = spec.names.find((n) => node.attrs.has(n) || driven.has(`${node.name}.${n}`));
    if (!name) continue;
    const isDriven = driven.has(`${node.name}.${name}`);
    for (let path of values(node.attrs.get(name))) {
      if (node.type === 'colorManagementGlobals' && path.startsWith('<MAYA_RESOURCES>')) continue;
      if (node.type === 'file' && asNumber(attr(node, 'uvTilingMode', 'uvt'), 0) !== 0) {
        const pattern = values(attr(node, 'computedFileTextureNamePattern', 'cfnp'))[0];
        if (pattern && TILE_TOKEN.test(pattern) && !TILE_TOKEN.test(path)) path = pattern;
      }
      const ref: FileReference = { node: node.name, parm: spec.names[0]!, path, kind: spec.kind };
      if (sequenceAttr || hasFrameToken(path)) ref.sequence = true;
      if (isDriven) ref.needsDcc = true;
      out.push(ref);
    }
  }
  return out;
}

function genericRefs(node: MayaNode): FileReference[] {
  const out: FileReference[] = [];
  for (const [name, v] of node.attrs) {
    for (const path of values(v)) {
      if (!looksLikePath(path)) continue;
      const ref: FileReference = { node: node.name, parm: name, path, kind: 'other' };
      if (hasFrameToken(path)) ref.sequence = true;
      out.push(ref);
    }
  }
  return out;
}

/** All references of the model, scene references first, without duplicates. */
export function collectReferences(model: MayaSceneModel): FileReference[] {
  const out: FileReference[] = [];
  const seen = new Set<string>();
  const add = (r: FileReference): void => {
    const key = `${r.node}\u0000${r.parm}\u0000${r.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  for (const r of model.references) {
    add({ node: r.node ?? r.namespace ?? 'reference', parm: 'fileName', path: stripCopyNumber(r.path), kind: 'scene_reference', ...(r.namespace ? { namespace: r.namespace } : {}) });
  }
  for (const r of model.editedFiles) add(hasFrameToken(r.path) ? { ...r, sequence: true } : r);
  const driven = drivenAttrs(model);
  for (const node of model.nodes.values()) {
    if (node.type in FILE_ATTRS) nodeRefs(node, driven).forEach(add);
    else if (!isKeptType(node.type) && !NOT_INPUT_TYPES.has(node.type)) genericRefs(node).forEach(add);
  }
  for (const key of driven) {
    const { node, attr: a } = splitPlug(key);
    const n = model.node(node);
    if (n && FILE_ATTRS[n.type]?.some((s) => s.names.includes(a)) && !n.attrs.has(a)) {
      model.warn('STATIC_NEEDS_DCC', `${key} is driven by a connection; its file is only known when Maya evaluates the scene.`, node, a);
    }
  }
  return out;
}
