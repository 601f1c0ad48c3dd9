/**
 * What the .ma and .mb readers extract, before it becomes SceneFacts. Both readers fill this same
 * model and one function (model-to-facts.ts) maps it, so a scene saved as .ma and as .mb gives the
 * same facts. Only the nodes and attributes the facts need are kept (see node-types.ts), so memory
 * stays small on scenes of millions of nodes.
 */
import type { FileReference, SceneWarning } from '../../../../../protocol/src/scene';

/** A stored attribute value: time values are already in frames of the scene's time unit. */
export type AttrValue = string | number | boolean | string[];

/** A kept node: type, parent, attributes as written. */
export interface MayaNode {
  name: string;
  type: string;
  parent?: string;
  /** Attribute name as written (short or long, with indices: `adjs[0].val`) → value. */
  attrs: Map<string, AttrValue>;
}

/** A referenced scene (`file -r`, .mb FREF/INCL). */
export interface MayaReference {
  path: string;
  /** The reference node (`-rfn`). */
  node?: string;
  namespace?: string;
  /** `mayaAscii` / `mayaBinary` / other (`-typ`). */
  type?: string;
  /** `-dr 1`: deferred (unloaded) reference. */
  deferred?: boolean;
}

/** A kept connection (`connectAttr src dst`), plugs as written. */
export interface MayaConnection {
  src: string;
  dst: string;
}

/** Everything a Maya reader extracted from one file. */
export class MayaSceneModel {
  /** From the `//Maya ASCII <ver> scene` line or the .mb `VERS` chunk. */
  headerVersion?: string;
  codeset?: string;
  fileInfo: Record<string, string> = {};
  /** `requires` lines: product → version (incl. `maya`). */
  requires: Record<string, string> = {};
  units: { linear?: string; angle?: string; time?: string } = {};
  nodes = new Map<string, MayaNode>();
  references: MayaReference[] = [];
  /** Files set by reference edits (dataReferenceEdits) on nodes of referenced scenes. */
  editedFiles: FileReference[] = [];
  connections: MayaConnection[] = [];
  warnings: SceneWarning[] = [];
  /** Node types seen, with counts (expressions and other things the facts mention). */
  typeCounts = new Map<string, number>();

  /**
   * Registers a node and returns it. DAG nodes may share a name under different parents (Maya then
   * writes `|grpB|geo` in connections): the second one is kept as `parent|name`.
   */
  addNode(type: string, name: string, parent?: string): MayaNode {
    const short = shortName(name);
    const node: MayaNode = { name: short, type, attrs: new Map() };
    if (parent) node.parent = shortName(parent);
    const existing = this.nodes.get(short);
    if (existing?.parent !== undefined && node.parent !== undefined && existing.parent !== node.parent) {
      node.name = `${node.parent}|${short}`;
    }
    this.nodes.set(node.name, node);
    return node;
  }

  /** Finds a node by name, DAG path (`|a|b`) or `:`-prefixed shared name. */
  node(name: string): MayaNode | undefined {
    if (name.includes('|')) {
      const parts = name.split('|').filter((p) => p !== '');
      if (parts.length >= 2) {
        const found = this.nodes.get(`${parts[parts.length - 2]}|${parts[parts.length - 1]}`);
        if (found) return found;
      }
    }
    return this.nodes.get(shortName(name));
  }

  countType(type: string): void {
    this.typeCounts.set(type, (this.typeCounts.get(type) ?? 0) + 1);
  }

  warn(code: string, message: string, node?: string, parm?: string): void {
    if (this.warnings.length >= 200) return; // a damaged file must not flood the tips
    const w: SceneWarning = { code, message };
    if (node !== undefined) w.node = node;
    if (parm !== undefined) w.parm = parm;
    this.warnings.push(w);
  }
}

/** `|grp|persp|perspShape` → `perspShape`; `:defaultRenderGlobals` → `defaultRenderGlobals`. */
export function shortName(name: string): string {
  const bar = name.lastIndexOf('|');
  const n = bar >= 0 ? name.slice(bar + 1) : name;
  return n.startsWith(':') ? n.slice(1) : n;
}

/** Splits `node.attr[0].sub` at the first dot that is not inside the node name's namespace. */
export function splitPlug(plug: string): { node: string; attr: string } {
  const dot = plug.indexOf('.', plug.lastIndexOf('|') + 1);
  if (dot < 0) return { node: plug, attr: '' };
  return { node: plug.slice(0, dot), attr: plug.slice(dot + 1) };
}
