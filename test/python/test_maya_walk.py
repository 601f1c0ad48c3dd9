"""The Maya walk on the `maya` stand-in: live session (source host) and mayapy (batch)."""
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
import host_loop  # noqa: E402
from maya import _scene  # noqa: E402
from rayvision_maya import host  # noqa: E402


class MayaWalkTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rv-maya-")
        self.addCleanup(shutil.rmtree, self.root, True)
        host_loop.reset()
        self.fixture = scenes.maya_shot(self.root)
        _scene.load(self.fixture)
        self.facts = host.collect_facts("host")

    def test_layers_frames_cameras_settings(self):
        layers = dict((n["node"], n) for n in self.facts["renderNodes"])
        self.assertEqual(sorted(layers), ["defaultRenderLayer", "rs_beauty"])  # referenced layer dropped
        beauty = layers["rs_beauty"]
        self.assertTrue(beauty["renderable"])
        self.assertFalse(layers["defaultRenderLayer"]["renderable"])
        # rs_beauty overrides the start frame and makes persp non-renderable; the master layer does not.
        self.assertEqual(beauty["frames"], {"start": 2, "end": 3, "step": 1})
        self.assertEqual(beauty["cameras"], ["shotCam"])
        self.assertEqual(layers["defaultRenderLayer"]["frames"], {"start": 1, "end": 3, "step": 1})
        self.assertEqual(sorted(layers["defaultRenderLayer"]["cameras"]), ["persp", "shotCam"])
        self.assertEqual(_scene.STATE["current_layer"], "defaultRenderLayer")  # restored after the walk
        self.assertEqual(beauty["renderer"], "arnold")
        self.assertEqual(beauty["settings"]["image_format"], "exr")
        self.assertEqual(beauty["output"], "<Scene>/<RenderLayer>/<Scene>")
        self.assertEqual((beauty["width"], beauty["height"]), (1920, 1080))
        self.assertEqual(self.facts["plugins"], {"mtoa": "5.3.1.1"})
        self.assertEqual(self.facts["software"], {"name": "Maya", "version": "2024"})

    def test_references_udim_pattern_reference_nodes_and_editor_only_files(self):
        refs = dict(((r["node"], r["parm"]), r) for r in self.facts["references"])
        self.assertEqual(refs[("file1", "fileTextureName")]["path"], "sourceimages/wood.<UDIM>.exr")
        self.assertTrue(refs[("file1", "fileTextureName")]["evaluated"].endswith("proj/sourceimages/wood.<UDIM>.exr"))
        self.assertEqual(refs[("anim_abc", "abc_File")]["kind"], "alembic")
        self.assertEqual(refs[("assetRN", "fileName")]["path"], "$PROJ/scenes/asset.ma")
        self.assertEqual(refs[("assetRN", "fileName")]["kind"], "scene_reference")
        self.assertIn(("audio1", "filename"), refs)
        self.assertNotIn("brokenRN", [r["node"] for r in self.facts["references"]])

    def test_missing_files_become_warnings(self):
        missing = [w for w in self.facts["warnings"] if w["code"] == "25009"]
        self.assertTrue(any(w["node"] == "file2" for w in missing))
        self.assertFalse(any(w["node"] == "file1" for w in missing))  # UDIM pattern: checked by the sidecar

    def test_untitled_scene_warns(self):
        _scene.load({})
        facts = host.collect_facts("host")
        self.assertEqual(facts["scenePath"], "")
        self.assertIn("20001", [w["code"] for w in facts["warnings"]])

    def test_load_image_opens_render_view(self):
        self.assertTrue(host.load_image("/tmp/beauty.0001.exr", 1))
        self.assertEqual(_scene.STATE["render_view"], ["/tmp/beauty.0001.exr"])

    def test_dispatch_runs_at_once_in_batch(self):
        _scene.load({"batch": True})
        ran = []
        host.dispatch(lambda: ran.append(1))
        self.assertEqual(ran, [1])
        self.assertFalse(host.load_image("/tmp/x.exr"))

    def test_walk_calls_maya_on_main_thread_only(self):
        self.assertTrue(all(on_main for _, on_main in _scene.STATE["calls"]))


class MayaBatchTest(unittest.TestCase):
    def test_batch_analyze_writes_facts(self):
        root = tempfile.mkdtemp(prefix="rv-maya-batch-")
        self.addCleanup(shutil.rmtree, root, True)
        fixture = scenes.maya_shot(root, batch=True)
        fixture_file = os.path.join(root, "fixture.json")
        with open(fixture_file, "w") as handle:
            json.dump(fixture, handle)
        out = os.path.join(root, "facts.json")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([support.STANDINS]), STANDIN_FIXTURE=fixture_file)
        script = os.path.join(support.PLUGINS, "maya", "rayvision_maya", "batch_analyze.py")
        proc = subprocess.run([sys.executable, script, "--scene", fixture["scene"], "--output", out], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("RAYVISION_PROGRESS 3/3", proc.stdout)
        with open(out) as handle:
            facts = json.load(handle)
        self.assertEqual((facts["host"], facts["source"]), ("maya", "batch"))
        self.assertTrue(facts["references"])

    def test_batch_analyze_missing_scene_exits_non_zero(self):
        env = dict(os.environ, PYTHONPATH=support.STANDINS)
        script = os.path.join(support.PLUGINS, "maya", "rayvision_maya", "batch_analyze.py")
        proc = subprocess.run([sys.executable, script, "--scene", "/no/such.ma", "--output", "/tmp/x.json"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("scene file not found", proc.stderr)


if __name__ == "__main__":
    unittest.main()
