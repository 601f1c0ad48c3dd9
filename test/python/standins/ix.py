"""Stand-in for Clarisse's `ix` module (host-apis.md §3, §5): ix.application, ix.api, ix.cmds and the
simplified helpers (over 400 lines on purpose: `ix` is one module in Clarisse, imported as one). Listing calls fill an array passed in; attributes read as text with get_string()
even when numeric; an exception escaping a scheduled callback crashes the "application" (the test).

Scene from `_load_fixture(spec)`:
  {"project": "/abs/shot.project", "version": "4.0 SP3", "frame_range": [1, 50], "batch": False,
   "objects": [{"path": "project://scene/img", "class": "Image", "kinds": [], "disabled": False,
                "attrs": {"first_frame": {"type": "long", "value": 1}, "save_as": {"type": "file",
                          "hint": "save", "value": "/out/img"}, "layers": {"type": "reference",
                          "value": ["project://scene/img.layer"]}}}],
   "contexts": [{"path": "project://ref", "reference": True, "filename": "/abs/ref.project"}]}
"""
import os
import threading

import host_loop

_STATE = {}


def _record(name):
    _STATE.setdefault("calls", []).append((name, threading.get_ident() == host_loop.LOOP.thread_id))


class ClarisseCrash(AssertionError):
    """An exception escaped a callback: the real Clarisse would have crashed."""


class CoreArray(object):
    def __init__(self, size=0):
        self._items = []

    def add(self, item):
        self._items.append(item)

    def get_count(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)


class _Api(object):
    class OfObjectArray(CoreArray):
        pass

    class CoreStringArray(CoreArray):
        pass

    class CoreStringVector(CoreArray):
        pass

    class OfContextSet(CoreArray):
        pass

    class CoreBitFieldHelper(object):
        pass

    class AppDialog(object):
        STYLE_OK, STYLE_YES_NO = 0, 1

        @staticmethod
        def ok():
            return "ok"

        @staticmethod
        def yes():
            return "yes"

        @staticmethod
        def cancel():
            return "cancel"

    class OfAttr(object):
        TYPE_LONG, TYPE_DOUBLE, TYPE_BOOL, TYPE_STRING, TYPE_FILE, TYPE_REFERENCE = 1, 2, 3, 4, 5, 6
        CONTAINER_SINGLE, CONTAINER_LIST = 0, 1
        VISUAL_HINT_DEFAULT, VISUAL_HINT_FILENAME_OPEN, VISUAL_HINT_FILENAME_SAVE, VISUAL_HINT_FOLDER = 0, 1, 2, 3
        _HINTS = {0: "VISUAL_HINT_DEFAULT", 1: "VISUAL_HINT_FILENAME_OPEN", 2: "VISUAL_HINT_FILENAME_SAVE",
                  3: "VISUAL_HINT_FOLDER"}

        @staticmethod
        def get_path_attrs():
            _record("OfAttr.get_path_attrs")
            out = CoreArray()
            for obj in _STATE["objects"].values():
                for attr in obj._attrs.values():
                    if attr.get_type() == _Api.OfAttr.TYPE_FILE and not obj._in_reference:
                        out.add(attr)  # buggy for referenced contexts, as CIO notes
            return out

        @staticmethod
        def get_visual_hint_name(hint):
            return _Api.OfAttr._HINTS[hint]


api = _Api()
_TYPES = {"long": 1, "double": 2, "bool": 3, "string": 4, "file": 5, "reference": 6}
_HINT = {"open": 1, "save": 2, "folder": 3}


