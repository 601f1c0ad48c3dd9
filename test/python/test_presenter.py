"""The submit dialog's presenter (Qt-free): every rule of the dialog, and the plugin settings file."""
import os
import stat
import unittest

import support
from rayvision_client import frame_spec
from rayvision_client import scene_settings
from rayvision_client import settings as plugin_settings
from rayvision_client.presenter import SubmitPresenter


def facts():
    return {"host": "maya", "source": "host", "scenePath": "/p/shot.ma", "software": {"name": "Maya", "version": "2024"},
            "plugins": {"mtoa": "5.3.1"}, "frameRange": {"start": 1, "end": 10, "step": 2},
            "renderNodes": [{"node": "rs_a", "category": "layer", "renderable": True},
                            {"node": "rs_b", "category": "layer", "renderable": False,
                             "frames": {"start": 5, "end": 5, "step": 1}}],
            "cameras": [{"node": "camShape", "renderable": True}, {"node": "topShape", "renderable": False}],
            "warnings": [{"code": "25009", "message": "Reference file not found: /x.exr", "node": "file2"}]}


OPTIONS = {
    "hardware": [{"id": "496", "model": "Default", "ram": "64GB", "gpuNum": None, "platform": "2", "gpu": False, "label": "CPU Default"},
                 {"id": "721", "model": "2080Ti", "ram": "64GB", "gpuNum": "2*GPU", "platform": "21", "gpu": True, "label": "GPU 2080Ti"}],
    "hardwareSelected": 0, "hardwareReason": "No renderer of the scene needs a GPU", "gpuNodes": {},
    "software": {"name": "Maya", "versions": ["2023", "2024"], "detected": "2024", "selected": "2024"},
    "plugins": [{"name": "mtoa", "versions": ["4.2.1", "5.2.1"], "detected": "5.3.1", "selected": "5.2.1",
                 "note": "The scene uses mtoa 5.3.1, which the farm does not offer; closest: 5.2.1, 4.2.1."}],
}


class RecordingView(object):
    def __init__(self):
        self.count = 0

    def refresh(self, presenter):
        self.count += 1


