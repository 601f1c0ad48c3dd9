"""End to end: the Houdini, Maya and Clarisse plugins (on their stand-ins) press Submit against the
REAL bundled sidecar (dist/rayvision.mjs, started by the plugin itself) and its local farm. Every
frame must reach the host's image loader, and nothing that waits may run on the host's main thread."""
import os
import shutil
import tempfile
import unittest

import support
import plugin_flow
from rayvision_client.client import SidecarClient
from rayvision_client.discovery import pid_alive, read_discovery

BUNDLE = os.environ.get("RAYVISION_BUNDLE") or support.BUNDLE

# Files of each stand-in scene (scenes.py) that must reach the farm's storage: textures, caches
# (sequences and UDIM tiles expanded by the sidecar), HDAs and referenced scenes.
UPLOADED = {
    "houdini": ["shot.hip", "wood.rat", "tool.hda", "sim.0001.bgeo.sc", "sim.0002.bgeo.sc", "sim.0003.bgeo.sc"],
    "maya": ["shot.ma", "wood.1001.exr", "wood.1002.exr", "anim.abc", "asset.ma"],
    "clarisse": ["shot.project", "wood.exr", "anim.abc", "set.project"],
}


def stored_names(folder):
    names = set()
    for _, _, files in os.walk(folder):
        names.update(files)
    return names


@unittest.skipUnless(os.path.isfile(BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
class SubmitAgainstRealSidecar(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.home.environ["RAYVISION_BUNDLE"] = BUNDLE
        self.addCleanup(self.home.cleanup)
        self.root = tempfile.mkdtemp(prefix="rv-e2e-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.addCleanup(self._stop_sidecar)

    def _stop_sidecar(self):
        found = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        if found is None or not pid_alive(found.pid):
            return
        try:
            client = SidecarClient(environ=self.home.environ, auto_start=False)
            client.connect()
            client.call("session/shutdown")
            client.close()
        except Exception:
            os.kill(found.pid, 15)
        support.wait_until(lambda: not pid_alive(found.pid), 20)

    def submit(self, host_name):
        settings = {"farm": "local", "frameDurationMs": 20, "platform": "2"}
        submitter, loaded, loop = plugin_flow.press_submit(self, host_name, self.home, self.root, settings, clean=True)
        presenter = submitter.presenter
        if presenter.status == "failed" and "not implemented" in presenter.message.lower():
            self.skipTest("the bundle's submit/scene is not implemented yet: %s" % presenter.message)
        self.assertEqual(presenter.status, "done", presenter.message)
        frames = sorted(set(f.get("frame") for f in presenter.frames_done if f.get("frame") is not None))
        self.assertEqual(frames, plugin_flow.expected_frames(submitter))
        self.assertEqual(len(loaded), len(presenter.frames_done))
        self.assertTrue(plugin_flow.files_exist(loaded))
        self.assertEqual(loop.violations, [], "blocking work ran on the host's main thread")
        farm = submitter.client.call("farm/start", {})  # the running in-process farm
        missing = set(UPLOADED[host_name]) - stored_names(farm["storageDir"])
        self.assertEqual(missing, set(), "not uploaded to the farm")
        return submitter

    def test_houdini_submit_brings_every_frame_back(self):
        self.submit("houdini")

    def test_maya_submit_brings_every_frame_back(self):
        self.submit("maya")

    def test_clarisse_submit_brings_every_frame_back(self):
        self.submit("clarisse")


if __name__ == "__main__":
    unittest.main()
