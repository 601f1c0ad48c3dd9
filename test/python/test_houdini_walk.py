"""The Houdini walk on the `hou` stand-in: live session (source host) and hython (batch)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support
import scenes

sys.path.insert(0, support.STANDINS)
import hou  # noqa: E402  (the stand-in)
import host_loop  # noqa: E402
from rayvision_houdini import host  # noqa: E402


class HoudiniWalkTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rv-hou-")
        self.addCleanup(shutil.rmtree, self.root, True)
        host_loop.reset()
        hou._reset()
        hou._load_fixture(scenes.houdini_shot(self.root))
        self.facts = host.collect_facts("host")

    def test_render_nodes_frames_cameras_outputs(self):
        by = dict((n["node"], n) for n in self.facts["renderNodes"])
        mantra = by["/out/mantra1"]
        self.assertEqual(mantra["category"], "rop_node")
        self.assertEqual(mantra["frames"], {"start": 1, "end": 3, "step": 1})
        self.assertEqual(mantra["output"], "$HIP/render/$HIPNAME.$F4.exr")
        self.assertEqual((mantra["width"], mantra["height"]), (640, 360))  # res_fraction 0.5 of 1280x720
        self.assertEqual(mantra["cameras"], ["/obj/cam1"])
        cache = by["/out/cache"]
        self.assertEqual(cache["category"], "geo_node")
        self.assertFalse(cache["renderable"])
        self.assertEqual(cache["frames"], {"start": 1, "end": 1, "step": 1})  # trange off: current frame
        self.assertEqual(by["/out/redshift1"]["frames"]["step"], 1)  # step 0 becomes 1
        self.assertEqual(self.facts["cameras"], [{"node": "/obj/cam1", "width": 1280, "height": 720}])
        self.assertEqual(self.facts["frameRange"], {"start": 1, "end": 3, "step": 1})
        self.assertEqual(self.facts["software"], {"name": "Houdini", "version": "20.5.487"})

    def test_references_keep_raw_values_and_skip_outputs_builtins_and_opdef(self):
        refs = dict(((r["node"], r["parm"]), r) for r in self.facts["references"])
        seq = refs[("/obj/geo1/file1", "file")]
        self.assertEqual(seq["path"], "$HIP/geo/sim.$F4.bgeo.sc")
        self.assertTrue(seq["sequence"])
        self.assertEqual(seq["kind"], "cache")
        self.assertEqual(refs[("/mat/wood", "basecolor_texture")]["kind"], "texture")
        self.assertTrue(refs[("/mat/wood", "basecolor_texture")]["evaluated"].endswith("/shot/tex/wood.rat"))
        hdas = [r for r in self.facts["references"] if r["kind"] == "hda"]
        self.assertEqual(len(hdas), 1)
        self.assertTrue(hdas[0]["path"].endswith("libs/tool.hda"))
        paths = [r["path"] for r in self.facts["references"]]
        self.assertNotIn("$HFS/houdini/geo/defcam.bgeo", paths)
        self.assertFalse(any(p.startswith("opdef:") for p in paths))
        self.assertNotIn("$HIP/render/$HIPNAME.$F4.exr", paths)  # ROP output
        self.assertNotIn("mantra.py", paths)

    def test_warnings_missing_file_and_missing_camera(self):
        codes = [(w["code"], w.get("node")) for w in self.facts["warnings"]]
        self.assertIn(("50001", "/mat/wood"), codes)
        self.assertIn(("50002", "/out/redshift1"), codes)

    def test_walk_uses_hou_on_main_thread_only(self):
        self.assertTrue(hou._STATE["main_calls"])
        self.assertTrue(all(on_main for _, on_main in hou._STATE["main_calls"]))

    def test_select_problem_selects_the_node_in_houdini(self):
        from rayvision_client.client import SidecarClient
        from rayvision_client.submitter import Submitter
        submitter = Submitter(host, client=SidecarClient(auto_start=False))
        submitter.open()
        index = [w.get("node") for w in submitter.presenter.problems].index("/out/redshift1")
        self.assertTrue(submitter.select_problem(index))
        self.assertTrue(hou.node("/out/redshift1").isSelected())
        self.assertFalse(hou.node("/out/mantra1").isSelected())

    def test_distributed_simulation_settings(self):
        spec = scenes.houdini_shot(self.root)
        spec["nodes"] += [
            {"path": "/out/distributedsim", "type": "Driver/hq_sim",
             "parms": {"hq_driver": "/obj/sim/save_slices", "hq_sim_controls": "/obj/sim/CONTROLS",
                       "trange": {"menu": ["off", "normal", "on"], "value": 1}, "f1": 1.0, "f2": 240.0, "f3": 1.0},
             "tuples": {"f": ["f1", "f2", "f3"]}},
            {"path": "/obj/sim/save_slices", "type": "Sop/rop_geometry",
             "parms": {"sopoutput": {"value": "$HIP/geo/slice.$SLICE.$F.bgeo.sc", "file": True}}},
            {"path": "/obj/sim/CONTROLS", "type": "Dop/gasdistributecontrols",
             "parms": {"slice_type": {"menu": ["particle", "volume", "cluster"], "value": 0}, "num_slices": 20}},
        ]
        hou._load_fixture(spec)
        facts = host.collect_facts("host")
        sim = [n for n in facts["renderNodes"] if n["node"] == "/out/distributedsim"][0]
        self.assertEqual(sim["category"], "distributedsim_node")
        self.assertEqual(sim["settings"], {"output_driver": "/obj/sim/save_slices",
                                           "output_file": "$HIP/geo/slice.$SLICE.$F.bgeo.sc",
                                           "simControlName": "/obj/sim/CONTROLS", "sliceType": "particle",
                                           "num_slices": "20"})
        self.assertIn(("50008", "/out/distributedsim"), [(w["code"], w.get("node")) for w in facts["warnings"]])
        self.assertNotIn("$HIP/geo/slice.$SLICE.$F.bgeo.sc", [r["path"] for r in facts["references"]])

    def test_facts_are_json(self):
        json.dumps(self.facts)

    def test_load_image_into_cop_file_node(self):
        self.assertTrue(host.load_image("/tmp/out/shot.0002.exr", 2))
        cop = hou.node("/img/rayvision/frame_2")
        self.assertEqual(cop.parm("filename1").eval(), "/tmp/out/shot.0002.exr")


class HoudiniBatchTest(unittest.TestCase):
    """batch_analyze.py run as hython would run it: a separate interpreter, no UI."""

    def test_batch_analyze_writes_facts(self):
        root = tempfile.mkdtemp(prefix="rv-hou-batch-")
        self.addCleanup(shutil.rmtree, root, True)
        fixture = scenes.houdini_shot(root, ui=False)
        fixture["env"]["HIP"] = "/another/machine/shot"  # a $HIP saved elsewhere must not be trusted
        fixture_file = os.path.join(root, "fixture.json")
        with open(fixture_file, "w") as handle:
            json.dump(fixture, handle)
        out = os.path.join(root, "facts.json")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([support.STANDINS, support.COMMON,
                                                          os.path.join(support.PLUGINS, "houdini")]),
                   STANDIN_FIXTURE=fixture_file)
        script = os.path.join(support.PLUGINS, "houdini", "rayvision_houdini", "batch_analyze.py")
        proc = subprocess.run([sys.executable, os.path.join(support.STANDINS, "hython.py"), script,
                               "--scene", fixture["hip"], "--output", out],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("RAYVISION_PROGRESS 1/3", proc.stdout)
        with open(out) as handle:
            facts = json.load(handle)
        self.assertEqual(facts["source"], "batch")
        self.assertEqual(facts["host"], "houdini")
        self.assertTrue(any(r["node"] == "/out/mantra1" for r in facts["renderNodes"]))
        self.assertEqual(facts["variables"]["HIP"], os.path.dirname(fixture["hip"]))

    def test_batch_analyze_fails_with_message(self):
        root = tempfile.mkdtemp(prefix="rv-hou-batch-")
        self.addCleanup(shutil.rmtree, root, True)
        scene = scenes.touch(os.path.join(root, "broken.hip"))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([support.STANDINS, support.COMMON,
                                                          os.path.join(support.PLUGINS, "houdini")]))
        script = os.path.join(support.PLUGINS, "houdini", "rayvision_houdini", "batch_analyze.py")
        proc = subprocess.run([sys.executable, os.path.join(support.STANDINS, "hython.py"), script,
                               "--scene", scene, "--output", os.path.join(root, "f.json")],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("analysis of", proc.stderr)


if __name__ == "__main__":
    unittest.main()
