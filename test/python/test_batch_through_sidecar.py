"""Batch analysis through the real sidecar CLI (`rayvision analyze --mode batch`): the analysis
team's launcher finds `hython` / `mayapy` / `cnode` on PATH (here: wrappers around the stand-ins),
runs our batch_analyze.py, and turns its SceneFacts into job files."""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

import support
import scenes

WRAPPERS = {
    "hython": 'exec "%s" "%s" "$@"' % (sys.executable, os.path.join(support.STANDINS, "hython.py")),
    "mayapy": 'exec "%s" "$@"' % sys.executable,
    "cnode": 'exec "%s" "%s" "$@"' % (sys.executable, os.path.join(support.STANDINS, "cnode.py")),
}


@unittest.skipUnless(os.path.isfile(support.BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
@unittest.skipIf(os.name == "nt", "the interpreter wrappers are POSIX shell scripts")
class BatchThroughSidecarTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rv-batch-cli-")
        self.addCleanup(shutil.rmtree, self.root, True)
        bindir = os.path.join(self.root, "bin")
        os.makedirs(bindir)
        for name, body in WRAPPERS.items():
            path = os.path.join(bindir, name)
            with open(path, "w") as handle:
                handle.write("#!/bin/sh\n%s\n" % body)
            os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
        self.env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                        PYTHONPATH=support.STANDINS, RAYVISION_SDK_HOME=os.path.join(self.root, "home"))
        for var in ("HFS", "MAYA_LOCATION", "CLARISSE_HOME"):
            self.env.pop(var, None)

    def analyze(self, host, fixture, scene):
        fixture_file = os.path.join(self.root, "fixture.json")
        with open(fixture_file, "w") as handle:
            json.dump(fixture, handle)
        workspace = os.path.join(self.root, "ws")
        os.makedirs(workspace)
        proc = subprocess.run(["node", support.BUNDLE, "analyze", "--mode", "batch", "--host", host,
                               "--workspace", workspace, scene], env=dict(self.env, STANDIN_FIXTURE=fixture_file),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        [folder] = os.listdir(workspace)
        with open(os.path.join(workspace, folder, "task.json")) as handle:
            task = json.load(handle)
        with open(os.path.join(workspace, folder, "upload.json")) as handle:
            upload = json.load(handle)
        return task, [os.path.basename(a["local"]) for a in upload["asset"]]

    def test_houdini(self):
        fixture = scenes.houdini_shot(self.root, ui=False, clean=True)
        task, assets = self.analyze("houdini", fixture, fixture["hip"])
        self.assertEqual(task["scene_info_render"]["rop_node"][0]["node"], "/out/mantra1")
        for name in ("wood.rat", "tool.hda", "sim.0001.bgeo.sc", "sim.0003.bgeo.sc"):
            self.assertIn(name, assets)

    def test_maya(self):
        fixture = scenes.maya_shot(self.root, batch=True, clean=True)
        task, assets = self.analyze("maya", fixture, fixture["scene"])
        self.assertIn("rs_beauty", json.dumps(task["scene_info_render"]))
        for name in ("wood.1001.exr", "wood.1002.exr", "anim.abc", "asset.ma"):
            self.assertIn(name, assets)

    def test_clarisse(self):
        fixture = scenes.clarisse_shot(self.root, batch=True, clean=True)
        task, assets = self.analyze("clarisse", fixture, fixture["project"])
        self.assertIn("project://scene/beauty", json.dumps(task["scene_info_render"]))
        for name in ("wood.exr", "anim.abc", "set.project"):
            self.assertIn(name, assets)


if __name__ == "__main__":
    unittest.main()
