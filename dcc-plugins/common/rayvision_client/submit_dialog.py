"""The Qt submit dialog: a thin view over SubmitPresenter (all rules live in the presenter).

Built only when the host has Qt (qt_compat); `refresh(presenter)` copies state into widgets, and the
widgets write back through the presenter's fields and methods. Buttons call the Submitter.
"""
from . import asset_review
from . import qt_compat
from .presenter import SCOUT_MODES


def build(submitter, parent=None):
    """Create and return the dialog for `submitter` (raises RuntimeError without Qt)."""
    QtCore, QtWidgets = qt_compat.load()
    if QtWidgets is None:
        raise RuntimeError("No PySide6/PySide2 in this host: use the headless submit")
    presenter = submitter.presenter
    Qt = QtCore.Qt

    def box(title, layout):
        group = QtWidgets.QGroupBox(title)
        group.setLayout(layout)
        return group

    def note():
        label = QtWidgets.QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #8a5a00")
        return label

    class SubmitDialog(QtWidgets.QDialog):
        def __init__(self):
            QtWidgets.QDialog.__init__(self, parent)
            self.setWindowTitle("Submit to Rayvision")
            self._filling = False
            # Render: nodes / layers with their frames, and the per-task settings.
            self.nodes = QtWidgets.QTableWidget(0, 2)
            self.nodes.setHorizontalHeaderLabels(["ROP / layer / image", "Frames (e.g. 1-100x2, 120)"])
            self.nodes.horizontalHeader().setStretchLastSection(True)
            self.nodes.verticalHeader().setVisible(False)
            self.chunk = QtWidgets.QLineEdit()
            self.camera = QtWidgets.QComboBox()
            self.scout = QtWidgets.QComboBox()
            self.scout.addItems(list(SCOUT_MODES))
            self.scout_frames = QtWidgets.QLineEdit()
            self.scout_frames.setPlaceholderText("custom scout frames, e.g. 1, 50, 100")
            self.stop_after_scout = QtWidgets.QCheckBox("Pause after the scout frames")
            self.timeout = QtWidgets.QLineEdit()
            self.timeout.setPlaceholderText("farm default")
            self.over_time = QtWidgets.QLineEdit()
            self.over_time.setPlaceholderText("farm default")
            self.priority = QtWidgets.QSpinBox()
            self.priority.setRange(0, 100)
            self.project = QtWidgets.QLineEdit()
            frames_form = QtWidgets.QFormLayout()
            for label, widget in (("Chunk (frames per task)", self.chunk), ("Camera", self.camera),
                                  ("Scout frames", self.scout), ("", self.scout_frames), ("", self.stop_after_scout),
                                  ("Timeout per frame (s)", self.timeout), ("Over-time stop (s)", self.over_time),
                                  ("Priority", self.priority), ("Project / label", self.project)):
                frames_form.addRow(label, widget)
            render = QtWidgets.QVBoxLayout()
            render.addWidget(self.nodes)
            render.addLayout(frames_form)
            # Farm: hardware, software and plugin menus from the farm.
            self.hardware = QtWidgets.QComboBox()
            self.hardware_reason = note()
            self.software = QtWidgets.QComboBox()
            self.software_note = note()
            self.plugins = QtWidgets.QFormLayout()
            self.plugin_boxes = {}
            farm = QtWidgets.QFormLayout()
            farm.addRow("Hardware", self.hardware)
            farm.addRow("", self.hardware_reason)
            farm.addRow("Software", self.software)
            farm.addRow("", self.software_note)
            farm.addRow(self.plugins)
            # Assets to review.
            self.assets = QtWidgets.QTreeWidget()
            self.assets.setHeaderLabels(["Asset", "Kind", "Size", "Status"])
            self.assets.setRootIsDecorated(False)
            self.assets.setMinimumHeight(170)
            header = self.assets.header()
            header.setStretchLastSection(False)
            try:
                header.setSectionResizeMode(0, QtWidgets.QHeaderView.Stretch)
            except AttributeError:  # Qt 4 era bindings
                header.setResizeMode(0, QtWidgets.QHeaderView.Stretch)
            self.asset_summary = QtWidgets.QLabel()
            self.asset_summary.setWordWrap(True)
            add_files = QtWidgets.QPushButton("Add files…")
            add_folder = QtWidgets.QPushButton("Add folder…")
            remove = QtWidgets.QPushButton("Remove")
            asset_buttons = QtWidgets.QHBoxLayout()
            for b in (add_files, add_folder, remove):
                asset_buttons.addWidget(b)
            assets = QtWidgets.QVBoxLayout()
            assets.addWidget(self.assets)
            assets.addWidget(self.asset_summary)
            assets.addLayout(asset_buttons)
            right = QtWidgets.QVBoxLayout()
            right.addWidget(box("Farm", farm))
            right.addWidget(box("Assets to upload", assets), 1)
            columns = QtWidgets.QHBoxLayout()
            columns.addWidget(box("Render", render), 1)
            columns.addLayout(right, 1)
            # Report, progress, buttons.
            self.problems = QtWidgets.QListWidget()
            self.problems.setMaximumHeight(80)
            self.allow_incomplete = QtWidgets.QCheckBox("Submit an incompletely read scene")
            select = QtWidgets.QPushButton("Select node")
            self.progress = QtWidgets.QProgressBar()
            self.status = QtWidgets.QLabel()
            self.submit_button = QtWidgets.QPushButton("Submit")
            cancel = QtWidgets.QPushButton("Cancel job")
            self.continue_button = QtWidgets.QPushButton("Continue after scouts")
            layout = QtWidgets.QVBoxLayout(self)
            layout.addLayout(columns, 1)
            layout.addWidget(QtWidgets.QLabel("Check report"))
            layout.addWidget(self.problems)
            report_row = QtWidgets.QHBoxLayout()
            report_row.addWidget(select)
            report_row.addWidget(self.allow_incomplete)
            report_row.addStretch(1)
            layout.addLayout(report_row)
            layout.addWidget(self.progress)
            layout.addWidget(self.status)
            buttons = QtWidgets.QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(self.continue_button)
            buttons.addWidget(cancel)
            buttons.addWidget(self.submit_button)
            layout.addLayout(buttons)

            self.submit_button.clicked.connect(self._submit)
            cancel.clicked.connect(submitter.cancel)
            self.continue_button.clicked.connect(submitter.continue_task)
            select.clicked.connect(lambda: submitter.select_problem(self.problems.currentRow()))
            self.nodes.itemChanged.connect(self._node_changed)
            self.hardware.activated.connect(lambda i: presenter.choose_hardware(i))
            self.software.activated.connect(lambda i: presenter.set(software_version=self.software.itemText(i)))
            self.camera.activated.connect(lambda i: presenter.set(camera=self.camera.itemData(i) or ""))
            self.scout.activated.connect(lambda i: presenter.set(scout_mode=SCOUT_MODES[i]))
            add_files.clicked.connect(lambda: self._add(QtWidgets.QFileDialog.getOpenFileNames(self, "Add files")[0]))
            add_folder.clicked.connect(lambda: self._add([QtWidgets.QFileDialog.getExistingDirectory(self, "Add folder")]))
            remove.clicked.connect(self._remove)
            # Typed values land in the presenter at once (without a refresh), so a refresh caused by
            # something else (a node toggled, progress) shows the user's edits instead of undoing them.
            for signal in (self.chunk.textEdited, self.scout_frames.textEdited, self.timeout.textEdited,
                           self.over_time.textEdited, self.project.textEdited, self.stop_after_scout.toggled,
                           self.priority.valueChanged, self.allow_incomplete.toggled):
                signal.connect(self._store)

        def _store(self, *_):
            presenter.chunk = self.chunk.text()
            presenter.scout_frames = self.scout_frames.text()
            presenter.stop_after_scout = self.stop_after_scout.isChecked()
            presenter.timeout_seconds = self.timeout.text()
            presenter.over_time_stop_seconds = self.over_time.text()
            presenter.priority = self.priority.value()
            presenter.project_name = self.project.text()
            presenter.allow_incomplete = self.allow_incomplete.isChecked()

        def _node_changed(self, item):
            if self._filling:
                return
            node = presenter.nodes[item.row()]["node"]
            if item.column() == 0:
                presenter.toggle_node(node, item.checkState() == Qt.Checked)
            else:
                presenter.node_frames[node] = item.text()

        def _add(self, paths):
            paths = [p for p in paths if p]
            if paths:
                presenter.add_assets(paths)
                submitter.refresh_assets()

        def _remove(self):
            row = self.assets.indexOfTopLevelItem(self.assets.currentItem()) if self.assets.currentItem() else -1
            if row >= 0 and presenter.asset_rows[row]["files"]:
                presenter.remove_asset(row)
                submitter.refresh_assets()

        def _submit(self):
            self._store()
            errors = submitter.submit(save=True)
            if errors:
                QtWidgets.QMessageBox.warning(self, "Rayvision", "\n".join(errors))

        def refresh(self, p):
            self._filling = True
            for widget in self.findChildren(QtWidgets.QWidget):
                widget.blockSignals(True)  # writing the presenter's state back is no user edit
            try:
                self._fill(p)
            finally:
                for widget in self.findChildren(QtWidgets.QWidget):
                    widget.blockSignals(False)
                self._filling = False

        def _fill(self, p):
            if self.nodes.state() != QtWidgets.QAbstractItemView.EditingState:
                self.nodes.setRowCount(len(p.nodes))
                for row, info in enumerate(p.nodes):
                    name = QtWidgets.QTableWidgetItem(info["label"])
                    name.setFlags((name.flags() | Qt.ItemIsUserCheckable) & ~Qt.ItemIsEditable)
                    name.setCheckState(Qt.Checked if info["node"] in p.selected_nodes else Qt.Unchecked)
                    self.nodes.setItem(row, 0, name)
                    self.nodes.setItem(row, 1, QtWidgets.QTableWidgetItem(p.node_frames.get(info["node"], "")))
                self.nodes.resizeColumnToContents(0)
            for widget, value in ((self.chunk, str(p.chunk)), (self.scout_frames, p.scout_frames),
                                  (self.timeout, str(p.timeout_seconds)), (self.over_time, str(p.over_time_stop_seconds)),
                                  (self.project, p.project_name)):
                if not widget.hasFocus():
                    widget.setText(value)
            self.camera.clear()
            self.camera.addItem("as in the scene", "")
            for cam in p.cameras:
                self.camera.addItem(cam, cam)
            self.camera.setCurrentIndex(max(0, self.camera.findData(p.camera)))
            self.camera.setEnabled(p.uses_camera())
            self.scout.setCurrentIndex(SCOUT_MODES.index(p.scout_mode) if p.scout_mode in SCOUT_MODES else 0)
            self.scout_frames.setEnabled(p.scout_mode == "custom")
            self.stop_after_scout.setChecked(bool(p.stop_after_scout))
            self.priority.setValue(int(p.priority) if str(p.priority).isdigit() else 50)
            self.hardware.clear()
            self.hardware.addItems([h["label"] for h in p.hardware] or ["(loading the farm's hardware…)"])
            self.hardware.setCurrentIndex(max(0, p.hardware_index))
            self.hardware_reason.setText(p.hardware_reason)
            self.software.clear()
            self.software.addItems(p.software_versions or [p.software_version])
            self.software.setCurrentIndex(max(0, self.software.findText(p.software_version)))
            self.software_note.setText(p.software_note)
            self._fill_plugins(p)
            self.assets.clear()
            for row in p.asset_rows:
                item = QtWidgets.QTreeWidgetItem([row["label"], row["kind"], asset_review.human_size(row["size"]), row["status"]])
                item.setToolTip(0, "\n".join(row["files"]) or row["label"])
                self.assets.addTopLevelItem(item)
            for column in (1, 2, 3):
                self.assets.resizeColumnToContents(column)
            self.asset_summary.setText(p.asset_summary())
            self.problems.clear()
            for index in range(len(p.problems)):
                self.problems.addItem(p.problem_label(index))
            self.allow_incomplete.setVisible(p.incomplete_read() or p.allow_incomplete)
            self.allow_incomplete.setChecked(bool(p.allow_incomplete))
            self.progress.setValue(int(p.percent))
            self.status.setText(" ".join(part for part in (p.stage, p.message) if part))
            self.submit_button.setText(p.submit_label())
            self.continue_button.setEnabled(p.can_continue())

        def _fill_plugins(self, p):
            for name, menu in sorted(p.plugin_menus.items()):
                combo = self.plugin_boxes.get(name)
                if combo is None:
                    combo = self.plugin_boxes[name] = QtWidgets.QComboBox()
                    combo.activated.connect(lambda i, n=name, c=combo: presenter.plugins.__setitem__(n, c.itemText(i)))
                    self.plugins.addRow("Plugin %s" % name, combo)
                    combo.setToolTip(menu.get("note", ""))
                combo.clear()
                combo.addItems(menu["versions"])
                combo.setCurrentIndex(max(0, combo.findText(p.plugins.get(name, ""))))

    dialog = SubmitDialog()
    presenter.view = dialog
    dialog.resize(1180, 720)
    dialog.refresh(presenter)  # the walk ran before the dialog existed: show its facts at once
    return dialog
