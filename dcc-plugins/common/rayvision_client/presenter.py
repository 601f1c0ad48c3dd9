"""The submit dialog's logic, free of Qt so tests can drive it (the Qt view in submit_dialog.py is thin).

State: frame range, render nodes or layers, platform, software and plugin versions, test frames
first, priority, project/label; live progress; the check report with each problem's node. The view
implements `refresh(presenter)`; the controller (submitter.py) feeds facts, progress and the end.
"""
import re

from . import methods as method_table

_FRAMES = re.compile(r"^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*(?:\[\s*(\d+)\s*\])?)?\s*$")


def parse_frames(text):
    """"1-10[2]" / "1-10" / "5" -> (start, end, step); raises ValueError with a readable message."""
    match = _FRAMES.match(text or "")
    if not match:
        raise ValueError("Frames must look like 1-100 or 1-100[2], not %r" % text)
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) is not None else start
    step = int(match.group(3)) if match.group(3) is not None else 1
    if end < start:
        raise ValueError("The end frame %d is before the start frame %d" % (end, start))
    if step < 1:
        raise ValueError("The frame step must be 1 or more")
    return start, end, step


class SubmitPresenter(object):
    """Holds the dialog's state; every change ends with `view.refresh(self)`."""

    def __init__(self, view=None):
        self.view = view
        self.facts = None
        self.frames = ""
        self.render_nodes = []       # [(node, category, renderable by default)]
        self.selected_nodes = set()
        self.platform = "2"
        self.software_version = ""
        self.plugins = {}
        self.test_frames_first = False
        self.priority = 50
        self.project_name = ""
        # "Submit an incompletely read scene": the user accepts a truncated/damaged scene read
        # (the check refuses it otherwise; see incomplete_read()).
        self.allow_incomplete = False
        self.problems = []           # [{code, message, node?, parm?}]
        self.unsaved = False         # the host says the scene has unsaved changes
        self.status = "idle"         # idle | submitting | running | done | failed
        self.message = ""
        self.percent = 0.0
        self.stage = ""
        self.frames_done = []
        self.task_id = None

    # -- filling ----------------------------------------------------------------------------------
    def load_facts(self, facts, defaults=None):
        """Take the walk's facts: defaults for every field, the nodes to choose from, the problems."""
        self.facts = facts
        rng = facts.get("frameRange") or {}
        if rng:
            self.frames = _format_frames(rng)
        self.render_nodes = [(n["node"], n.get("category", ""), bool(n.get("renderable", True)))
                             for n in facts.get("renderNodes", [])]
        self.selected_nodes = set(n for n, category, on in self.render_nodes if on and category != "geo_node")
        self.software_version = (facts.get("software") or {}).get("version", "")
        self.plugins = dict(facts.get("plugins") or {})
        self.problems = list(facts.get("warnings") or [])
        for key, value in (defaults or {}).items():
            setattr(self, key, value)
        self._refresh()

    def set(self, **fields):
        """Set dialog fields (frames, platform, priority, project_name, test_frames_first, plugins …)."""
        for key, value in fields.items():
            if not hasattr(self, key) or key.startswith("_"):
                raise AttributeError("no dialog field %s" % key)
            setattr(self, key, value)
        self._refresh()

    def toggle_node(self, node, on):
        (self.selected_nodes.add if on else self.selected_nodes.discard)(node)
        self._refresh()

    # -- submitting -------------------------------------------------------------------------------
    def validate(self):
        """Readable errors that block Submit (empty when it may go)."""
        errors = []
        if self.facts is None:
            return ["The scene was not analysed yet"]
        if not self.facts.get("scenePath"):
            errors.append("Save the scene first: it has no file name")
        elif self.unsaved:
            errors.append("Save the scene first: the farm renders the file on disk, not your unsaved changes")
        try:
            parse_frames(self.frames)
        except ValueError as exc:
            errors.append(str(exc))
        if not self.selected_nodes:
            errors.append("Choose at least one render node or layer")
        if not str(self.platform).strip():
            errors.append("Choose a platform")
        if not _is_priority(self.priority):
            errors.append("Priority must be a whole number from 0 to 100, not %r" % (self.priority,))
        return errors

    def submit_params(self, download_path=None):
        """`submit/scene` params for the current state (call validate() first)."""
        start, end, step = parse_frames(self.frames)
        facts = dict(self.facts)
        facts["renderNodes"] = [dict(n, renderable=n["node"] in self.selected_nodes, frames={
            "start": start, "end": end, "step": step}) for n in self.facts.get("renderNodes", [])]
        facts["frameRange"] = {"start": start, "end": end, "step": step}
        task_info = {"pre_frames": "100" if self.test_frames_first else "000",
                     "stop_after_test": "1" if self.test_frames_first else "2"}
        params = {"scenePath": facts["scenePath"], "host": facts["host"], "facts": facts,
                  "platform": str(self.platform), "taskInfo": task_info, "priority": int(self.priority)}
        if self.software_version:
            params["softwareVersion"] = self.software_version
        if self.plugins:
            params["pluginConfig"] = dict(self.plugins)
        if self.project_name:
            params["projectName"] = self.project_name
        if download_path:
            params["download"] = {"localPath": download_path}
        if self.allow_incomplete:
            params["allowIncomplete"] = True
        return params

    def begin(self):
        self.status, self.message, self.percent, self.frames_done = "submitting", "Submitting…", 0.0, []
        self.problems = list((self.facts or {}).get("warnings") or [])  # a new run: no stale check report
        self._refresh()

    # -- following --------------------------------------------------------------------------------
    def on_progress(self, progress):
        """Show a job/progress payload; the percentage is derived from counts and never falls."""
        self.status = "running"
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

    def _refresh(self):
        if self.view is not None:
            self.view.refresh(self)


_LISTED = re.compile(r"^- \[([^\]]+)\] (.*)$", re.MULTILINE)


def _listed_problems(message):
    return [{"code": code, "message": text} for code, text in _LISTED.findall(message or "")]


def _is_priority(value):
    try:
        return not isinstance(value, bool) and float(value) == int(value) and 0 <= int(value) <= 100
    except (TypeError, ValueError):
        return False


def _format_frames(rng):
    text = "%d-%d" % (int(rng["start"]), int(rng["end"]))
    step = int(rng.get("step", 1) or 1)
    return text + ("[%d]" % step if step != 1 else "")
