"""The Clarisse walk on the `ix` stand-in: live session (source host) and cnode (batch)."""
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
import ix  # noqa: E402
from rayvision_clarisse import host  # noqa: E402
from rayvision_clarisse.batch_analyze import script_args  # noqa: E402


class ClarisseWalkTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rv-clarisse-")
        self.addCleanup(shutil.rmtree, self.root, True)
        host_loop.reset()
        ix._load_fixture(scenes.clarisse_shot(self.root))
        self.facts = host.collect_facts("host")

    def test_images_layers_frames_outputs(self):
        [image] = self.facts["renderNodes"]
        self.assertEqual(image["node"], "project://scene/beauty")
        self.assertEqual(image["category"], "image")
        self.assertEqual(image["frames"], {"start": 1, "end": 3, "step": 1})
        self.assertEqual(image["output"], "$PDIR/render/beauty")
        self.assertEqual(image["settings"], {"format": "exr32", "LUT": "linear", "save_to_disk": "1"})
        [layer] = image["children"]
        self.assertEqual((layer["node"], layer["category"]), ("project://scene/beauty_layer", "layer"))
        self.assertEqual(layer["settings"]["enable_deep_output"], "0")

    def test_references_skip_outputs_private_disabled_and_add_project_refs(self):
        paths = dict((r["node"], r) for r in self.facts["references"])
        self.assertEqual(paths["project://scene/wood"]["path"], "$PDIR/tex/wood.exr")
        self.assertTrue(paths["project://scene/rel"]["evaluated"].endswith("shot/tex/wood.exr"))
        self.assertEqual(paths["project://scene/anim"]["kind"], "alembic")
        self.assertEqual(paths["project://set"]["kind"], "scene_reference")
        values = [r["path"] for r in self.facts["references"]]
        self.assertNotIn("$PDIR/render/beauty", values)
        self.assertNotIn("/private/x.abc", values)
        self.assertNotIn("/disabled/never.exr", values)

    def test_missing_file_warning(self):
        self.assertIn(("25009", "project://scene/gone"), [(w["code"], w.get("node")) for w in self.facts["warnings"]])

    def test_load_image_creates_texture_item_and_dispatch_guards(self):
        self.assertTrue(host.load_image("/tmp/beauty.0002.exr", 2))
        item = ix.get_item("project://rayvision/frame_2")
        self.assertEqual(item.get_attribute("filename").get_string(), "/tmp/beauty.0002.exr")
        host.dispatch(lambda: 1 / 0)
        host_loop.LOOP.pump()  # the guard keeps Clarisse alive: no ClarisseCrash
        self.assertEqual(ix._STATE["crashes"], [])
        self.assertEqual(ix._STATE["log"][-1][0], "error")

    def test_software_version_in_farm_naming(self):
        self.assertEqual(self.facts["software"]["version"], "clarisse_ifx_4.0_sp3")
        from rayvision_clarisse.walk import farm_version
        self.assertEqual(farm_version("5.0 SP8", builder=True), "clarisse_builder_5.0_sp8")
        self.assertEqual(farm_version("clarisse_ifx_4.0_sp7"), "clarisse_ifx_4.0_sp7")
        self.assertEqual(farm_version("4.0"), "4.0")

    def test_script_args(self):
        self.assertEqual(script_args(["x.py", "--", "--scene", "a"]), ["--scene", "a"])
        self.assertEqual(script_args(["x.py", "--scene", "a"]), ["--scene", "a"])


class ClarisseBatchTest(unittest.TestCase):
    def test_batch_analyze_writes_facts(self):
        root = tempfile.mkdtemp(prefix="rv-clarisse-batch-")
        self.addCleanup(shutil.rmtree, root, True)
        fixture = scenes.clarisse_shot(root, batch=True)
        fixture_file = os.path.join(root, "fixture.json")
        with open(fixture_file, "w") as handle:
            json.dump(fixture, handle)
        out = os.path.join(root, "facts.json")
        env = dict(os.environ, PYTHONPATH=support.STANDINS, STANDIN_FIXTURE=fixture_file)
        script = os.path.join(support.PLUGINS, "clarisse", "rayvision_clarisse", "batch_analyze.py")
        proc = subprocess.run([sys.executable, os.path.join(support.STANDINS, "cnode.py"), fixture["project"],
                               "-script", script, "--", "--scene", fixture["project"], "--output", out],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out) as handle:
            facts = json.load(handle)
        self.assertEqual((facts["host"], facts["source"]), ("clarisse", "batch"))
        self.assertEqual(facts["renderNodes"][0]["node"], "project://scene/beauty")


if __name__ == "__main__":
    unittest.main()
