"""The Settings tool's Qt form (thin): farm, domain, platform, access id and key, download folder.

Logic (validation, what is saved) lives in `validate`, which tests call without Qt.
"""
from . import qt_compat
from . import settings as plugin_settings

FIELDS = (("farm", "Farm (remote or local)"), ("domain", "Domain"), ("platform", "Platform"),
          ("accessId", "Access id"), ("accessKey", "Access key (left empty: unchanged)"),
          ("downloadPath", "Download folder"))


def validate(values, current):
    """(values to save, errors). An empty access key keeps the saved one; remote needs id and key."""
    errors = []
    merged = dict(current)
    for key, value in values.items():
        value = value.strip() if isinstance(value, str) else value
        if key == "accessKey" and not value:
            continue
        merged[key] = value
    if merged.get("farm") not in ("remote", "local"):
        errors.append("Farm must be 'remote' or 'local'")
    if merged.get("farm") == "remote" and not (merged.get("accessId") and merged.get("accessKey")):
        errors.append("The remote farm needs an access id and an access key")
    return merged, errors


def build(host, environ=None, parent=None):
    """Create the settings dialog (raises RuntimeError without Qt)."""
    QtCore, QtWidgets = qt_compat.load()
    if QtWidgets is None:
        raise RuntimeError("No PySide6/PySide2 in this host")
    current = plugin_settings.load(environ)
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("Rayvision settings")
    form = QtWidgets.QFormLayout(dialog)
    edits = {}
    for key, label in FIELDS:
        edit = QtWidgets.QLineEdit("" if key == "accessKey" else str(current.get(key) or ""))
        if key == "accessKey":
            edit.setEchoMode(QtWidgets.QLineEdit.Password)
        form.addRow(label, edit)
        edits[key] = edit
    save = QtWidgets.QPushButton("Save")
    form.addRow(save)

    def on_save():
        merged, errors = validate(dict((k, e.text()) for k, e in edits.items()), current)
        if errors:
            QtWidgets.QMessageBox.warning(dialog, "Rayvision", "\n".join(errors))
            return
        plugin_settings.save(merged, environ)
        host.message("Settings saved (%s farm)" % merged["farm"])
        dialog.accept()
    save.clicked.connect(on_save)
    return dialog
