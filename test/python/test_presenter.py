"""The submit dialog's presenter (Qt-free) and the plugin settings file."""
import os
import stat
import unittest

import support
from rayvision_client import settings as plugin_settings
from rayvision_client.presenter import SubmitPresenter, parse_frames


def facts():
    return {"host": "maya", "source": "host", "scenePath": "/p/shot.ma", "software": {"name": "Maya", "version": "2024"},
            "plugins": {"mtoa": "5.3.1"}, "frameRange": {"start": 1, "end": 10, "step": 2},
            "renderNodes": [{"node": "rs_a", "category": "layer", "renderable": True},
                            {"node": "rs_b", "category": "layer", "renderable": False}],
            "warnings": [{"code": "25009", "message": "Reference file not found: /x.exr", "node": "file2"}]}


class RecordingView(object):
    def __init__(self):
        self.count = 0

    def refresh(self, presenter):
        self.count += 1


class PresenterTest(unittest.TestCase):
    def test_parse_frames(self):
        self.assertEqual(parse_frames("1-10[2]"), (1, 10, 2))
        self.assertEqual(parse_frames(" 5 "), (5, 5, 1))
        for bad in ("10-1", "a-b", "1-5[0]", ""):
            with self.assertRaises(ValueError):
                parse_frames(bad)

    def test_defaults_from_facts_and_view_refresh(self):
        view = RecordingView()
        p = SubmitPresenter(view)
        p.load_facts(facts())
        self.assertEqual(p.frames, "1-10[2]")
        self.assertEqual(p.selected_nodes, {"rs_a"})
        self.assertEqual(p.software_version, "2024")
        self.assertEqual(p.problem_node(0), "file2")
        self.assertEqual(p.problem_node(5), None)
        self.assertGreater(view.count, 0)

    def test_validate_blocks_bad_input(self):
        p = SubmitPresenter()
        self.assertEqual(p.validate(), ["The scene was not analysed yet"])
        f = facts()
        f["scenePath"] = ""
        p.load_facts(f)
        p.set(frames="9-1", priority=101)
        p.toggle_node("rs_a", False)
        errors = " | ".join(p.validate())
        for part in ("Save the scene", "before the start frame", "at least one render node", "Priority"):
            self.assertIn(part, errors)
        with self.assertRaises(AttributeError):
            p.set(nonsense=1)
        p.load_facts(facts(), {"unsaved": True})
        self.assertIn("unsaved changes", " ".join(p.validate()))
        p.load_facts(facts(), {"unsaved": False})
        for bad in ("high", "", None, 50.5, -1, True):
            p.set(priority=bad)
            self.assertEqual([e for e in p.validate() if "Priority" in e],
                             ["Priority must be a whole number from 0 to 100, not %r" % (bad,)])
        for good in (0, "70", 100):
            p.set(priority=good)
            self.assertEqual(p.validate(), [])

    def test_submit_params(self):
        p = SubmitPresenter()
        p.load_facts(facts())
        p.set(frames="3-4", test_frames_first=True, project_name="shotA", platform="6")
        p.toggle_node("rs_b", True)
        params = p.submit_params("/dl")
        self.assertEqual(params["facts"]["frameRange"], {"start": 3, "end": 4, "step": 1})
        self.assertEqual([n["renderable"] for n in params["facts"]["renderNodes"]], [True, True])
        self.assertEqual(params["taskInfo"], {"pre_frames": "100", "stop_after_test": "1"})
        self.assertEqual((params["platform"], params["projectName"], params["pluginConfig"]), ("6", "shotA", {"mtoa": "5.3.1"}))
        self.assertEqual(params["download"], {"localPath": "/dl"})

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
