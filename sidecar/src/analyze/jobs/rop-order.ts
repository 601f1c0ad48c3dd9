/**
 * What the ROP graph (RenderNode.dependsOn) means for the job files, whatever read it (the static
 * reader or a DCC walk): the order the nodes run in, the geo nodes' ranks (`geoDependencySort`, the
 * farm's ordering field, as `setGeoNodeOrder` writes it) and the files upstream ROPs produce.
 */
import type { FileReference, RenderNode, SceneFacts } from '../../../../protocol/src/scene';
import { runOrder } from './run-order';

/** The nodes that run when the renderable render ROPs render, dependencies first (Houdini's order). */
export function houdiniRunOrder(facts: SceneFacts): RenderNode[] {
  if (facts.host !== 'houdini') return [];
  const byPath = new Map(facts.renderNodes.map((n) => [n.node, n]));
  const roots = facts.renderNodes.filter((n) => n.renderable && n.category === 'rop_node').map((n) => n.node);
  const { order } = runOrder(roots, (p) => (byPath.get(p)?.dependsOn ?? []).filter((d) => byPath.has(d)));
  return order.map((p) => byPath.get(p)!);
}

/**
 * Ranks "1".."N" of the geo nodes a render needs, in the order they must run; empty when no render
 * depends on a geo node (then task.json keeps the farm's defaults).
 */
export function geoNodeRanks(facts: SceneFacts): Map<string, string> {
  const geo = houdiniRunOrder(facts).filter((n) => n.category === 'geo_node');
  return new Map(geo.map((n, i) => [n.node, String(i + 1)]));
}

/** `$OS`/`${OS}` → the node's name, `${X}` → `$X`, `\` → `/`: the forms one path is written in. */
function canonical(value: string, node: string): string {
  const name = node.slice(node.lastIndexOf('/') + 1);
  return value.trim().replace(/\\/g, '/').replace(/\$\{OS\}|\$OS\b/g, name).replace(/\$\{(\w+)\}/g, '$$$1');
}

/**
 * References whose file a ROP of the run order writes first (a cache the render reads) get
 * `producedBy`: the farm makes them, so they are neither uploaded nor missing.
 */
export function markProducedFiles(facts: SceneFacts): SceneFacts {
  const writers = new Map<string, string>();
  for (const n of houdiniRunOrder(facts)) if (n.output) writers.set(canonical(n.output, n.node), n.node);
  if (writers.size === 0) return facts;
  const mark = (r: FileReference): FileReference => {
    const by = writers.get(canonical(r.evaluated ?? r.path, r.node)) ?? writers.get(canonical(r.path, r.node));
    return by && by !== r.node ? { ...r, producedBy: by } : r;
  };
  return { ...facts, references: facts.references.map(mark) };
}
