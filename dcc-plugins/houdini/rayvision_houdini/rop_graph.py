"""The ROP graph in a live session (analysis.md "The ROP graph"), the same rules as the static reader:
wired inputs of Driver nodes (hou.RopNode.inputs()), a fetch's `source`, a wedge's `driver`, ROP subnets
(their inputs first, then the contents' end nodes); bypassed nodes pass their inputs through; nodes that
only route (merge, fetch, null, subnets) are resolved through, so `dependsOn` names render nodes only.
Pure Python: every `hou` call goes through the `h` adapter (host.py).
"""
from rayvision_client import facts as F

GRAPH_CODE = "25011"
WEDGE_CODE = "25013"


def _base(type_key):
    """`Driver/labs::thing::2.0` -> `thing`, `Object/ropnet` -> `ropnet`."""
    name = type_key.split("/", 1)[-1]
    parts = name.split("::")
    if len(parts) == 2:
        return parts[0] if parts[1].replace(".", "").isdigit() else parts[1]
    return parts[1] if len(parts) > 2 else name


def _parent(path):
    return path.rsplit("/", 1)[0]


class _Graph(object):
    def __init__(self, h, nodes, warnings):
        self.h, self.warnings = h, warnings
        self.types = dict((p, t) for p, t, _ in nodes)
        self.bypassed = dict((p, b) for p, _, b in nodes)
        self.children = {}
        for p in sorted(self.types):
            self.children.setdefault(_parent(p), []).append(p)
        self.memo = {}

    def _driver(self, path):
        return self.types.get(path, "").startswith("Driver/")

    def _wired(self, path):
        return [p for p in (self.h.rop_inputs(path) or []) if p and p in self.types]

    def _ends(self, path):
        kids = self.children.get(path, [])
        consumed = set(p for k in kids if self._driver(k) for p in self._wired(k))
        return [k for k in kids if k not in consumed]

    def _target(self, path, parm, what):
        value = self.h.parm(path, parm)
        text = value["string"] if value is not None else ""
        if not text:
            return None
        found = self.h.node_at(path, text)
        if found is not None:
            return found
        self.warnings.append(F.warning(GRAPH_CODE, "The %s ROP %s names %s, which is not in the scene (or sits inside a "
                                       "locked asset); Houdini cannot render it. Point %s at an existing ROP."
                                       % (what, path, text, parm), path, parm))
        return None

    def deps(self, path):
        if path in self.memo:
            return self.memo[path]
        deps = []
        self.memo[path] = deps
        driver = self._driver(path)
        if driver:
            deps.extend(self._wired(path))
            parent = _parent(path)
            if not deps and self.types.get(parent, "") == "Driver/subnet":
                deps.extend(self._wired(parent))
        if self.bypassed.get(path):
            return deps
        base = _base(self.types.get(path, ""))
        extra = []
        if driver and base == "fetch":
            extra.append(self._target(path, "source", "fetch"))
        if driver and base == "wedge":
            driven = self._target(path, "driver", "wedge")
            extra.append(driven)
            if driven:
                self.warnings.append(F.warning(WEDGE_CODE, "The wedge ROP %s renders %s once per wedge with changed parms; "
                                               "the farm renders %s once with its stored parms." % (path, driven, driven),
                                               path, "driver"))
        if (driver and base == "subnet") or base == "ropnet":
            extra.extend(self._ends(path))
        for p in extra:
            if p and p not in deps:
                deps.append(p)
        return deps


def run_order(roots, deps_of):
    """Depth-first post-order, dependencies in order, each node once; cycles skipped and returned."""
    done, on_path, order, cycles = set(), {}, [], []
    for root in roots:
        if root in done:
            continue
        stack = [[root, deps_of(root), 0]]
        on_path[root] = 0
        while stack:
            top = stack[-1]
            if top[2] < len(top[1]):
                dep = top[1][top[2]]
                top[2] += 1
                if dep in done:
                    continue
                if dep in on_path:
                    if len(cycles) < 20:
                        cycles.append([f[0] for f in stack[on_path[dep]:]] + [dep])
                    continue
                on_path[dep] = len(stack)
                stack.append([dep, deps_of(dep), 0])
                continue
            stack.pop()
            del on_path[top[0]]
            done.add(top[0])
            order.append(top[0])
    return order, cycles


def add_rop_graph(h, nodes, render_nodes, warnings):
    """Fill each render node's `dependsOn` and report cycles, missing fetch/wedge targets and wedges."""
    graph = _Graph(h, nodes, warnings)
    work = set(n["node"] for n in render_nodes if not graph.bypassed.get(n["node"]))
    for node in render_nodes:
        out, seen = [], set([node["node"]])
        stack = list(reversed(graph.deps(node["node"])))
        while stack:
            dep = stack.pop()
            if dep in seen:
                continue
            seen.add(dep)
            if dep in work:
                out.append(dep)
            else:
                stack.extend(reversed(graph.deps(dep)))
        if out:
            node["dependsOn"] = out
    roots = sorted(set([p for p in graph.types if graph._driver(p)] + [n["node"] for n in render_nodes]))
    _, cycles = run_order(roots, graph.deps)
    for cycle in cycles:
        warnings.append(F.warning(GRAPH_CODE, "The ROP graph has a cycle: %s; Houdini will not render it. The farm order "
                                  "breaks it at %s: rewire the ROPs." % (" \u2192 ".join(cycle), cycle[-1]), cycle[0]))
