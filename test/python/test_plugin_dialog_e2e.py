"""End to end, in each stand-in host against the REAL bundled sidecar and its local farm: the dialog's
menus come from the farm (submit/options), the assets to review from submit/assets; the artist gives
each ROP / layer / Clarisse layer its own frame spec, a chunk, scout frames, a timeout; the farm renders
exactly those frames for exactly that node (asserted on the farm's output storage, per folder); what
the dialog listed is exactly upload.json; the choices are kept in the scene and prefill the next
submit; nothing that waits runs on the host's main thread."""
import json
import os
import re
import shutil
import tempfile
import unittest

import support
import plugin_flow
from rayvision_client import frame_spec
from rayvision_client.submitter import Submitter

BUNDLE = os.environ.get("RAYVISION_BUNDLE") or support.BUNDLE

# node -> (frame spec the artist types, output folder on the farm)
SPECS = {
    "houdini": {"/out/mantra1": ("1-3x2", "mantra1"), "/out/mantra_fx": ("2, 4-6", "mantra_fx")},
    "maya": {"defaultRenderLayer": ("1, 3", "defaultRenderLayer"), "rs_beauty": ("2-3", "rs_beauty")},
    "clarisse": {"project://scene/beauty_layer": ("1-3x2", "beauty_layer"), "project://scene/fx_layer": ("3-6x3", "fx_layer")},
}


def rendered(storage, task_id):
    """{output folder: sorted frame numbers} of a task's PNGs in the farm's output storage."""
    out = {}
    for folder, _, files in os.walk(storage):
        if "%s%d_" % (os.sep, task_id) not in folder + os.sep and not os.path.basename(folder).startswith("%d_" % task_id):
            continue
        for name in files:
            match = re.search(r"\.(-?\d+)\.png$", name)
            if match:
                out.setdefault(os.path.basename(folder), []).append(int(match.group(1)))
    return dict((k, sorted(v)) for k, v in out.items())


