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
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAYVISION_SDK_HOME=home)
            run = subprocess.run([QT_PYTHON, DRIVER, home], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 timeout=120)
        finally:
            shutil.rmtree(home, True)
        if run.returncode != 0:
            raise AssertionError("the dialog driver failed:\n%s" % run.stderr.decode("utf-8", "replace"))
        cls.seen = json.loads(run.stdout.decode("utf-8").strip().splitlines()[-1])

    def test_the_form_shows_the_walk(self):
        seen = self.seen
        self.assertEqual(seen["title"], "Submit to Rayvision")
        self.assertEqual(seen["frames"], "1-10")
        self.assertEqual(seen["software"], "19.5.605")
        self.assertEqual(seen["plugins"], "redshift=3.5")
        self.assertEqual(seen["nodes"], [["/out/mantra1", True], ["/out/redshift1", False]])
        self.assertEqual(seen["problems_before"], ["[warning] 50002 /out/redshift1: Camera missing"])

    def test_submit_sends_what_the_user_set(self):
        submit = self.seen["submit"]
        self.assertIsNotNone(submit, "Submit did not reach submit/scene")
        self.assertEqual(submit["priority"], 85)
        self.assertEqual(submit["projectName"], "shotA")
        self.assertEqual(submit["facts"]["frameRange"], {"start": 1, "end": 20, "step": 2})
        self.assertEqual(submit["taskInfo"], {"pre_frames": "100", "stop_after_test": "1"})
        self.assertEqual([n["node"] for n in submit["facts"]["renderNodes"] if n["renderable"]],
                         ["/out/mantra1", "/out/redshift1"])

    def test_check_report_and_select_node(self):
        seen = self.seen
        self.assertEqual(seen["problems_after"], [
            "[error] ERR_SOFTWARE_VERSION task.json: software_config.cg_version: Houdini 19.5.605 is not supported",
            "[warning] 50002 /out/redshift1.RS_renderCamera: Camera missing"])
        self.assertIn("There are 1 error(s)", seen["status"])
        self.assertEqual(seen["selected"], ["/out/redshift1"])


if __name__ == "__main__":
    unittest.main()
