"""The Qt submit dialog: a thin view over SubmitPresenter (all logic lives in the presenter).

Built only when the host has Qt (qt_compat); `refresh(presenter)` copies state into widgets and the
widgets write back through presenter.set / toggle_node. Buttons call the Submitter.
"""
from . import qt_compat


def build(submitter, parent=None):
    """Create and return the dialog for `submitter` (raises RuntimeError without Qt)."""
    QtCore, QtWidgets = qt_compat.load()
    if QtWidgets is None:
        raise RuntimeError("No PySide6/PySide2 in this host: use the headless submit")
    presenter = submitter.presenter

    class SubmitDialog(QtWidgets.QDialog):
        def __init__(self):
            QtWidgets.QDialog.__init__(self, parent)
            self.setWindowTitle("Submit to Rayvision")
            form = QtWidgets.QFormLayout()
            self.frames = QtWidgets.QLineEdit()
            self.nodes = QtWidgets.QListWidget()
            self.platform = QtWidgets.QLineEdit()
            self.software = QtWidgets.QLineEdit()
            self.plugins = QtWidgets.QLineEdit()
            self.test_first = QtWidgets.QCheckBox("Render test frames first")
            self.priority = QtWidgets.QSpinBox()
            self.priority.setRange(0, 100)
            self.project = QtWidgets.QLineEdit()
            for label, widget in (("Frames", self.frames), ("Render nodes / layers", self.nodes),
                                  ("Platform", self.platform), ("Software version", self.software),
                                  ("Plugins (name=version, …)", self.plugins), ("", self.test_first),
                                  ("Priority", self.priority), ("Project / label", self.project)):
                form.addRow(label, widget)
            self.progress = QtWidgets.QProgressBar()
            self.status = QtWidgets.QLabel()
            self.problems = QtWidgets.QListWidget()
            select = QtWidgets.QPushButton("Select node")
            submit = QtWidgets.QPushButton("Submit")
            cancel = QtWidgets.QPushButton("Cancel job")
            layout = QtWidgets.QVBoxLayout(self)
            layout.addLayout(form)
            for widget in (QtWidgets.QLabel("Check report"), self.problems, select, self.progress, self.status):
                layout.addWidget(widget)
            buttons = QtWidgets.QHBoxLayout()
            buttons.addWidget(submit)
            buttons.addWidget(cancel)
            layout.addLayout(buttons)
            submit.clicked.connect(self._submit)
            cancel.clicked.connect(submitter.cancel)
            select.clicked.connect(lambda: submitter.select_problem(self.problems.currentRow()))
            self.nodes.itemChanged.connect(
                lambda item: presenter.toggle_node(item.text(), item.checkState() == QtCore.Qt.Checked))
            # Every edit lands in the presenter at once (without a refresh), so a refresh caused by
            # something else (a node toggled, progress) shows the user's edits instead of undoing them.
            for signal in (self.frames.textEdited, self.platform.textEdited, self.software.textEdited,
                           self.plugins.textEdited, self.project.textEdited, self.test_first.toggled,
                           self.priority.valueChanged):
                signal.connect(self._store)

        def _store(self, *_):
            presenter.frames = self.frames.text()
            presenter.platform = self.platform.text()
            presenter.software_version = self.software.text()
            presenter.plugins = dict((k.strip(), v.strip()) for k, v in
                                     (p.split("=", 1) for p in self.plugins.text().split(",") if "=" in p))
            presenter.test_frames_first = self.test_first.isChecked()
            presenter.priority = self.priority.value()
            presenter.project_name = self.project.text()

        def _submit(self):
            self._store()
            errors = submitter.submit()
            if errors:
                QtWidgets.QMessageBox.warning(self, "Rayvision", "\n".join(errors))

        def refresh(self, p):
            for widget in (self.frames, self.platform, self.software, self.plugins, self.project, self.test_first,
                           self.priority):
                widget.blockSignals(True)  # writing the presenter's state back is no user edit
            self.nodes.blockSignals(True)
            self.nodes.clear()
            for node, category, _ in p.render_nodes:
                item = QtWidgets.QListWidgetItem(node)
                item.setFlags(item.flags() | QtCore.Qt.ItemIsUserCheckable)
                item.setCheckState(QtCore.Qt.Checked if node in p.selected_nodes else QtCore.Qt.Unchecked)
                self.nodes.addItem(item)
            self.nodes.blockSignals(False)
            if not self.frames.hasFocus():
                self.frames.setText(p.frames)
            self.platform.setText(str(p.platform))
            self.software.setText(p.software_version)
            self.plugins.setText(", ".join("%s=%s" % kv for kv in sorted(p.plugins.items())))
            self.test_first.setChecked(p.test_frames_first)
            self.priority.setValue(int(p.priority))
            self.project.setText(p.project_name)
            for widget in (self.frames, self.platform, self.software, self.plugins, self.project, self.test_first,
                           self.priority):
                widget.blockSignals(False)
            self.problems.clear()
            for index in range(len(p.problems)):
                self.problems.addItem(p.problem_label(index))
            self.progress.setValue(int(p.percent))
            self.status.setText(" ".join(part for part in (p.stage, p.message) if part))

    dialog = SubmitDialog()
    presenter.view = dialog
    dialog.refresh(presenter)  # the walk ran before the dialog existed: show its facts at once
    return dialog
