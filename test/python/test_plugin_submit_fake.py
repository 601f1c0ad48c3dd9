"""Submit from each stand-in host against the fake sidecar: frames come back to the host's image
loader, on its main thread, and nothing that waits runs on the main thread."""
import os
import shutil
import tempfile
import unittest

import support
import plugin_flow

FAKE = os.path.join(support.SERVERS, "fake-sidecar.mjs")


class SubmitAgainstFakeSidecar(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.addCleanup(self.home.cleanup)
        self.server = support.NodeProcess(FAKE, self.home)
        self.addCleanup(self.server.stop)
        self.root = tempfile.mkdtemp(prefix="rv-submit-")
        self.addCleanup(shutil.rmtree, self.root, True)

    def check_host(self, host_name):
        submitter, loaded, loop = plugin_flow.press_submit(
            self, host_name, self.home, self.root, {"farm": "local", "platform": "2"}, priority=80,
            client_kwargs={"auto_start": False})
        self.assertEqual(submitter.presenter.status, "done", submitter.presenter.message)
        frames = [f["frame"] for f in submitter.presenter.frames_done]
        self.assertEqual(frames, plugin_flow.scene_frames(submitter))
        self.assertEqual(len(loaded), len(frames))
        self.assertTrue(plugin_flow.files_exist(loaded))
        self.assertEqual(loop.violations, [])
        self.assertEqual(submitter.presenter.percent, 100.0)
        return submitter

    def long_maya_job(self):
        """Submit a 200-frame Maya job and pump until two frames are back; returns (loop, submitter)."""
        import host_loop
        from rayvision_client import settings as plugin_settings
        from rayvision_client.client import SidecarClient
        from rayvision_client.submitter import Submitter
        loop = host_loop.reset()
        host = plugin_flow.HOSTS["maya"][0](self.root, False)
        plugin_settings.save({"farm": "local"}, environ=self.home.environ)
        client = SidecarClient(dispatch=host.dispatch, host="maya", environ=self.home.environ, auto_start=False)
        self.addCleanup(client.close)
        submitter = Submitter(host, client=client, environ=self.home.environ)
        loop.run(submitter.open)
        loop.run(lambda: submitter.presenter.set(frames="1-200"))
        self.assertEqual(loop.run(submitter.submit), [])
        self.assertTrue(loop.pump_until(lambda: len(submitter.presenter.frames_done) >= 2))
        return loop, submitter

    def test_cancel_from_the_dialog(self):
        loop, submitter = self.long_maya_job()
        loop.run(submitter.cancel)
        self.assertTrue(loop.pump_until(lambda: submitter.presenter.status == "failed"))
        self.assertIn("cancelled", submitter.presenter.message)
        from maya import _scene
        self.assertEqual(_scene.STATE.get("dialogs", []), [])  # a cancel is not reported as an error
        self.assertLess(len(submitter.presenter.frames_done), 200)
        self.assertEqual(loop.violations, [])

    def test_a_cancel_from_elsewhere_is_reported_to_the_user(self):
        from rayvision_client.client import SidecarClient
        loop, submitter = self.long_maya_job()
        other = SidecarClient(environ=self.home.environ, auto_start=False)  # e.g. `rayvision cancel` in a shell
        self.addCleanup(other.close)
        other.call("job/cancel", {"jobId": submitter.job.job_id})
        self.assertTrue(loop.pump_until(lambda: submitter.presenter.status == "failed"))
        from maya import _scene
        self.assertEqual(len(_scene.STATE.get("dialogs", [])), 1)  # the user learns why the job stopped
        self.assertEqual(loop.violations, [])

    def test_houdini(self):
        submitter = self.check_host("houdini")
        facts = submitter.presenter.facts
        self.assertEqual(facts["source"], "host")

    def test_maya(self):
        self.check_host("maya")

    def test_clarisse(self):
        self.check_host("clarisse")

    def test_submit_params_and_priority_reach_the_sidecar(self):
        submitter = self.check_host("houdini")
        from rayvision_client.client import SidecarClient
        probe = SidecarClient(environ=self.home.environ, auto_start=False, check_methods=False)
        self.addCleanup(probe.close)
        calls = probe.call("test/calls")["calls"]
        methods = [c["method"] for c in calls]
        self.assertEqual(methods[:2], ["session/login", "submit/scene"])
        submit = calls[1]["params"]
        self.assertEqual(submit["host"], "houdini")
        self.assertEqual(submit["facts"]["source"], "host")
        self.assertEqual([n["node"] for n in submit["facts"]["renderNodes"] if n["renderable"]], ["/out/mantra1", "/out/redshift1"])
        self.assertTrue(submit["download"]["localPath"].startswith(self.home.path))
        # The priority travels with submit/scene (the sidecar sets it before the task is submitted).
        self.assertEqual(submit["priority"], 80)
        self.assertNotIn("api/call", methods)

    def test_the_settings_path_map_travels_with_submit(self):
        path_map = {"D:/projects": "/mnt/projects"}
        submitter, _, _ = plugin_flow.press_submit(
            self, "maya", self.home, self.root, {"farm": "local", "platform": "2", "pathMap": path_map}, priority=50,
            client_kwargs={"auto_start": False})
        self.assertEqual(submitter.presenter.status, "done", submitter.presenter.message)
        from rayvision_client.client import SidecarClient
        probe = SidecarClient(environ=self.home.environ, auto_start=False, check_methods=False)
        self.addCleanup(probe.close)
        submit = [c for c in probe.call("test/calls")["calls"] if c["method"] == "submit/scene"][0]["params"]
        self.assertEqual(submit["pathMap"], path_map)  # plugin_settings.json -> submit/scene, like the farm settings


if __name__ == "__main__":
    unittest.main()