class Attr(object):
    def __init__(self, obj, name, spec):
        if not isinstance(spec, dict):
            spec = {"type": "string", "value": spec}
        self._obj, self._name = obj, name
        self._type = _TYPES[spec.get("type", "string")]
        self._hint = _HINT.get(spec.get("hint"), 0 if self._type != 5 else 1)
        value = spec.get("value")
        self._values = list(value) if isinstance(value, list) else [value]
        self._private = spec.get("private", False)

    def get_name(self):
        return self._name

    def get_full_name(self):
        return "%s.%s" % (self._obj.get_full_name(), self._name)

    def get_parent_object(self):
        return self._obj

    def get_type(self):
        return self._type

    def get_visual_hint(self):
        return self._hint

    def is_private(self):
        return self._private

    def get_value_count(self):
        return len(self._values)

    def get_string(self, index=0):
        value = self._values[index]
        if isinstance(value, bool):
            return "1" if value else "0"
        return "" if value is None else str(value)

    def get_long(self, index=0):
        return int(self._values[index])

    def get_double(self, index=0):
        return float(self._values[index])

    def get_bool(self, index=0):
        return bool(self._values[index])

    def get_object(self, index=0):
        if self._type != _Api.OfAttr.TYPE_REFERENCE:
            raise TypeError("not a reference attribute")
        return _STATE["objects"].get(self._values[index])

    def set_string(self, value, index=0):
        self._values[index] = value


class OfObject(object):
    def __init__(self, spec, in_reference=False):
        self._path, self._class = spec["path"], spec["class"]
        self._kinds = set(spec.get("kinds", [])) | {self._class}
        self._disabled = spec.get("disabled", False)
        self._in_reference = in_reference
        self._attrs = dict((n, Attr(self, n, s)) for n, s in spec.get("attrs", {}).items())

    def get_class_name(self):
        return self._class

    def is_kindof(self, name):
        return name in self._kinds

    def get_name(self):
        return self._path.rsplit("/", 1)[-1]

    def get_full_name(self):
        return self._path

    def __str__(self):
        return self._path

    def is_disabled(self):
        return self._disabled

    def is_context(self):
        return False

    def get_attribute(self, name):
        _record("OfObject.get_attribute")
        if name not in self._attrs:
            raise AttributeError("no attribute %s on %s" % (name, self._path))
        return self._attrs[name]

    def attribute_exists(self, name):
        return self._attrs.get(name)

    def get_attribute_count(self):
        return len(self._attrs)


class OfContext(object):
    def __init__(self, spec):
        self._path = spec["path"]
        self._reference = spec.get("reference", False)
        self._disabled = spec.get("disabled", False)
        self._attrs = {"filename": Attr(self, "filename", {"type": "file", "value": spec.get("filename", "")})}

    def get_full_name(self):
        return self._path

    def is_reference(self):
        return self._reference

    def is_disabled(self):
        return self._disabled

    def get_attribute(self, name):
        return self._attrs[name]

    def resolve_all_contexts(self, out_set):
        for ctx in _STATE["contexts"]:
            out_set.add(ctx)
        return out_set


class _Vars(object):
    def get(self, name):
        value = {"PDIR": os.path.dirname(_STATE["project"]), "PNAME": os.path.basename(_STATE["project"])}.get(name)
        return None if value is None else Attr(None, name, {"value": value})


class _Factory(object):
    def get_root(self):
        return _STATE["root"]

    def get_all_objects(self, class_name, out_array):
        _record("factory.get_all_objects")
        for obj in _STATE["objects"].values():
            if obj.is_kindof(class_name):
                out_array.add(obj)

    get_objects = get_all_objects

    def get_object(self, full_name):
        return _STATE["objects"].get(full_name)

    def get_vars(self):
        return _Vars()


class _EventWindow(object):
    def get_title(self):
        return "Clarisse - %s" % _STATE["project"]

    def set_title(self, title):
        pass


