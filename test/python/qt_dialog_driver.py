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
        self.saved = 0
        self.kept = {}

    def collect_facts(self, source):
        return {"scenePath": self.scene, "host": "houdini", "source": source,
                "frameRange": {"start": 1, "end": 10, "step": 1},
                "software": {"name": "houdini", "version": "19.5.605"}, "plugins": {"redshift": "3.5.16"},
                "renderNodes": [{"node": "/out/mantra1", "category": "rop_node", "renderable": True},
                                {"node": "/out/redshift1", "category": "rop_node", "renderable": False,
                                 "type": "Driver/Redshift_ROP", "frames": {"start": 1, "end": 5, "step": 1}}],
                "warnings": [{"code": "50002", "message": "Camera missing", "node": "/out/redshift1"}]}

    def has_unsaved_changes(self):
        return self.saved == 0

    def save_scene(self):
        self.saved += 1

    def read_scene_setting(self, key):
        return self.kept.get(key)

    def write_scene_setting(self, key, text):
        self.kept[key] = text

    def dispatch(self, fn):
        fn()

    def select_node(self, node):
        self.selected.append(node)
        return True

    def message(self, text, severity="info"):
        self.messages.append(text)

    def load_image(self, path, frame=None):
        pass


OPTIONS = {
    "hardware": [{"id": "496", "model": "Default", "ram": "64GB", "gpuNum": None, "platform": "2", "gpu": False,
                  "label": "CPU Default, 64GB (platform 2)"},
                 {"id": "721", "model": "2080Ti", "ram": "64GB", "gpuNum": "2*GPU", "platform": "21", "gpu": True,
                  "label": "GPU 2080Ti, 64GB, 2*GPU (platform 21)"}],
    "hardwareSelected": 0, "hardwareReason": "No renderer of the scene needs a GPU: CPU hardware is preselected.",
    "gpuNodes": {"/out/redshift1": "Redshift (/out/redshift1) renders on GPUs only"},
    "software": {"name": "Houdini", "versions": ["19.0.561", "19.5.605", "20.0.547"], "detected": "19.5.605",
                 "selected": "19.5.605"},
    "plugins": [{"name": "redshift", "versions": ["3.0.46", "3.5.16"], "detected": "3.5.16", "selected": "3.5.16"}],
}
ASSETS = {"entries": [
    {"local": "/proj/shot/tex/wood.rat", "server": "/proj/shot/tex/wood.rat", "size": 5242880, "status": "upload"},
    {"local": "/proj/shot/geo/sim.0001.bgeo.sc", "server": "/s", "size": 1048576, "status": "on-farm"},
    {"local": "/proj/shot/geo/sim.0002.bgeo.sc", "server": "/s", "size": 1048576, "status": "on-farm"},
    {"local": "/proj/shot/geo/sim.0003.bgeo.sc", "server": "/s", "size": 1048576, "status": "on-farm"},
    {"local": "/proj/libs/tool.hda", "server": "/proj/libs/tool.hda", "size": 204800, "status": "upload"},
    {"local": "/proj/shot/shot.hip", "server": "/proj/shot/shot.hip", "size": 81920, "status": "upload"}],
    "unresolved": [{"path": "$JOB/shot/tex/missing_rough.rat", "status": "missing"}],
    "totalBytes": 8675328, "onFarmBytes": 3145728, "toUploadBytes": 5529600}


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

    def follow(self, job_id, on_progress=None, on_frame=None, on_end=None, resume=None):
        return None


def type_into(QtTest, QtCore, widget, text):
    """Select what the field holds and type `text` over it, key by key, as a user would."""
    widget.setFocus()
    QtTest.QTest.keyClick(widget, QtCore.Qt.Key_A, QtCore.Qt.ControlModifier)
    QtTest.QTest.keyClicks(widget, text)


def activate(combo, index):
    """Pick entry `index` of a combo box as a user does (the view listens to `activated`)."""
    combo.setCurrentIndex(index)
    try:
        combo.activated[int].emit(index)
    except (KeyError, TypeError, IndexError):
        combo.activated.emit(index)


def main():
    QtCore, QtWidgets = qt_compat.load()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    home = sys.argv[1]
    shot = os.environ.get("RAYVISION_SCREENSHOT")
    host, client = Host(os.path.join(home, "shot.hip")), Client()
    submitter = Submitter(host, client=client, environ={"RAYVISION_SDK_HOME": home})
    submitter.open()
    dialog = submit_dialog.build(submitter)
    dialog.show()
    submitter.presenter.load_options(OPTIONS)  # what submit/options and submit/assets answer (prepare())
    submitter.presenter.load_assets(ASSETS)
    app.processEvents()
    cell = lambda row, col: dialog.nodes.item(row, col).text()  # noqa: E731
    out = {"binding": QtWidgets.__name__, "title": dialog.windowTitle(),
           "frames": [cell(0, 1), cell(1, 1)], "software": dialog.software.currentText(),
           "software_menu": [dialog.software.itemText(i) for i in range(dialog.software.count())],
           "plugins": dict((n, c.currentText()) for n, c in dialog.plugin_boxes.items()),
           "hardware": dialog.hardware.currentText(), "reason": dialog.hardware_reason.text(),
           "nodes": [(cell(i, 0), dialog.nodes.item(i, 0).checkState() == QtCore.Qt.Checked)
                     for i in range(dialog.nodes.rowCount())],
           "assets": [dialog.assets.topLevelItem(i).text(0) for i in range(dialog.assets.topLevelItemCount())],
           "asset_summary": dialog.asset_summary.text(), "button": dialog.submit_button.text(),
           "problems_before": [dialog.problems.item(i).text() for i in range(dialog.problems.count())]}

    # The user types into the form, ticks the Redshift ROP (which refreshes the view: the typed values
    # must survive it), picks the GPU machine, scouts and presses "Save and submit".
    QtTest = importlib.import_module(QtWidgets.__name__.split(".")[0] + ".QtTest")  # the same binding's
    dialog.nodes.item(0, 1).setText("1-20x2, 25")  # what the cell editor commits
    type_into(QtTest, QtCore, dialog.chunk, "2")
    type_into(QtTest, QtCore, dialog.priority, "85")
    type_into(QtTest, QtCore, dialog.project, "shotA")
    type_into(QtTest, QtCore, dialog.timeout, "600")
    dialog.nodes.item(1, 0).setCheckState(QtCore.Qt.Checked)  # Redshift: GPU hardware is preselected
    out["hardware_after_redshift"] = [dialog.hardware.currentText(), dialog.hardware_reason.text()]
    activate(dialog.hardware, 0)
    errors_cpu = submitter.presenter.validate()  # the artist went back to CPU: refused, saying why
    activate(dialog.hardware, 1)
    activate(dialog.scout, 2)
    dialog.stop_after_scout.click()
    app.processEvents()
    out["errors_cpu"] = errors_cpu
    out["kept_typing"] = [dialog.chunk.text(), dialog.project.text(), cell(0, 1)]
    if shot:
        dialog.grab().save(shot)
    buttons = dict((b.text(), b) for b in dialog.findChildren(QtWidgets.QPushButton))
    buttons["Save and submit"].click()
    submitter._worker.join(10)
    app.processEvents()
    submit = [c["params"] for c in client.calls if c["method"] == "submit/scene"]
    out["submit"] = submit[0] if submit else None
    out["saved"] = host.saved
    out["kept"] = host.kept

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
