"""Run by test_submit_dialog_qt.py under a Python that has PySide2/PySide6 (offscreen): builds the
real submit dialog over a Submitter with a recording host and client, clicks through it like a
user, and prints what it observed as one JSON line."""
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "dcc-plugins", "common"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rayvision_client import qt_compat, submit_dialog  # noqa: E402
from rayvision_client.submitter import Submitter  # noqa: E402


class Host(object):
    """The host adapter surface the Submitter uses, recording what the dialog asked of it."""
    HOST_NAME = "houdini"

    def __init__(self, scene):
        self.scene = scene
        self.selected = []
        self.messages = []

    def collect_facts(self, source):
        return {"scenePath": self.scene, "host": "houdini", "source": source,
                "frameRange": {"start": 1, "end": 10, "step": 1},
                "software": {"name": "houdini", "version": "19.5.605"}, "plugins": {"redshift": "3.5"},
                "renderNodes": [{"node": "/out/mantra1", "category": "rop", "renderable": True},
                                {"node": "/out/redshift1", "category": "rop", "renderable": False}],
                "warnings": [{"code": "50002", "message": "Camera missing", "node": "/out/redshift1"}]}

    def dispatch(self, fn):
        fn()

    def select_node(self, node):
        self.selected.append(node)
        return True

    def message(self, text, severity="info"):
        self.messages.append(text)

    def load_image(self, path, frame=None):
        pass


class Client(object):
    """Records calls; answers as a sidecar would without a network."""

    def __init__(self):
        self.calls = []

    def connect(self):
        pass

    def call(self, method, params=None):
        self.calls.append({"method": method, "params": params})
        return {"loggedIn": True} if method == "session/status" else {"jobId": "job-1"}

    def call_async(self, method, params, callback):
        self.calls.append({"method": method, "params": params})

    def follow(self, job_id, on_progress=None, on_frame=None, on_end=None):
        return None


def type_into(QtTest, QtCore, widget, text):
    """Select what the field holds and type `text` over it, key by key, as a user would."""
    widget.setFocus()
    QtTest.QTest.keyClick(widget, QtCore.Qt.Key_A, QtCore.Qt.ControlModifier)
    QtTest.QTest.keyClicks(widget, text)


def main():
    QtCore, QtWidgets = qt_compat.load()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    home = sys.argv[1]
    host, client = Host(os.path.join(home, "shot.hip")), Client()
    submitter = Submitter(host, client=client, environ={"RAYVISION_SDK_HOME": home})
    submitter.open()
    dialog = submit_dialog.build(submitter)
    dialog.show()
    app.processEvents()
    out = {"binding": QtWidgets.__name__, "title": dialog.windowTitle(),
           "frames": dialog.frames.text(), "software": dialog.software.text(), "plugins": dialog.plugins.text(),
           "nodes": [(dialog.nodes.item(i).text(), dialog.nodes.item(i).checkState() == QtCore.Qt.Checked)
                     for i in range(dialog.nodes.count())],
           "problems_before": [dialog.problems.item(i).text() for i in range(dialog.problems.count())]}

    # The user types into the form, then ticks the second ROP (which refreshes the view: the typed
    # values must survive it) and presses Submit.
    QtTest = importlib.import_module(QtWidgets.__name__.split(".")[0] + ".QtTest")  # the same binding's
    type_into(QtTest, QtCore, dialog.frames, "1-20[2]")
    type_into(QtTest, QtCore, dialog.priority, "85")
    type_into(QtTest, QtCore, dialog.project, "shotA")
    dialog.test_first.click()
    dialog.nodes.item(1).setCheckState(QtCore.Qt.Checked)
    buttons = dict((b.text(), b) for b in dialog.findChildren(QtWidgets.QPushButton))
    buttons["Submit"].click()
    submitter._worker.join(10)
    app.processEvents()
    submit = [c["params"] for c in client.calls if c["method"] == "submit/scene"]
    out["submit"] = submit[0] if submit else None

    # The check refuses the job with a structured report; the user selects the ROP's problem.
    submitter.presenter.on_end(False, error={
        "message": "There are 1 error(s); fix them and check again:\n- [ERR_SOFTWARE_VERSION] …",
        "data": {"code": "ERR_CHECK_FAILED", "details": {"problems": [
            {"code": "ERR_SOFTWARE_VERSION", "severity": "error", "message": "Houdini 19.5.605 is not supported",
             "file": "/w/1/task.json", "setting": "software_config.cg_version"},
            {"code": "50002", "severity": "warning", "message": "Camera missing", "node": "/out/redshift1",
             "parm": "RS_renderCamera"}]}}})
    app.processEvents()
    out["problems_after"] = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    out["status"] = dialog.status.text()
    dialog.problems.setCurrentRow(1)
    buttons["Select node"].click()
    out["selected"] = host.selected
    dialog.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
