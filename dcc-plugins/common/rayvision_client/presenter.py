"""The submit dialog's logic, free of Qt so tests can drive it (the Qt view in submit_dialog.py is thin).

It holds every rule of the dialog: frames per ROP / render layer / Clarisse layer (frame specs such as
"1-100x2, 120, 200-210"), chunk, camera, hardware / software / plugin menus from the farm
(`submit/options`) with their preselections and notes, scout frames, timeout and over-time stop, the
assets to review (`submit/assets`), save-before-submit, settings kept with the scene; live progress;
the check report with each problem's node. The view implements `refresh(presenter)`; the controller
(submitter.py) feeds facts, options, assets, progress and the end.
(Over 400 lines on purpose: one class holds the dialog's rules so that the view and the controller hold none.)
"""
import re

from . import asset_review
from . import frame_spec
from . import methods as method_table

SCOUT_MODES = ("none", "first", "first-middle-last", "custom")
# What is kept with the scene and prefilled next time (scene_settings.py stores it).
KEPT = ("node_frames", "selected_nodes", "chunk", "camera", "scout_mode", "scout_frames", "stop_after_scout",
        "timeout_seconds", "over_time_stop_seconds", "hardware_key", "software_version", "plugins", "priority",
        "project_name", "assets_added", "assets_removed")
_DAY = 24 * 3600


def parse_frames(text):
    """"1-10x2" / "1-10[2]" / "5" -> (start, end, step) of a one-range spec; ValueError otherwise (kept for callers
    that need one range)."""
    items = frame_spec.parse(text)
    if len(items) != 1:
        raise ValueError("Give one range like 1-100x2")
    return items[0]


