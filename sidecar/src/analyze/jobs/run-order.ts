/**
 * The order a dependency graph runs in: depth-first from each root, a node's dependencies (in their
 * order) before the node, each node once — the order Houdini renders a ROP and its inputs in.
 * Iterative, so a deep chain cannot overflow the stack; a dependency already on the current path is a
 * cycle: it is skipped (the order stays finite) and reported.
 */
export interface RunOrder {
  order: string[];
  /** Each cycle met, as the path from the repeated node back to it (`a → b → a`), at most 20. */
  cycles: string[][];
}

export function runOrder(roots: Iterable<string>, depsOf: (node: string) => readonly string[]): RunOrder {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const order: string[] = [];
  const cycles: string[][] = [];
  for (const root of roots) {
    if (done.has(root)) continue;
    const stack: Array<{ node: string; deps: readonly string[]; next: number }> = [{ node: root, deps: depsOf(root), next: 0 }];
    onPath.set(root, 0);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const dep = top.deps[top.next++]!;
        if (done.has(dep)) continue;
        const at = onPath.get(dep);
        if (at !== undefined) {
          if (cycles.length < 20) cycles.push([...stack.slice(at).map((f) => f.node), dep]);
          continue;
        }
        onPath.set(dep, stack.length);
        stack.push({ node: dep, deps: depsOf(dep), next: 0 });
        continue;
      }
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
      order.push(top.node);
    }
  }
  return { order, cycles };
}
