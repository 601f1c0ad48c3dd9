"""End to end: the Houdini, Maya and Clarisse plugins (on their stand-ins) press Submit against the
REAL bundled sidecar (dist/rayvision.mjs, started by the plugin itself) and its local farm. Every
frame must reach the host's image loader, and nothing that waits may run on the host's main thread.

test_release.py runs this file again against a release folder (docs/release.md): RAYVISION_TEST_RELEASE names
its executable, the plugins are the release's own copy (RAYVISION_TEST_PLUGINS) and there is no node on PATH."""
import os
import shutil
import sys
import tempfile
import unittest

import support
import plugin_flow
from rayvision_client.client import SidecarClient
from rayvision_client import launcher
from rayvision_client.discovery import pid_alive, read_discovery

BUNDLE = os.environ.get("RAYVISION_BUNDLE") or support.BUNDLE
RELEASE = os.environ.get("RAYVISION_TEST_RELEASE")

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


def started_from_release(pid):
    """True when the process runs the release's executable (Linux: /proc; elsewhere not checked)."""
    if not os.path.exists("/proc/self/exe"):
        return True
    return os.path.realpath("/proc/%d/exe" % pid) == os.path.realpath(RELEASE)


@unittest.skipUnless(os.path.isfile(RELEASE or BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
class SubmitAgainstRealSidecar(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        if RELEASE:
            # The plugins must find the executable beside them; a fall back to node would fail loudly.
            self.home.environ.pop("RAYVISION_BUNDLE", None)
            self.home.environ["RAYVISION_NODE"] = os.path.join(self.home.path, "no-node-here")
        else:
            self.home.environ["RAYVISION_BUNDLE"] = BUNDLE
        self.addCleanup(self.home.cleanup)
        self.root = tempfile.mkdtemp(prefix="rv-e2e-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.addCleanup(self._stop_sidecar)

    def _stop_sidecar(self):
        found = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        if found is None or not pid_alive(found.pid):
            return
        if RELEASE:
            self.assertTrue(started_from_release(found.pid), "the plugin started another sidecar than the release's")
        # No fallback: a client without a host must be able to stop the sidecar (a failure here is a bug).
        client = SidecarClient(environ=self.home.environ, auto_start=False)
        client.connect()
        client.call("session/shutdown")
        client.close()
        for proc in list(launcher._STARTED):  # the plugin started it: reap it (a zombie still "exists")
            if proc.pid == found.pid:
                proc.wait(30)
                launcher._STARTED.remove(proc)

    def submit(self, host_name):
        settings = {"farm": "local", "frameDurationMs": 20, "platform": "2"}
        submitter, loaded, loop = plugin_flow.press_submit(self, host_name, self.home, self.root, settings, priority=70,
                                                           clean=True, prepare=True)
        presenter = submitter.presenter
        self.assertEqual(presenter.status, "done", presenter.message)
        frames = sorted(set(f.get("frame") for f in presenter.frames_done if f.get("frame") is not None))
        self.assertEqual(frames, plugin_flow.expected_frames(submitter))
        self.assertEqual(len(loaded), len(presenter.frames_done))
        self.assertTrue(plugin_flow.files_exist(loaded))
        self.assertEqual(loop.violations, [], "blocking work ran on the host's main thread")
        farm = submitter.client.call("farm/start", {})  # the running in-process farm
        missing = set(UPLOADED[host_name]) - stored_names(farm["storageDir"])
        self.assertEqual(missing, set(), "not uploaded to the farm")
        info = submitter.client.call("api/call", {"group": "query", "method": "taskInfo", "args": [[presenter.task_id]]})
        self.assertEqual([t["taskUserLevel"] for t in info["result"]["items"]], [70], "the dialog's priority")
        return submitter

    def test_sidecar_killed_mid_job_the_plugin_resumes_the_download_and_every_frame_arrives_once(self):
        import signal
        import host_loop
        import scenes
        import hou
        from rayvision_client import settings as plugin_settings
        from rayvision_client.submitter import Submitter
        from rayvision_houdini import host
        loop = host_loop.reset()
        sys.modules.pop("hdefereval", None)
        hou._reset(ui=True)
        hou._load_fixture(scenes.houdini_shot(self.root, clean=True, frames=(1, 40)))
        plugin_settings.save({"farm": "local", "frameDurationMs": 400}, environ=self.home.environ)
        calls = []  # every call of the host's image loader, in order
        original_load = host.load_image

        def load_image(path, frame=None):
            calls.append((path, frame))
            return original_load(path, frame)
        host.load_image = load_image
        self.addCleanup(setattr, host, "load_image", original_load)
        client = SidecarClient(dispatch=host.dispatch, host="houdini", can_load_frames=True, environ=self.home.environ)
        self.addCleanup(client.close)
        states = []
        client.on_state = states.append
        submitter = Submitter(host, client=client, environ=self.home.environ)
        loop.run(submitter.open)
        self.assertEqual(loop.run(submitter.submit), [])
        self.assertTrue(loop.pump_until(lambda: submitter.job is not None and submitter.presenter.stage == "download", 120))
        first = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        first_job = submitter.job.job_id
        if RELEASE:
            self.assertTrue(started_from_release(first.pid), "the plugin started another sidecar than the release's")
        os.kill(first.pid, signal.SIGKILL)
        self.assertTrue(loop.pump_until(lambda: submitter.presenter.status in ("done", "failed"), 180))
        loop.pump()
        second = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        self.assertNotEqual(second.pid, first.pid)  # a fresh sidecar was started by the plugin
        if RELEASE:
            self.assertTrue(started_from_release(second.pid), "the restarted sidecar is not the release's")
        self.assertEqual(states[:2], ["reconnecting", "connected"])
        # The fresh sidecar re-opened the same local farm and the plugin resumed the task's download.
        self.assertEqual(submitter.presenter.status, "done", submitter.presenter.message)
        self.assertEqual(submitter.job.resumed_from, [first_job])
        self.assertNotEqual(submitter.job.job_id, first_job)
        self.assertIn("sidecar restarted", submitter.presenter.message)
        self.assertEqual(submitter.presenter.task_id, submitter.job.task_id)
        # Every frame reached the host's image loader exactly once.
        paths = [p for p, _ in calls]
        self.assertEqual(len(paths), len(set(paths)), "a frame was loaded twice")
        self.assertEqual(sorted(f for _, f in calls), list(range(1, 41)))
        self.assertTrue(plugin_flow.files_exist(paths))
        self.assertEqual(loop.violations, [])

    def test_a_failed_check_reaches_the_dialog_as_structured_problems(self):
        # The stand-in scene keeps its problems (missing texture, camera-less ROP) and the host reports
        # a Houdini build the farm does not offer, so the check refuses the job.
        settings = {"farm": "local", "frameDurationMs": 20, "platform": "2"}
        submitter, loaded, loop = plugin_flow.press_submit(self, "houdini", self.home, self.root, settings)
        presenter = submitter.presenter
        self.assertEqual(presenter.status, "failed")
        self.assertEqual(loaded, [])
        self.assertNotIn("\n", presenter.message)  # the list is structured: no report lines in the status
        errors = [p for p in presenter.problems if p.get("severity") == "error"]
        self.assertIn("ERR_SOFTWARE_VERSION", [p["code"] for p in errors])
        self.assertEqual([p.get("setting") for p in errors if p["code"] == "ERR_SOFTWARE_VERSION"],
                         ["software_config.cg_version"])
        nodes = set((p.get("node"), p.get("parm")) for p in presenter.problems if p.get("severity") == "warning")
        self.assertIn(("/mat/wood", "rough_texture"), nodes)
        self.assertIn(("/out/redshift1", "RS_renderCamera"), nodes)
        index = [p.get("node") for p in presenter.problems].index("/out/redshift1")
        self.assertTrue(loop.run(lambda: submitter.select_problem(index)))
        self.assertEqual(loop.violations, [])

    def test_houdini_submit_brings_every_frame_back(self):
        self.submit("houdini")

    def test_maya_submit_brings_every_frame_back(self):
        self.submit("maya")

    def test_clarisse_submit_brings_every_frame_back(self):
        self.submit("clarisse")


if __name__ == "__main__":
    unittest.main()