class SubmitPresenter(object):
    """Holds the dialog's state; every change ends with `view.refresh(self)`."""

    def __init__(self, view=None):
        self.view = view
        self.facts = None
        self.nodes = []              # rows: {node, category, label, renderable}
        self.selected_nodes = set()
        self.node_frames = {}        # node -> frame spec
        self.chunk = "1"
        self.cameras = []            # renderable cameras of the scene (Maya / Clarisse)
        self.camera = ""             # "" = as the scene says
        self.platform = "2"
        self.farm_state = "idle"     # the farm's menus and the asset list: idle | loading | ready | failed
        self.hardware = []           # submit/options' hardware
        self.hardware_index = -1
        self.hardware_reason = ""
        self.gpu_nodes = {}
        self.hardware_key = None     # kept with the scene: (model, ram, gpuNum, platform)
        self.software_versions = []
        self.software_version = ""
        self.software_note = ""
        self.plugin_menus = {}       # name -> {versions, note}
        self.plugins = {}
        self.scout_mode = "none"
        self.scout_frames = ""
        self.stop_after_scout = False
        self.timeout_seconds = ""
        self.over_time_stop_seconds = ""
        self.priority = 50
        self.project_name = ""
        # "Submit an incompletely read scene": the user accepts a truncated/damaged scene read
        # (the check refuses it otherwise; see incomplete_read()).
        self.allow_incomplete = False
        self.asset_rows = []
        self.assets_added = []
        self.assets_removed = []
        self.asset_totals = None     # {totalBytes, onFarmBytes, toUploadBytes}
        self.problems = []           # [{code, message, node?, parm?}]
        self.unsaved = False         # the host says the scene has unsaved changes
        self.status = "idle"         # idle | submitting | running | done | failed
        self.message = ""
        self.percent = 0.0
        self.stage = ""
        self.frames_done = []
        self.task_id = None

    # -- filling ----------------------------------------------------------------------------------
    def load_facts(self, facts, defaults=None, kept=None):
        """Take the walk's facts (defaults for every field), then `defaults` (plugin settings), then what
        the last submit kept with the scene (`kept`, scene_settings.load)."""
        self.facts = facts
        scene_range = facts.get("frameRange") or {}
        self.nodes, self.node_frames = [], {}
        for node in facts.get("renderNodes", []):
            children = node.get("children") or []
            for row in ([dict(c, _parent=node) for c in children] if children else [node]):
                rng = row.get("frames") or node.get("frames") or scene_range
                self.nodes.append({"node": row["node"], "category": row.get("category", ""),
                                   "label": _label(row), "renderable": bool(row.get("renderable", True))})
                if rng:
                    self.node_frames[row["node"]] = frame_spec.from_range(rng)
        self.selected_nodes = set(r["node"] for r in self.nodes if r["renderable"] and r["category"] != "geo_node")
        cams = facts.get("cameras") or []
        self.cameras = [c["node"] for c in cams if c.get("renderable")] or [c["node"] for c in cams]
        self.software_version = (facts.get("software") or {}).get("version", "")
        self.plugins = dict(facts.get("plugins") or {})
        self.problems = list(facts.get("warnings") or [])
        for key, value in (defaults or {}).items():
            setattr(self, key, value)
        self._apply_kept(kept or {})
        self._refresh()

    def _apply_kept(self, kept):
        known = set(r["node"] for r in self.nodes)
        for key in KEPT:
            if key not in kept:
                continue
            value = kept[key]
            if key == "node_frames":
                self.node_frames.update((n, s) for n, s in value.items() if n in known)
            elif key == "selected_nodes":
                chosen = set(n for n in value if n in known)
                if chosen:
                    self.selected_nodes = chosen
            elif key == "camera":
                self.camera = value if value in self.cameras else ""
            else:
                setattr(self, key, list(value) if isinstance(value, list) and key != "hardware_key" else value)

    def load_options(self, options):
        """Take `submit/options`: hardware, software and plugin menus with their preselections."""
        self.hardware = list(options.get("hardware") or [])
        self.gpu_nodes = dict(options.get("gpuNodes") or {})
        self.hardware_reason = options.get("hardwareReason", "")
        index = options.get("hardwareSelected", -1)
        kept = self._hardware_by_key(self.hardware_key)
        if kept is not None and (not self.gpu_nodes or self.hardware[kept].get("gpu")):
            index = kept  # the last submit's choice, unless the scene now needs a GPU it lacks
            self.hardware_reason = "As the last submit of this scene."
        self.choose_hardware(index, refresh=False)
        software = options.get("software") or {}
        self.software_versions = list(software.get("versions") or [])
        self.software_note = software.get("note", "")
        if self.software_version not in self.software_versions and software.get("selected"):
            self.software_version = software["selected"]
        self.plugin_menus = {}
        for menu in options.get("plugins") or []:
            self.plugin_menus[menu["name"]] = {"versions": list(menu.get("versions") or []), "note": menu.get("note", "")}
            if self.plugins.get(menu["name"]) not in menu.get("versions", []) and menu.get("selected"):
                self.plugins[menu["name"]] = menu["selected"]
        self._refresh()

    def load_assets(self, result):
        """Take `submit/assets`: the upload list (exactly upload.json) and the references left out."""
        self.asset_rows = asset_review.rows(result.get("entries") or [], result.get("unresolved") or [])
        self.asset_totals = dict((k, result.get(k, 0)) for k in ("totalBytes", "onFarmBytes", "toUploadBytes"))
        self._refresh()

    def set(self, **fields):
        """Set dialog fields (frames for every node, chunk, camera, priority, project_name, scout_mode …)."""
        for key, value in fields.items():
            if key == "frames":
                for row in self.nodes:
                    self.node_frames[row["node"]] = value
                continue
            if not hasattr(self, key) or key.startswith("_"):
                raise AttributeError("no dialog field %s" % key)
            setattr(self, key, value)
        self._refresh()

    def set_node_frames(self, node, spec):
        self.node_frames[node] = spec
        self._refresh()

    def toggle_node(self, node, on):
        (self.selected_nodes.add if on else self.selected_nodes.discard)(node)
        if on and node in self.gpu_nodes and not self._gpu_chosen():
            gpus = [i for i, h in enumerate(self.hardware) if h.get("gpu")]
            if gpus:  # a GPU renderer now renders: preselect GPU hardware, and say why
                self.choose_hardware(gpus[0], refresh=False)
                self.hardware_reason = "%s: a GPU configuration is preselected." % self.gpu_nodes[node]
        self._refresh()

    def _gpu_chosen(self):
        return self.hardware_index >= 0 and bool(self.hardware[self.hardware_index].get("gpu"))

    def choose_hardware(self, index, refresh=True):
        """Pick hardware row `index`; the platform follows it (GPU machines live on their own platform)."""
        self.hardware_index = index if 0 <= index < len(self.hardware) else -1
        if self.hardware_index >= 0:
            row = self.hardware[self.hardware_index]
            self.platform = row.get("platform", self.platform)
            self.hardware_key = [row["model"], row["ram"], row.get("gpuNum"), row.get("platform")]
        if refresh:
            self._refresh()

    def _hardware_by_key(self, key):
        for index, row in enumerate(self.hardware):
            if key and [row["model"], row["ram"], row.get("gpuNum"), row.get("platform")] == list(key):
                return index
        return None

    def add_assets(self, paths):
        """The artist adds files or folders to upload (the list is fetched again: submit/assets)."""
        for p in paths:
            p = p.replace("\\", "/")
            if p in self.assets_removed:
                self.assets_removed.remove(p)
            elif p not in self.assets_added:
                self.assets_added.append(p)
        self._refresh()

    def remove_asset(self, index):
        """The artist removes row `index` of the asset list (a whole sequence at once)."""
        row = self.asset_rows[index]
        for local in row["files"]:
            if local in self.assets_added:
                self.assets_added.remove(local)
            elif local not in self.assets_removed:
                self.assets_removed.append(local)
        self.asset_rows = self.asset_rows[:index] + self.asset_rows[index + 1:]
        self._refresh()

    def assets_params(self):
        """`submit/assets` params for the current choices (the list to review)."""
        params = {"facts": self.render_facts(), "platform": str(self.platform)}
        if self.software_version:
            params["softwareVersion"] = self.software_version
        if self.assets_added or self.assets_removed:
            params["assets"] = {"add": list(self.assets_added), "remove": list(self.assets_removed)}
        return params

    # -- rules --------------------------------------------------------------------------------------
    def needs_save(self):
        """"untitled" (no file yet), "unsaved" (changes not on disk) or None."""
        if self.facts is not None and not self.facts.get("scenePath"):
            return "untitled"
        return "unsaved" if self.unsaved else None

    def can_continue(self):
        """True while a task paused after its scout frames may be told to render the rest (task/start)."""
        return (self.status == "running" and self.scout_mode != "none" and bool(self.stop_after_scout)
                and self.task_id is not None)

    def submit_label(self):
        return "Save and submit" if self.needs_save() == "unsaved" else "Submit"

    def uses_camera(self):
        return (self.facts or {}).get("host") in ("maya", "clarisse")

    def gpu_needed(self):
        """Why the selected nodes need a GPU (empty when none does)."""
        return [why for node, why in sorted(self.gpu_nodes.items()) if node in self.selected_nodes]

    def validate(self):
        """Readable errors that block Submit, each naming its field (empty when it may go)."""
        if self.facts is None:
            return ["The scene was not analysed yet"]
        errors = []
        if self.farm_state == "loading":
            errors.append("The farm's hardware, versions and asset list are still loading")
        if self.needs_save() == "untitled":
            errors.append("Save the scene first: it has no file name (the farm renders the file on disk)")
        if not self.selected_nodes:
            errors.append("Choose at least one render node or layer")
        for row in self.nodes:
            if row["node"] in self.selected_nodes:
                bad = frame_spec.problem(self.node_frames.get(row["node"], ""))
                if bad:
                    errors.append("Frames of %s: the spec %s" % (row["label"], bad))
        if not _whole(self.chunk, 1, 1000):
            errors.append("Chunk (frames per task) must be a whole number from 1 to 1000, not %r" % (self.chunk,))
        if self.camera and self.cameras and self.camera not in self.cameras:
            errors.append("Camera %s is not a renderable camera of the scene" % self.camera)
        if self.scout_mode not in SCOUT_MODES:
            errors.append("Scout frames must be one of %s" % ", ".join(SCOUT_MODES))
        elif self.scout_mode == "custom":
            bad = frame_spec.problem(self.scout_frames)
            if bad:
                errors.append("Scout frames: the spec %s" % bad)
        for label, value in (("Timeout", self.timeout_seconds), ("Over-time stop", self.over_time_stop_seconds)):
            if str(value).strip() and not _whole(value, 1, 30 * _DAY):
                errors.append("%s must be a whole number of seconds from 1 to %d, not %r" % (label, 30 * _DAY, value))
        if (_whole(self.timeout_seconds, 1, 30 * _DAY) and _whole(self.over_time_stop_seconds, 1, 30 * _DAY)
                and int(self.timeout_seconds) > int(self.over_time_stop_seconds)):
            errors.append("Timeout (%s s) must not be longer than the over-time stop (%s s)"
                          % (self.timeout_seconds, self.over_time_stop_seconds))
        if self.hardware and self.hardware_index < 0:
            errors.append("Choose the hardware to render on")
        elif self.gpu_needed() and self.hardware_index >= 0 and not self.hardware[self.hardware_index].get("gpu"):
            errors.append("Hardware: %s; choose a GPU configuration" % "; ".join(self.gpu_needed()))
        if self.software_versions and self.software_version not in self.software_versions:
            errors.append("Software version %s is not offered by the farm" % self.software_version)
        for name, menu in sorted(self.plugin_menus.items()):
            if self.plugins.get(name) not in menu["versions"]:
                errors.append("Plugin %s %s is not offered by the farm" % (name, self.plugins.get(name)))
        if not str(self.platform).strip():
            errors.append("Choose a platform")
        if not _whole(self.priority, 0, 100):
            errors.append("Priority must be a whole number from 0 to 100, not %r" % (self.priority,))
        return errors

    # -- submitting -------------------------------------------------------------------------------
    def render_facts(self):
        """The facts with each node's renderable flag as chosen (the sidecar's GPU and upload rules read it)."""
        facts = dict(self.facts)

        def mark(node):
            node = dict(node)
            if node.get("children"):
                node["children"] = [dict(c, renderable=c["node"] in self.selected_nodes) for c in node["children"]]
            else:
                node["renderable"] = node["node"] in self.selected_nodes
            return node
        facts["renderNodes"] = [mark(n) for n in self.facts.get("renderNodes", [])]
        return facts

    def submit_params(self, download_path=None):
        """`submit/scene` params for the current state (call validate() first)."""
        facts = self.render_facts()
        selected = [r["node"] for r in self.nodes if r["node"] in self.selected_nodes]
        params = {"scenePath": facts["scenePath"], "host": facts["host"], "facts": facts,
                  "platform": str(self.platform), "priority": int(self.priority),
                  "renderNodes": selected, "frames": dict((n, self.node_frames[n]) for n in selected if n in self.node_frames),
                  "chunk": int(self.chunk),
                  "scout": {"mode": self.scout_mode, "stopAfter": bool(self.stop_after_scout)}}
        if self.scout_mode == "custom":
            params["scout"]["frames"] = self.scout_frames
        if self.camera and self.uses_camera():
            params["camera"] = self.camera
        if str(self.timeout_seconds).strip():
            params["timeoutSeconds"] = int(self.timeout_seconds)
        if str(self.over_time_stop_seconds).strip():
            params["overTimeStopSeconds"] = int(self.over_time_stop_seconds)
        if self.hardware_index >= 0:
            row = self.hardware[self.hardware_index]
            params["hardwareConfig"] = {"model": row["model"], "ram": row["ram"], "gpuNum": row.get("gpuNum")}
        if self.software_version:
            params["softwareVersion"] = self.software_version
        if self.plugins:
            params["pluginConfig"] = dict(self.plugins)
        if self.project_name:
            params["projectName"] = self.project_name
        if self.assets_added or self.assets_removed:
            params["assets"] = {"add": list(self.assets_added), "remove": list(self.assets_removed)}
        if download_path:
            params["download"] = {"localPath": download_path}
        if self.allow_incomplete:
            params["allowIncomplete"] = True
        return params

    def kept_settings(self):
        """What the scene keeps for the next submit (scene_settings.store)."""
        out = dict((key, getattr(self, key)) for key in KEPT)
        out["selected_nodes"] = sorted(self.selected_nodes)
        return out

    def begin(self):
        self.status, self.message, self.percent, self.frames_done = "submitting", "Submitting…", 0.0, []
        self.problems = list((self.facts or {}).get("warnings") or [])  # a new run: no stale check report
        self._refresh()

    # -- following --------------------------------------------------------------------------------
    def on_progress(self, progress):
        """Show a job/progress payload; the percentage is derived from counts and never falls."""
        self.status = "running"
        if progress.get("taskId") is not None:
            self.task_id = progress["taskId"]
        self.stage = progress.get("stage") or self.stage
        self.message = progress.get("message") or progress.get("title") or self.message
        for key in ("frames", "files", "bytes"):
            counter = progress.get(key)
            if counter and counter.get("total"):
                self.percent = max(self.percent, 100.0 * counter["transferred"] / counter["total"])
                break
        self._refresh()

    def on_frame(self, frame):
        self.frames_done.append(frame)
        if frame.get("taskId") is not None:
            self.task_id = frame["taskId"]
        self._refresh()

    def on_end(self, ok, result=None, error=None):
        self.status = "done" if ok else "failed"
        if ok:
            self.percent = 100.0
            self.task_id = (result or {}).get("taskId", self.task_id)
            self.message = "Task %s submitted; %d frames back" % (self.task_id, len(self.frames_done))
        else:
            message = (error or {}).get("message", "The submission failed")
            details = ((error or {}).get("data") or {}).get("details") or {}
            problems = details.get("problems") if isinstance(details, dict) else None
            if isinstance(problems, list) and problems:
                # The check's own report (it re-reads the walk's tips) replaces the walk's warnings;
                # the list holds what the message's lines said, so the status keeps the first line.
                self.problems = [p for p in problems if isinstance(p, dict)]
                self.message = message.split("\n", 1)[0]
            else:
                # An older sidecar: the check's message lists the problems as "- [CODE] text" lines.
                self.problems.extend(_listed_problems(message))
                self.message = message
        self._refresh()

    def problem_label(self, index):
        """One line for problem `index`: severity, code, where (node.parm or file: setting), message."""
        problem = self.problems[index]
        where = problem.get("node") or ""
        if where and problem.get("parm"):
            where += "." + problem["parm"]
        if not where and problem.get("file"):
            where = problem["file"].replace("\\", "/").rsplit("/", 1)[-1]
            where += (": " + problem["setting"]) if problem.get("setting") else ""
        text = problem.get("message", "")
        if problem.get("detail"):
            text += " (%s)" % problem["detail"]
        head = "[%s] %s" % (problem.get("severity") or "warning", problem.get("code", ""))
        return "%s %s%s" % (head, where + ": " if where else "", text)

    def incomplete_read(self):
        """True when a problem says the scene was read incompletely (the generated INCOMPLETE_READ_TIPS):
        the view offers the "Submit an incompletely read scene" checkbox (allow_incomplete) then."""
        codes = set(method_table.incomplete_read_tips())
        return any(str(p.get("code")) in codes for p in self.problems if isinstance(p, dict))

    def problem_node(self, index):
        """The node of problem `index` (for the "Select" button), or None."""
        if 0 <= index < len(self.problems):
            return self.problems[index].get("node")
        return None

    def asset_summary(self):
        """"12 files, 1.2 GB to upload, 300 MB already on the farm" for the view."""
        files = sum(len(r["files"]) for r in self.asset_rows)
        if self.asset_totals is None:
            return "Assets: not listed yet"
        t = self.asset_totals
        text = "%d file(s), %s in all: %s to upload, %s already on the farm" % (
            files, asset_review.human_size(t["totalBytes"]), asset_review.human_size(t["toUploadBytes"]),
            asset_review.human_size(t["onFarmBytes"]))
        left_out = [r for r in self.asset_rows if not r["files"]]
        return text + ("; %d reference(s) left out" % len(left_out) if left_out else "")

    def _refresh(self):
        if self.view is not None:
            self.view.refresh(self)


_LISTED = re.compile(r"^- \[([^\]]+)\] (.*)$", re.MULTILINE)


def _listed_problems(message):
    return [{"code": code, "message": text} for code, text in _LISTED.findall(message or "")]


def _whole(value, low, high):
    try:
        return not isinstance(value, bool) and float(value) == int(value) and low <= int(value) <= high
    except (TypeError, ValueError):
        return False


def _label(row):
    parent = row.get("_parent")
    name = row["node"]
    if parent is not None:
        return "%s › %s" % (parent["node"].rsplit("/", 1)[-1], name.rsplit(".", 1)[-1].rsplit("/", 1)[-1])
    return name
