"""The Qt submit dialog, built for real (offscreen) and driven like a user: the form shows the walk's
facts, Submit sends the edited fields (priority included), a failed check fills the report and
"Select node" selects the problem's node in the host. The test Python has no Qt, so the dialog runs
under a Python that has PySide2/PySide6 (RAYVISION_QT_PYTHON, else the system /usr/bin/python3,
where .ci/run installs Debian's python3-pyside2.qtwidgets and .qttest); skipped with the reason when none
has it. The driver types into the fields key by key (QTest), so it also proves typed edits survive a refresh."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "qt_dialog_driver.py")
PROBE = "try:\n import PySide6.QtWidgets, PySide6.QtTest\nexcept ImportError:\n import PySide2.QtWidgets, PySide2.QtTest\n"


def qt_python():
    """The first Python that imports a PySide binding, or None."""
    for candidate in (os.environ.get("RAYVISION_QT_PYTHON"), sys.executable, "/usr/bin/python3"):
        if candidate and os.path.isfile(candidate):
            if subprocess.call([candidate, "-c", PROBE], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
                return candidate
    return None


QT_PYTHON = qt_python()


@unittest.skipUnless(QT_PYTHON, "no Python with PySide2/PySide6 (QtWidgets and QtTest) here: apt-get install "
                                "python3-pyside2.qtwidgets python3-pyside2.qttest, or set RAYVISION_QT_PYTHON")
class SubmitDialogOffscreen(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        home = tempfile.mkdtemp(prefix="rv-qt-")
        try:
            cls.shot = os.path.join(home, "dialog.png")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAYVISION_SDK_HOME=home, RAYVISION_SCREENSHOT=cls.shot)
            run = subprocess.run([QT_PYTHON, DRIVER, home], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 timeout=120)
            with open(cls.shot, "rb") as handle:
                cls.png = handle.read(8)
        finally:
            shutil.rmtree(home, True)
        if run.returncode != 0:
            raise AssertionError("the dialog driver failed:\n%s" % run.stderr.decode("utf-8", "replace"))
        cls.seen = json.loads(run.stdout.decode("utf-8").strip().splitlines()[-1])

    def test_the_form_shows_the_walk_and_the_farm_menus(self):
        seen = self.seen
        self.assertEqual(seen["title"], "Submit to Rayvision")
        self.assertEqual(seen["frames"], ["1-10", "1-5"])  # each ROP prefilled with its own range
        self.assertEqual((seen["software"], seen["software_menu"]), ("19.5.605", ["19.0.561", "19.5.605", "20.0.547"]))
        self.assertEqual(seen["plugins"], {"redshift": "3.5.16"})
        self.assertEqual(seen["hardware"], "CPU Default, 64GB (platform 2)")
        self.assertEqual(seen["nodes"], [["/out/mantra1", True], ["/out/redshift1", False]])
        self.assertEqual(seen["assets"][1], "/proj/shot/geo/sim.####.bgeo.sc (3 files)")
        self.assertIn("5.3 MB to upload, 3.0 MB already on the farm", seen["asset_summary"])
        self.assertEqual(seen["button"], "Save and submit")  # unsaved changes: offered, not refused
        self.assertEqual(seen["problems_before"], ["[warning] 50002 /out/redshift1: Camera missing"])
        self.assertEqual(self.png, b"\x89PNG\r\n\x1a\n")  # the offscreen screenshot (QWidget.grab)

    def test_a_gpu_renderer_preselects_gpu_and_cpu_is_refused(self):
        seen = self.seen
        self.assertEqual(seen["hardware_after_redshift"], [
            "GPU 2080Ti, 64GB, 2*GPU (platform 21)",
            "Redshift (/out/redshift1) renders on GPUs only: a GPU configuration is preselected."])
        self.assertEqual(seen["errors_cpu"], ["Hardware: Redshift (/out/redshift1) renders on GPUs only; choose a GPU configuration"])

    def test_save_and_submit_sends_what_the_user_set_and_keeps_it_in_the_scene(self):
        submit = self.seen["submit"]
        self.assertIsNotNone(submit, "Submit did not reach submit/scene")
        self.assertEqual(self.seen["kept_typing"], ["2", "shotA", "1-20x2, 25"])
        self.assertEqual(self.seen["saved"], 1)
        self.assertEqual((submit["priority"], submit["projectName"], submit["chunk"], submit["timeoutSeconds"]), (85, "shotA", 2, 600))
        self.assertEqual(submit["frames"], {"/out/mantra1": "1-20x2, 25", "/out/redshift1": "1-5"})
        self.assertEqual(submit["renderNodes"], ["/out/mantra1", "/out/redshift1"])
        self.assertEqual(submit["scout"], {"mode": "first-middle-last", "stopAfter": True})
        self.assertEqual((submit["hardwareConfig"], submit["platform"]), ({"model": "2080Ti", "ram": "64GB", "gpuNum": "2*GPU"}, "21"))
        kept = json.loads(self.seen["kept"]["rayvision_submit"])
        self.assertEqual((kept["chunk"], kept["scout_mode"], kept["node_frames"]["/out/mantra1"]), ("2", "first-middle-last", "1-20x2, 25"))

    def test_check_report_and_select_node(self):
        seen = self.seen
        self.assertEqual(seen["problems_after"], [
            "[error] ERR_SOFTWARE_VERSION task.json: software_config.cg_version: Houdini 19.5.605 is not supported",
            "[warning] 50002 /out/redshift1.RS_renderCamera: Camera missing"])
        self.assertIn("There are 1 error(s)", seen["status"])
        self.assertEqual(seen["selected"], ["/out/redshift1"])


if __name__ == "__main__":
    unittest.main()