@unittest.skipUnless(os.path.isfile(BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
class DialogAgainstRealSidecar(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.home.environ["RAYVISION_BUNDLE"] = BUNDLE
        self.addCleanup(self.home.cleanup)
        self.root = tempfile.mkdtemp(prefix="rv-dialog-e2e-")
        self.addCleanup(shutil.rmtree, self.root, True)
        from test_plugin_submit_e2e import SubmitAgainstRealSidecar
        self.addCleanup(SubmitAgainstRealSidecar._stop_sidecar.__get__(self))

    def run_dialog(self, host_name):
        specs = SPECS[host_name]
        seen = {}

        def edit(p):
            names = [r["node"] for r in p.nodes]
            self.assertTrue(set(specs) <= set(names), names)
            seen["assets"] = [f for row in p.asset_rows for f in row["files"]]
            seen["farm"] = (p.hardware_index, p.software_version, dict(p.plugins), p.asset_totals)
            for node, (spec, _) in specs.items():
                p.toggle_node(node, True)
                p.set_node_frames(node, spec)
            p.set(chunk="2", scout_mode="first", timeout_seconds="600", over_time_stop_seconds="7200")
            if p.uses_camera():  # Maya / Clarisse: one of the scene's renderable cameras
                self.assertTrue(p.cameras)
                p.set(camera=p.cameras[-1])
                seen["camera"] = p.cameras[-1]

        settings = {"farm": "local", "frameDurationMs": 20, "platform": "2"}
        submitter, loaded, loop = plugin_flow.press_submit(self, host_name, self.home, self.root, settings, clean=True,
                                                           prepare=True, before=edit, multi=True)
        p = submitter.presenter
        self.assertEqual(p.status, "done", p.message)
        self.assertEqual(loop.violations, [], "blocking work ran on the host's main thread")
        # The menus came from the farm: a CPU machine (no GPU renderer), the scene's version or the closest.
        index, version, plugins, totals = seen["farm"]
        self.assertGreaterEqual(index, 0)
        self.assertFalse(p.hardware[index]["gpu"])
        self.assertIn(version, p.software_versions)
        for name, chosen in plugins.items():
            self.assertIn(chosen, p.plugin_menus[name]["versions"])
        self.assertEqual(totals["totalBytes"], totals["toUploadBytes"] + totals["onFarmBytes"])
        # What the dialog listed is exactly what was uploaded.
        workspace = self.workspace_of(submitter, p.task_id)
        with open(os.path.join(workspace, "upload.json")) as handle:
            uploaded = [a["local"] for a in json.load(handle)["asset"]]
        self.assertEqual(uploaded, seen["assets"])
        with open(os.path.join(workspace, "task.json")) as handle:
            task = json.load(handle)
        info = task["task_info"]
        sir = task["scene_info_render"]
        if host_name == "maya":
            self.assertEqual(set(tuple(v["common"]["render_camera"]) for v in sir.values()), {(seen["camera"],)})
        if host_name == "clarisse":
            self.assertEqual(set(l["camera"] for i in sir["image_node"] for l in i["layers"]), {seen["camera"]})
        self.assertEqual((info["frames_per_task"], info["pre_frames"], info["time_out"], info["job_stop_time"]),
                         ("2", "100", "600", "7200"))
        # The farm rendered exactly each node's frames, in that node's folder.
        farm = submitter.client.call("farm/start", {})
        out = rendered(farm["storageDir"], p.task_id)
        expected = {}
        for node, (spec, folder) in specs.items():
            expected[folder] = frame_spec.expand(spec)
        self.assertEqual(out, expected)
        # Every rendered frame came back through download/frame and reached the host's loader.
        self.assertEqual(len(p.frames_done), sum(len(v) for v in expected.values()))
        self.assertTrue(loaded and plugin_flow.files_exist(loaded))
        return submitter

    def workspace_of(self, submitter, task_id):
        for folder, _, files in os.walk(self.home.path):
            if "task.json" in files:
                with open(os.path.join(folder, "task.json")) as handle:
                    if json.load(handle)["task_info"].get("task_id") == str(task_id):
                        return folder
        self.fail("no analysis folder for task %s" % task_id)

    def kept_prefill(self, submitter, host_name):
        """The choices were stored in the scene: a new dialog on the same scene starts from them."""
        again = Submitter(submitter.host, client=submitter.client, environ=self.home.environ)
        import host_loop
        host_loop.LOOP.run(again.open)
        p = again.presenter
        for node, (spec, _) in SPECS[host_name].items():
            self.assertEqual(p.node_frames[node], spec)
        self.assertEqual((p.chunk, p.scout_mode, p.timeout_seconds), ("2", "first", "600"))
        self.assertEqual(p.selected_nodes, set(n for n in submitter.presenter.selected_nodes))

    def test_houdini(self):
        self.kept_prefill(self.run_dialog("houdini"), "houdini")
        import hou
        self.assertIn("rayvision_submit", hou.node("/")._user_data)  # root user data, saved with the .hip

    def test_maya(self):
        self.kept_prefill(self.run_dialog("maya"), "maya")
        from maya import cmds
        self.assertEqual(len(cmds.fileInfo("rayvision_submit", query=True)), 1)

    def test_clarisse(self):
        submitter = self.run_dialog("clarisse")
        self.kept_prefill(submitter, "clarisse")
        side = os.path.join(self.root, "shot", "shot.rayvision_submit.json")
        self.assertTrue(os.path.isfile(side), "the Clarisse side file next to the project")

    def test_scouts_first_the_task_pauses_and_continue_renders_the_rest(self):
        import host_loop
        import hou
        import scenes
        from rayvision_client import settings as plugin_settings
        from rayvision_houdini import host
        loop = host_loop.reset()
        hou._reset(ui=True)
        hou._load_fixture(scenes.houdini_shot(self.root, clean=True, frames=(1, 5)))
        plugin_settings.save({"farm": "local", "frameDurationMs": 20}, environ=self.home.environ)
        submitter = Submitter(host, environ=self.home.environ)
        loop.run(submitter.open)
        p = submitter.presenter
        loop.run(lambda: p.set(scout_mode="first-middle-last", stop_after_scout=True))
        self.assertFalse(p.can_continue())
        self.assertEqual(loop.run(submitter.submit), [])
        # The scouts (1, 3, 5) come back first; then the farm holds the task (FINISHED_TEST, 40).
        self.assertTrue(loop.pump_until(lambda: len(p.frames_done) >= 3, 180), p.message)
        status = lambda: submitter.client.call("task/info", {"taskIds": [p.task_id]})["items"][0]["taskStatus"]  # noqa: E731
        self.assertTrue(support.wait_until(lambda: status() == 40, 60))
        loop.pump()
        self.assertEqual(sorted(f["frame"] for f in p.frames_done), [1, 3, 5])
        self.assertEqual(p.status, "running")
        self.assertTrue(p.can_continue())
        self.assertTrue(loop.run(submitter.continue_task))  # the dialog's "Continue after scouts"
        self.assertTrue(loop.pump_until(lambda: p.status in ("done", "failed"), 180))
        self.assertEqual(p.status, "done", p.message)
        self.assertEqual(sorted(f["frame"] for f in p.frames_done), [1, 2, 3, 4, 5])
        self.assertEqual(loop.violations, [])

    def test_an_unsaved_scene_is_saved_then_submitted_and_a_scene_without_settings_gets_defaults(self):
        import host_loop
        import hou
        import scenes
        from rayvision_houdini import host
        loop = host_loop.reset()
        hou._reset(ui=True)
        hou._load_fixture(dict(scenes.houdini_shot(self.root, clean=True), saved=False))
        submitter = Submitter(host, environ=self.home.environ)
        loop.run(submitter.open)
        p = submitter.presenter
        self.assertEqual((p.chunk, p.scout_mode, p.priority), ("1", "none", 50))  # no kept settings: defaults
        self.assertEqual(p.submit_label(), "Save and submit")
        self.assertEqual(loop.run(lambda: submitter.submit(save=False))[0][:34], "The scene has unsaved changes: pre")
        from rayvision_client import settings as plugin_settings
        plugin_settings.save({"farm": "local", "frameDurationMs": 20}, environ=self.home.environ)
        self.assertEqual(loop.run(submitter.submit), [])
        self.assertFalse(hou.hipFile.hasUnsavedChanges())  # saved before the submit went out
        self.assertTrue(loop.pump_until(lambda: p.status in ("done", "failed"), 180))
        self.assertEqual(p.status, "done", p.message)
        self.assertEqual(loop.violations, [])


if __name__ == "__main__":
    unittest.main()