class PresenterTest(unittest.TestCase):
    def test_frame_specs(self):
        self.assertEqual(frame_spec.expand("1-10x3, 20, 30-31"), [1, 4, 7, 10, 20, 30, 31])
        self.assertEqual(frame_spec.expand("1-5[2]"), [1, 3, 5])
        for bad, why in (("10-1", "ends before"), ("a-b", "not a frame"), ("1-5x0", "step"), ("", "empty"), ("1,,2", "empty item")):
            self.assertIn(why, frame_spec.problem(bad))
        self.assertEqual(frame_spec.from_range({"start": 1, "end": 9, "step": 2}), "1-9x2")

    def test_defaults_from_facts_and_view_refresh(self):
        view = RecordingView()
        p = SubmitPresenter(view)
        p.load_facts(facts())
        self.assertEqual(p.node_frames, {"rs_a": "1-10x2", "rs_b": "5"})  # each layer prefilled from the scene
        self.assertEqual(p.selected_nodes, {"rs_a"})
        self.assertEqual(p.cameras, ["camShape"])
        self.assertEqual(p.software_version, "2024")
        self.assertEqual(p.problem_node(0), "file2")
        self.assertEqual(p.problem_node(5), None)
        self.assertEqual(p.submit_label(), "Submit")
        self.assertGreater(view.count, 0)

    def test_validate_blocks_bad_input_naming_the_field(self):
        p = SubmitPresenter()
        self.assertEqual(p.validate(), ["The scene was not analysed yet"])
        f = facts()
        f["scenePath"] = ""
        p.load_facts(f)
        p.set_node_frames("rs_a", "9-1")
        p.set(priority=101, chunk="0", scout_mode="custom", scout_frames="x", timeout_seconds="900",
              over_time_stop_seconds="600", camera="persp")
        errors = " | ".join(p.validate())
        for part in ("Save the scene first", "Frames of rs_a: the spec has \"9-1\": the range ends before it starts",
                     "Chunk", "Scout frames: the spec", "Timeout (900 s) must not be longer", "Camera persp", "Priority"):
            self.assertIn(part, errors)
        p.toggle_node("rs_a", False)
        self.assertIn("at least one render node", " ".join(p.validate()))
        with self.assertRaises(AttributeError):
            p.set(nonsense=1)
        p = SubmitPresenter()
        p.load_facts(facts())
        for bad in ("high", "", None, 50.5, -1, True):
            p.set(priority=bad)
            self.assertEqual([e for e in p.validate() if "Priority" in e],
                             ["Priority must be a whole number from 0 to 100, not %r" % (bad,)])
        for good in (0, "70", 100):
            p.set(priority=good)
            self.assertEqual(p.validate(), [])
        p.set(farm_state="loading")
        self.assertIn("still loading", " ".join(p.validate()))

    def test_an_unsaved_scene_is_offered_save_and_submit_not_refused(self):
        p = SubmitPresenter()
        p.load_facts(facts(), {"unsaved": True})
        self.assertEqual((p.needs_save(), p.submit_label(), p.validate()), ("unsaved", "Save and submit", []))

    def test_menus_from_the_farm_preselect_and_say_why(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.load_options(OPTIONS)
        self.assertEqual((p.hardware_index, p.platform), (0, "2"))
        self.assertEqual(p.plugins, {"mtoa": "5.2.1"})  # the farm lacks 5.3.1: the closest, with the note
        self.assertIn("closest: 5.2.1", p.plugin_menus["mtoa"]["note"])
        p.set(plugins={"mtoa": "5.3.1"})
        self.assertIn("Plugin mtoa 5.3.1 is not offered", " ".join(p.validate()))
        gpu = dict(OPTIONS, hardwareSelected=1, gpuNodes={"rs_a": "Redshift (rs_a) renders on GPUs only"},
                   hardwareReason="Redshift (rs_a) renders on GPUs only: a GPU configuration is preselected.")
        p.load_facts(facts())
        p.load_options(gpu)
        self.assertEqual((p.hardware_index, p.platform), (1, "21"))  # the platform follows the GPU machine
        self.assertIn("GPU", p.hardware_reason)
        p.choose_hardware(0)
        self.assertIn("Hardware: Redshift (rs_a) renders on GPUs only; choose a GPU configuration", " ".join(p.validate()))

    def test_submit_params(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.load_options(OPTIONS)
        p.set(project_name="shotA", chunk="3", camera="camShape", scout_mode="first-middle-last", stop_after_scout=True,
              timeout_seconds="600", over_time_stop_seconds="3600")
        p.toggle_node("rs_b", True)
        p.set_node_frames("rs_b", "1-100x2, 120, 200-210")
        params = p.submit_params("/dl")
        self.assertEqual([n["renderable"] for n in params["facts"]["renderNodes"]], [True, True])
        self.assertEqual(params["frames"], {"rs_a": "1-10x2", "rs_b": "1-100x2, 120, 200-210"})
        self.assertEqual(params["renderNodes"], ["rs_a", "rs_b"])
        self.assertEqual((params["chunk"], params["camera"], params["timeoutSeconds"], params["overTimeStopSeconds"]),
                         (3, "camShape", 600, 3600))
        self.assertEqual(params["scout"], {"mode": "first-middle-last", "stopAfter": True})
        self.assertEqual(params["hardwareConfig"], {"model": "Default", "ram": "64GB", "gpuNum": None})
        self.assertEqual((params["platform"], params["projectName"], params["pluginConfig"]), ("2", "shotA", {"mtoa": "5.2.1"}))
        self.assertEqual(params["download"], {"localPath": "/dl"})
        p.set(scout_mode="custom", scout_frames="1, 50")
        self.assertEqual(p.submit_params()["scout"], {"mode": "custom", "stopAfter": True, "frames": "1, 50"})

    def test_assets_to_review_add_remove_and_totals(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.load_assets({"entries": [
            {"local": "/p/tex/wood.1001.exr", "server": "/p/tex/wood.1001.exr", "size": 10, "status": "upload"},
            {"local": "/p/tex/wood.1002.exr", "server": "/p/tex/wood.1002.exr", "size": 10, "status": "upload"},
            {"local": "/p/cache/anim.abc", "server": "/p/cache/anim.abc", "size": 2048, "status": "on-farm"},
            {"local": "/p/shot.ma", "server": "/p/shot.ma", "size": 5, "status": "upload"}],
            "unresolved": [{"path": "$X/missing.png", "status": "missing"}, {"path": "`chs(\"../f\")`", "status": "needs-dcc"}],
            "totalBytes": 2073, "onFarmBytes": 2048, "toUploadBytes": 25})
        kinds = [(r["kind"], r["status"], len(r["files"])) for r in p.asset_rows]
        self.assertEqual(kinds, [("UDIM set", "present", 2), ("alembic", "on the farm", 1), ("reference", "present", 1),
                                 ("reference", "missing", 0), ("reference", "needs the DCC", 0)])
        self.assertIn("4 file(s), 2.0 KB in all: 25 B to upload, 2.0 KB already on the farm; 2 reference(s) left out",
                      p.asset_summary())
        p.remove_asset(0)
        p.add_assets(["/p/extra"])
        self.assertEqual(p.assets_params()["assets"], {"add": ["/p/extra"], "remove": ["/p/tex/wood.1001.exr", "/p/tex/wood.1002.exr"]})
        self.assertEqual(p.submit_params()["assets"], p.assets_params()["assets"])

    def test_settings_kept_with_the_scene_prefill_the_next_submit(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.load_options(OPTIONS)
        p.set(chunk="4", scout_mode="first", priority=80, camera="camShape")
        p.set_node_frames("rs_a", "2-4")
        p.choose_hardware(1)
        text = scene_settings.encode(p.kept_settings())
        nxt = SubmitPresenter()
        nxt.load_facts(facts(), kept=scene_settings.decode(text))
        nxt.load_options(OPTIONS)
        self.assertEqual((nxt.chunk, nxt.scout_mode, nxt.priority, nxt.camera, nxt.node_frames["rs_a"]), ("4", "first", 80, "camShape", "2-4"))
        self.assertEqual((nxt.hardware_index, nxt.platform), (1, "21"))
        fresh = SubmitPresenter()
        fresh.load_facts(facts(), kept=scene_settings.decode(""))  # a scene without settings: the defaults
        self.assertEqual((fresh.chunk, fresh.scout_mode, fresh.priority), ("1", "none", 50))
        escaped = text.replace('"', '\\"')  # Maya's fileInfo hands quotes back escaped
        self.assertEqual(scene_settings.decode(escaped)["chunk"], "4")

    def test_percent_is_derived_from_counts_and_never_falls(self):
        p = SubmitPresenter()
        p.on_progress({"kind": "report", "stage": "upload", "bytes": {"transferred": 50, "total": 100}})
        self.assertEqual(p.percent, 50.0)
        p.on_progress({"kind": "report", "stage": "render", "frames": {"transferred": 1, "total": 10}})
        self.assertEqual(p.percent, 50.0)
        self.assertEqual(p.stage, "render")
        p.on_progress({"kind": "report", "message": "no counts"})
        self.assertEqual(p.percent, 50.0)

    def test_structured_problems_replace_the_walk_warnings_and_the_listed_lines(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        report = [{"code": "ERR_SOFTWARE_VERSION", "severity": "error", "message": "Maya 2016 is not supported",
                   "file": "/w/1/task.json", "setting": "software_config.cg_version"},
                  {"code": "15013", "severity": "warning", "message": "version mismatch", "node": "rs_a",
                   "parm": "camera", "detail": "saved with 2018"}]
        p.on_end(False, error={"message": "There are 1 error(s); fix them and check again:\n- [ERR_SOFTWARE_VERSION] "
                                          "Maya 2016 is not supported (/w/1/task.json: software_config.cg_version)",
                               "data": {"code": "ERR_CHECK_FAILED", "details": {"problems": report}}})
        self.assertEqual((p.status, p.message), ("failed", "There are 1 error(s); fix them and check again:"))
        self.assertEqual(p.problems, report)  # no line parsed twice, no stale walk warning
        self.assertEqual(p.problem_node(1), "rs_a")
        self.assertEqual(p.problem_label(0), "[error] ERR_SOFTWARE_VERSION task.json: software_config.cg_version: "
                                             "Maya 2016 is not supported")
        self.assertEqual(p.problem_label(1), "[warning] 15013 rs_a.camera: version mismatch (saved with 2018)")

    def test_a_new_submit_clears_the_previous_check_report(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        walk = list(p.problems)
        p.on_end(False, error={"message": "check failed", "data": {"details": {"problems": [{"code": "1", "message": "x"}]}}})
        p.begin()
        self.assertEqual(p.problems, walk)

    def test_check_report_lines_become_problems(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.on_end(False, error={"message": "There are 2 error(s); fix them and check again:\n- [ERR_SOFTWARE_VERSION] "
                                          "Maya 2016 is not supported\n- [ERR_PLUGIN] mtoa 1.0 missing"})
        self.assertEqual([q["code"] for q in p.problems[-2:]], ["ERR_SOFTWARE_VERSION", "ERR_PLUGIN"])
        self.assertEqual(p.problems[-1]["message"], "mtoa 1.0 missing")

    def test_allow_incomplete_is_sent_only_when_ticked_and_offered_for_an_incomplete_read(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        self.assertNotIn("allowIncomplete", p.submit_params())
        self.assertFalse(p.incomplete_read())
        # The check refused: the scene read was incomplete (tip 15106, a truncated .ma).
        p.on_end(False, error={"message": "There are 1 error(s)", "data": {"details": {"problems": [
            {"code": "15106", "severity": "error", "message": "The scene was read incompletely (tip 15106)"}]}}})
        self.assertTrue(p.incomplete_read())
        p.set(allow_incomplete=True)
        self.assertIs(p.submit_params()["allowIncomplete"], True)


class SettingsTest(unittest.TestCase):
    def test_saved_owner_only_and_secret_free_login_for_local(self):
        home = support.TempHome()
        self.addCleanup(home.cleanup)
        saved = plugin_settings.save({"farm": "remote", "accessId": "id", "accessKey": "k", "junk": 1}, home.environ)
        path = plugin_settings.settings_path(home.environ)
        if os.name != "nt":
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertNotIn("junk", saved)
        self.assertEqual(plugin_settings.load(home.environ)["accessKey"], "k")
        self.assertEqual(plugin_settings.login_params({"farm": "local", "accessKey": "k"}), {"farm": "local"})
        self.assertEqual(plugin_settings.login_params(saved)["accessKey"], "k")
        self.assertTrue(plugin_settings.download_path({}, home.environ).startswith(home.path))


if __name__ == "__main__":
    unittest.main()
