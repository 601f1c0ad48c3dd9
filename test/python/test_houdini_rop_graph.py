"""The ROP graph of the live walk (rop_graph.py) on the `hou` stand-in: hou.RopNode.inputs(), fetch, wedge,
bypass, subnets and cycles (the static reader gives the same: test/analyze/rop-graph-live.test.ts)."""
import sys
import unittest

import support

sys.path.insert(0, support.STANDINS)
import hou  # noqa: E402  (the stand-in)
import host_loop  # noqa: E402
from rayvision_houdini import host  # noqa: E402
from rayvision_houdini.rop_graph import run_order  # noqa: E402


def rop(path, type_key, inputs=(), bypassed=False, **parms):
    return {"path": path, "type": type_key, "inputs": list(inputs), "bypassed": bypassed, "parms": parms}


class RopGraphWalkTest(unittest.TestCase):
    def setUp(self):
        host_loop.reset()
        hou._reset()

    def walk(self, nodes):
        hou._load_fixture({"hip": "/proj/shot.hip", "nodes": nodes})
        facts = host.collect_facts("host")
        return dict((n["node"], n.get("dependsOn", [])) for n in facts["renderNodes"]), facts["warnings"]

    def test_merge_fetch_bypass_in_input_order(self):
        graph, warnings = self.walk([
            rop("/out/beauty", "Driver/ifd", ["/out/merge1", None, "/out/fetch1"]),
            rop("/out/merge1", "Driver/merge", ["/out/c", "/out/a", "/out/skip"]),
            rop("/out/skip", "Driver/geometry", ["/out/b"], bypassed=True),
            rop("/out/a", "Driver/geometry"), rop("/out/b", "Driver/geometry"), rop("/out/c", "Driver/geometry"),
            rop("/out/fetch1", "Driver/fetch", source="/obj/geo1/rop_geometry1"),
            rop("/obj/geo1/rop_geometry1", "Sop/rop_geometry", ["/obj/geo1/box1"]),
            rop("/obj/geo1/box1", "Sop/box"),
        ])
        self.assertEqual(graph["/out/beauty"], ["/out/c", "/out/a", "/out/b", "/obj/geo1/rop_geometry1"])
        self.assertEqual(graph["/obj/geo1/rop_geometry1"], [])  # a SOP ROP's inputs are geometry, not ROPs
        self.assertEqual([w for w in warnings if w["code"].startswith("2501")], [])

    def test_wedge_subnet_and_a_cycle_are_reported_never_hang(self):
        graph, warnings = self.walk([
            rop("/out/wedge1", "Driver/wedge", driver="../beauty"),
            rop("/out/beauty", "Driver/ifd", ["/out/sub1"]),
            rop("/out/sub1", "Driver/subnet", ["/out/a"]),
            rop("/out/sub1/inner", "Driver/geometry"),
            rop("/out/a", "Driver/geometry", ["/out/b"]), rop("/out/b", "Driver/geometry", ["/out/a"]),
            rop("/out/after", "Driver/ifd", ["/out/wedge1"]),
            rop("/out/lost", "Driver/fetch", source="/obj/gone"),
        ])
        self.assertEqual(graph["/out/beauty"], ["/out/a", "/out/sub1/inner"])
        self.assertEqual(graph["/out/sub1/inner"], ["/out/a"])
        self.assertEqual(graph["/out/after"], ["/out/beauty"])
        codes = sorted(w["code"] for w in warnings if w["code"].startswith("2501"))
        self.assertEqual(codes, ["25011", "25011", "25013"])  # the cycle a-b, the fetch of nothing; the wedge
        self.assertTrue(any("/out/a \u2192 /out/b \u2192 /out/a" in w["message"] for w in warnings))

    def test_run_order_is_iterative_on_a_deep_chain(self):
        deps = dict(("n%d" % i, ["n%d" % (i - 1)] if i else []) for i in range(20000))
        order, cycles = run_order(["n19999"], lambda n: deps[n])
        self.assertEqual((len(order), order[0], order[-1], cycles), (20000, "n0", "n19999", []))


if __name__ == "__main__":
    unittest.main()
