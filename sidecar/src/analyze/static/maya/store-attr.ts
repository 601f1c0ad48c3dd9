/**
 * What the readers keep of an attribute value or a connection, shared by .ma and .mb. Nodes of kept
 * types keep every attribute; nodes of other types are kept only when a string attribute looks
 * like a file path (plugin nodes we do not know still yield their files, as `other`).
 */
import { fileAttrSpec, FILE_ATTRS } from './file-attrs';
import { NOT_INPUT_TYPES } from './node-types';
import { splitPlug, type AttrValue, type MayaNode, type MayaSceneModel } from './scene-model';

const MAX_ATTRS_PER_NODE = 4096;

/** A string that is shaped like a file path: has a folder separator and ends with an extension. */
export function looksLikePath(v: string): boolean {
  if (v.length < 3 || v.length > 4096 || /[\n\r;]/.test(v)) return false;
  if (!/[\\/]/.test(v)) return false;
  if (/^\s|\s-[A-Za-z]/.test(v)) return false; // MEL commands, not paths
  return /\.[A-Za-z0-9]{1,8}$/.test(v);
}

/**
 * Stores `value` of `attr` on `node` (or on the node named `nodeName`, of `type`, created when an
 * unknown node gets a path-shaped string) if the facts may need it. Returns the node it went to.
 */
export function storeAttr(model: MayaSceneModel, node: MayaNode | undefined, nodeName: string, type: string, attr: string, value: AttrValue): MayaNode | undefined {
  if (!node) {
    if (NOT_INPUT_TYPES.has(type)) return undefined;
    const pathy = typeof value === 'string' ? looksLikePath(value) : Array.isArray(value) && value.some(looksLikePath);
    if (!pathy) return undefined;
    node = model.addNode(type, nodeName);
  }
  if (node.attrs.size >= MAX_ATTRS_PER_NODE && !node.attrs.has(attr)) return node;
  node.attrs.set(attr, Array.isArray(value) ? value.slice(0, 256) : value);
  return node;
}

/** Destination attributes the facts follow: Render Setup links and legacy layer adjustments. */
const LINK_ATTR = /^(?:lrl|legacyRenderLayer|pls|parentList|(?:adjs|adjustments)\[\d+\]\.(?:plg|plug))$/;

/**
 * True when a connection matters to the facts: Render Setup links (`.lrl`, `.pls`), legacy layer
 * adjustments (`.adjs[i].plg`) and connections that drive a file attribute. Everything else (layer
 * membership, shading networks) is dropped so memory stays small on big scenes.
 */
export function keepConnection(model: MayaSceneModel, src: string, dst: string): boolean {
  void src;
  const { node: dstName, attr } = splitPlug(dst);
  const node = model.node(dstName);
  if (!node) return false;
  if (node.type in FILE_ATTRS) return fileAttrSpec(node.type, attr) !== undefined;
  return LINK_ATTR.test(attr);
}
