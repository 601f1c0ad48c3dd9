/**
 * The ROP graph of a .hip, read statically: which ROPs must run before each render node. Edges are
 * the wired inputs of nodes in /out and in ROP networks (the `.def` `inputs` block), a fetch ROP's
 * `source`, a wedge ROP's `driver`, and ROP subnets (their inputs run before their contents; the
 * subnet or ropnet runs its contents' end nodes). A bypassed node does none of its own work: its
 * inputs pass through it. Nodes that only route (merge, fetch, null, subnets, script ROPs) are
 * resolved through, so each render node's `dependsOn` names render nodes only.
 */
import type { RenderNode, SceneWarning } from '../../../../../protocol/src/scene';
import { runOrder } from '../../jobs/run-order';
import { TIPS } from '../../tips-codes';
import { inDriverContext, type HipModel } from './hip-model';
import { baseType } from './node-tables';
import { parmText, resolveNodePath } from './render-nodes';

const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/'));

/** Direct dependencies of every graph node, computed on first use. */
export class RopGraph {
  private readonly deps = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();
  readonly warnings: SceneWarning[] = [];

  constructor(private readonly model: HipModel) {
    for (const p of model.nodes.keys()) {
      const parent = parentOf(p);
      const list = this.children.get(parent);
      if (list) list.push(p);
      else this.children.set(parent, [p]);
    }
  }

  /** Nodes wired into `path`'s inputs (siblings that exist), in input order. */
  private wired(path: string): string[] {
    const parent = parentOf(path);
    return (this.model.nodes.get(path)?.inputs ?? []).filter((n) => n !== '').map((n) => `${parent}/${n}`).filter((p) => this.model.nodes.has(p));
  }

  /** Children of a network that no sibling consumes: what running the network runs. */
  private ends(path: string): string[] {
    const kids = this.children.get(path) ?? [];
    const consumed = new Set(kids.flatMap((k) => this.wired(k)));
    return kids.filter((k) => !consumed.has(k) && this.model.nodes.get(k)?.type).sort();
  }

  private target(path: string, parm: string, what: string): string | undefined {
    const node = this.model.nodes.get(path)!;
    const value = parmText(node, parm);
    if (!value) return undefined;
    const p = resolveNodePath(path, value);
    if (this.model.nodes.has(p)) return p;
    this.warnings.push({
      code: TIPS.houdiniRopGraph,
      message: `The ${what} ROP ${path} names ${p}, which is not in the scene (or sits inside a locked asset); Houdini cannot render it. Point ${parm} at an existing ROP.`,
      node: path, parm,
    });
    return undefined;
  }

  /** What `path` needs to have run first, in the order Houdini runs it. */
  depsOf(path: string): string[] {
    const known = this.deps.get(path);
    if (known) return known;
    const deps: string[] = [];
    this.deps.set(path, deps);
    const node = this.model.nodes.get(path);
    if (!node) return deps;
    const driver = inDriverContext(this.model, path);
    if (driver) deps.push(...this.wired(path));
    // Inside a ROP subnet, a node with nothing wired runs after the subnet's own inputs.
    const parent = this.model.nodes.get(parentOf(path));
    if (driver && deps.length === 0 && parent?.type && baseType(parent.type) === 'subnet' && inDriverContext(this.model, parent.path)) {
      deps.push(...this.wired(parent.path));
    }
    if (node.bypass || !node.type) return deps;
    const base = baseType(node.type);
    const add = (p: string | undefined): void => void (p && !deps.includes(p) && deps.push(p));
    if (driver && base === 'fetch') add(this.target(path, 'source', 'fetch'));
    if (driver && base === 'wedge') {
      const driven = this.target(path, 'driver', 'wedge');
      add(driven);
      if (driven) {
        this.warnings.push({
          code: TIPS.houdiniWedge,
          message: `The wedge ROP ${path} renders ${driven} once per wedge with changed parms; the farm renders ${driven} once with its stored parms. Render each wedge as its own take or ROP to have them all.`,
          node: path, parm: 'driver',
        });
      }
    }
    if ((driver && base === 'subnet') || base === 'ropnet') for (const p of this.ends(path)) add(p);
    return deps;
  }

  /** Every node the graph can reach a render node through: ROP-network nodes and the render nodes. */
  roots(renderNodes: readonly RenderNode[]): string[] {
    const out = new Set<string>();
    for (const p of this.model.nodes.keys()) if (inDriverContext(this.model, p)) out.add(p);
    for (const n of renderNodes) out.add(n.node);
    return [...out].sort();
  }
}

/**
 * Fills each render node's `dependsOn` from the scene's ROP graph and reports its problems (a cycle,
 * a fetch or wedge naming no node, a wedge's variations) as warnings.
 */
export function addRopGraph(model: HipModel, renderNodes: RenderNode[], warnings: SceneWarning[]): void {
  const graph = new RopGraph(model);
  const work = new Set(renderNodes.filter((n) => !model.nodes.get(n.node)?.bypass).map((n) => n.node));
  for (const n of renderNodes) {
    // Through nodes that do no work of their own, depth first, in input order.
    const out: string[] = [];
    const seen = new Set([n.node]);
    const stack = [...graph.depsOf(n.node)].reverse();
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      if (work.has(d)) out.push(d);
      else stack.push(...[...graph.depsOf(d)].reverse());
    }
    if (out.length) n.dependsOn = out;
  }
  const { cycles } = runOrder(graph.roots(renderNodes), (p) => graph.depsOf(p));
  for (const cycle of cycles) {
    warnings.push({
      code: TIPS.houdiniRopGraph,
      message: `The ROP graph has a cycle: ${cycle.join(' → ')}; Houdini will not render it. The farm order breaks it at ${cycle[cycle.length - 1]}: rewire the ROPs.`,
      node: cycle[0]!,
    });
  }
  warnings.push(...graph.warnings);
}