class _Application(object):
    def get_current_project_filename(self):
        _record("application.get_current_project_filename")
        return _STATE["project"]

    def is_project_modified(self):
        return _STATE["modified"]

    def save_project(self, path):
        _STATE["project"], _STATE["modified"] = path, False
        return True

    def load_project(self, path):
        spec = _STATE["fixtures"].get(path)
        if spec is None:
            raise RuntimeError("Cannot open project %s" % path)
        _load_fixture(dict(spec, batch=_STATE["batch"]))
        return True

    def get_current_frame_range(self):
        return list(_STATE["range"])

    def get_factory(self):
        return _Factory()

    def get_version(self):
        return _STATE["version"]

    def get_event_window(self):
        return _EventWindow()

    def check_for_events(self):
        host_loop.LOOP.pump()

    def add_to_event_loop_single(self, fn):
        def guarded():
            try:
                fn()
            except Exception as exc:  # the real Clarisse dies here
                _STATE["crashes"].append(repr(exc))
                raise ClarisseCrash("an exception escaped a Clarisse event-loop callback: %r" % exc)
        host_loop.LOOP.post(guarded)

    def get_main_menu(self):
        return _MainMenu()

    def message_box(self, text, title="", default_button=None, style=0):
        _STATE["messages"].append(text)
        return _api_answer()


def _api_answer():
    class Answer(object):
        def is_yes(self):
            return True

        def is_no(self):
            return False

        def is_cancelled(self):
            return False
    return Answer()


class _MainMenu(object):
    def add_command_as_script(self, language, path, code):
        if language != "ScriptingPython":
            raise ValueError("unknown script language %s" % language)
        _STATE["menu"][path] = code


class _Cmds(object):
    def CreateObject(self, name, class_name, context_path="project://scene"):
        _record("cmds.CreateObject")
        path = "%s/%s" % (context_path.rstrip("/"), name)
        obj = OfObject({"path": path, "class": class_name, "attrs": {
            "filename": {"type": "file", "hint": "open", "value": ""}}})
        _STATE["objects"][path] = obj
        _STATE["created"].append(path)
        return obj

    def CreateContext(self, name, context_path="project:/"):
        path = "%s/%s" % (context_path.rstrip("/"), name)
        _STATE["context_paths"].add(path)
        return path

    def SetValue(self, attr_path, values):
        _record("cmds.SetValue")
        item, _, attr = attr_path.rpartition(".")
        _STATE["objects"][item].get_attribute(attr).set_string(values[0])


class _Selection(object):
    def deselect_all(self):
        _STATE["selection"] = []

    def add(self, item):
        _STATE["selection"].append(item.get_full_name())

    def get_count(self):
        return len(_STATE["selection"])


application = _Application()
cmds = _Cmds()
selection = _Selection()


def get_item(path):
    return _STATE["objects"].get(path)


def item_exists(path):
    return _STATE["objects"].get(path) or (path if path in _STATE["context_paths"] else None)


def log_info(message):
    _STATE["log"].append(("info", message))


def log_warning(message):
    _STATE["log"].append(("warning", message))


def log_error(message):
    _STATE["log"].append(("error", message))


def _load_fixture(spec):
    _STATE.update({"project": spec.get("project", ""), "version": spec.get("version", "4.0 SP3"),
                   "range": tuple(float(x) for x in spec.get("frame_range", (0, 50))),
                   "batch": spec.get("batch", False), "modified": False, "calls": [], "crashes": [],
                   "messages": [], "created": [], "selection": [], "log": [],
                   "context_paths": {"project://scene"}, "fixtures": _STATE.get("fixtures", {}),
                   "menu": _STATE.get("menu", {})})
    _STATE["root"] = OfContext({"path": "project:/"})
    _STATE["contexts"] = [OfContext(c) for c in spec.get("contexts", [])]
    refs = set(c["path"] for c in spec.get("contexts", []) if c.get("reference"))
    _STATE["objects"] = {}
    for obj in spec.get("objects", []):
        inside = any(obj["path"].startswith(r + "/") for r in refs)
        _STATE["objects"][obj["path"]] = OfObject(obj, inside)


_STATE["fixtures"] = {}
_load_fixture({})
