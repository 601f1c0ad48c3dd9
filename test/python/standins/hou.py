"""Stand-in for Houdini's `hou` module, built to host-apis.md §1 and §5 (not a mock: real behaviour).
Over 400 lines on purpose: `hou` is one module in Houdini, and plugin code imports it as one.

A scene is loaded from a fixture dict with `_load_fixture(spec)`:
  {"hip": "/abs/shot.hip", "version": "20.5.487", "frame_range": [1, 24], "frame": 1,
   "env": {"JOB": "/proj"}, "ui": True, "hdas": ["/libs/tool.hda"],
   "nodes": [{"path": "/out/mantra1", "type": "Driver/ifd", "bypassed": False,
              "parms": {"vm_picture": "$HIP/render/$HIPNAME.$F4.exr", "camera": "/obj/cam1",
                        "trange": {"menu": ["off", "normal", "on"], "value": 1},
                        "f1": 1, "f2": 10, "f3": 1, "file": {"value": "$HIP/tex.rat", "file": True}},
              "tuples": {"f": ["f1", "f2", "f3"]}}]}
String parms are files for fileReferences() when marked {"file": True}. `$HFS` files never appear
there, HDA libraries appear as (None, path), as the real call does.
"""
import os
import posixpath
import re
import sys
import threading

import host_loop


class Error(Exception):
    pass


class OperationFailed(Error):
    pass


class NotAvailable(Error):
    pass


class LoadWarning(Error):
    pass


class ObjectWasDeleted(Error):
    pass


class InvalidInput(Error):
    pass


class KeyframeValueNotSet(Error):
    pass


class severityType(object):
    Message, ImportantMessage, Warning, Error, Fatal = range(5)


class paneTabType(object):
    NetworkEditor = "NetworkEditor"
    SceneViewer = "SceneViewer"


class Vector2(object):
    def __init__(self, x, y):
        self._v = (float(x), float(y))

    def __getitem__(self, i):
        return self._v[i]

    def __len__(self):
        return 2


_STATE = {"hip": "untitled.hip", "version": "20.5.487", "env": {}, "frame": 1.0, "range": (1.0, 240.0),
          "ui": True, "hdas": [], "nodes": {}, "saved": False, "main_calls": [], "loaded": []}
_VAR = re.compile(r"\$\{(\w+)\}|\$(F\d|[A-Za-z_]\w*)")


def _mark_modified():
    _STATE["saved"] = False


def _record(name):
    # Which hou calls ran on which thread: tests assert hou is used on the main thread only.
    _STATE["main_calls"].append((name, threading.get_ident() == host_loop.LOOP.thread_id))


class NodeTypeCategory(object):
    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name


class NodeType(object):
    def __init__(self, key):
        self._category, _, self._name = key.partition("/")

    def name(self):
        return self._name

    def nameWithCategory(self):
        return "%s/%s" % (self._category, self._name)

    def category(self):
        return NodeTypeCategory(self._category)


class Parm(object):
    def __init__(self, node, name, spec):
        if not isinstance(spec, dict):
            spec = {"value": spec}
        self._node, self._name = node, name
        self._value = spec.get("value")
        self._menu = spec.get("menu")
        self._expr = spec.get("expression")
        self._keyframed = spec.get("keyframed", False)
        self.is_file = spec.get("file", False)

    def name(self):
        return self._name

    def node(self):
        return self._node

    def path(self):
        return "%s/%s" % (self._node.path(), self._name)

    def _is_string(self):
        return isinstance(self._value, str) and self._menu is None

    def eval(self):
        _record("Parm.eval")
        if self._is_string():
            return text.expandString(self._value)
        return self._value

    def evalAsString(self):
        if self._menu is not None:
            return self._menu[self._value]
        value = self.eval()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def evalAsInt(self):
        return int(self.eval())

    def evalAsFloat(self):
        return float(self.eval())

    def unexpandedString(self):
        if not self._is_string() or self._keyframed:
            raise OperationFailed("The parameter is not a string parameter, or it has keyframes")
        return self._value

    def rawValue(self):
        return self._expr if self._expr is not None else str(self._value)

    def expression(self):
        if self._expr is None:
            raise OperationFailed("The parameter has no expression")
        return self._expr

    def set(self, value, language=None, follow_parm_reference=True):
        _record("Parm.set")
        self._value = value


class ParmTuple(object):
    def __init__(self, node, name, parms):
        self._node, self._name, self._parms = node, name, parms

    def name(self):
        return self._name

    def eval(self):
        return tuple(p.eval() for p in self._parms)

    def __getitem__(self, i):
        return self._parms[i]

    def __len__(self):
        return len(self._parms)


class Node(object):
    def __init__(self, path, type_key, bypassed=False, parms=None, tuples=None, inputs=None):
        self._path, self._type, self._bypassed = path, NodeType(type_key), bypassed
        self._inputs = list(inputs or [])  # paths (None: an empty input), as the fixture wires them
        self._parms = dict((n, Parm(self, n, s)) for n, s in (parms or {}).items())
        self._tuples = dict(tuples or {})
        self._selected = False
        self._user_data = {}

    def userData(self, name):
        return self._user_data.get(name)

    def setUserData(self, name, value):
        if not isinstance(value, str):
            raise TypeError("setUserData: value must be a string")
        self._user_data[name] = value
        _mark_modified()

    def path(self):
        return self._path

    def name(self):
        return self._path.rsplit("/", 1)[-1] or "/"

    def type(self):
        return self._type

    def isBypassed(self):
        return self._bypassed

    def parm(self, name):
        return self._parms.get(name)

    def parms(self):
        return tuple(self._parms.values())

    def parmTuple(self, name):
        names = self._tuples.get(name)
        if names is None:
            return None
        return ParmTuple(self, name, [self._parms[n] for n in names])

    def evalParm(self, name):
        p = self.parm(name)
        if p is None:
            raise OperationFailed("Invalid parameter name: %s" % name)
        return p.eval()

    def children(self):
        prefix = self._path.rstrip("/") + "/"
        return tuple(n for p, n in sorted(_STATE["nodes"].items())
                     if p.startswith(prefix) and "/" not in p[len(prefix):])

    def allSubChildren(self):
        _record("Node.allSubChildren")
        prefix = self._path.rstrip("/") + "/"
        return tuple(n for p, n in sorted(_STATE["nodes"].items()) if p.startswith(prefix) and p != self._path)

    def node(self, relative):
        # Relative to this node: "../mantra1" is a sibling, "geo1" a child.
        return node(posixpath.normpath(relative if relative.startswith("/") else self._path.rstrip("/") + "/" + relative))

    def inputs(self):
        """The nodes wired into the inputs, None for an empty one (hou.Node.inputs())."""
        return tuple(_STATE["nodes"].get(p) if p else None for p in self._inputs)

    def createNode(self, type_name, node_name=None):
        _record("Node.createNode")
        category = {"img": "Cop2", "/img": "Cop2"}.get(self._path, "Cop2")
        name = node_name or "%s1" % type_name
        parms = {"filename1": ""} if type_name == "file" else {}
        created = Node(self._path.rstrip("/") + "/" + name, "%s/%s" % (category, type_name), parms=parms)
        _STATE["nodes"][created.path()] = created
        return created

    def setSelected(self, on, clear_all_selected=False, show_asset_if_selected=False):
        if clear_all_selected:
            for n in _STATE["nodes"].values():
                n._selected = False
        self._selected = on

    def isSelected(self):
        return self._selected


class _HipFile(object):
    def path(self):
        return _STATE["hip"]

    def name(self):
        return _STATE["hip"]

    def basename(self):
        return os.path.basename(_STATE["hip"])

    def hasUnsavedChanges(self):
        return True if not _STATE["ui"] else not _STATE["saved"]

    def isNewFile(self):
        return os.path.basename(_STATE["hip"]) == "untitled.hip"

    def setName(self, file_name):
        _STATE["hip"] = file_name

    def save(self, file_name=None, save_to_recent_files=True):
        _record("hipFile.save")
        if file_name:
            _STATE["hip"] = file_name
        if self.isNewFile():
            raise OperationFailed("Cannot save an untitled scene without a name")
        _STATE["saved"] = True

    def load(self, file_name, suppress_save_prompt=False, ignore_load_warnings=False):
        _record("hipFile.load")
        fixture = _STATE.get("fixtures", {}).get(file_name)
        if fixture is None:
            raise OperationFailed("Could not open %s" % file_name)
        _load_fixture(fixture)
        _STATE["loaded"].append(file_name)


class _Playbar(object):
    def frameRange(self):
        return Vector2(*_STATE["range"])

    def playbackRange(self):
        return Vector2(*_STATE["range"])

    def frameIncrement(self):
        return 1.0


class _Text(object):
    def expandString(self, value, expand_tilde=True):
        return _expand(value, _STATE["frame"])

    def expandStringAtFrame(self, value, frame, expand_tilde=True):
        return _expand(value, frame)


class _Ui(object):
    def __init__(self):
        self.messages = []
        self.answer = 0

    def _check(self):
        if not _STATE["ui"]:
            raise NotAvailable("hou.ui is not available in hython")

    def displayMessage(self, text, buttons=("OK",), severity=severityType.Message, **kwargs):
        self._check()
        self.messages.append(text)
        return self.answer

    def paneTabs(self):
        self._check()
        return ()

    def setStatusMessage(self, message, severity=severityType.Message):
        self._check()
        self.messages.append(message)


class _Qt(object):
    def mainWindow(self):
        if not _STATE["ui"]:
            raise NotAvailable("no main window without UI")
        return None  # no Qt here: dialogs parent to None


class _Hda(object):
    def loadedFiles(self):
        return tuple(_STATE["hdas"])


hipFile = _HipFile()
playbar = _Playbar()
text = _Text()
ui = _Ui()
qt = _Qt()
hda = _Hda()


def _expand(value, frame):
    env = _env()

    def sub(match):
        name = match.group(1) or match.group(2)
        if name == "F" or re.match(r"F\d$", name):
            pad = int(name[1:]) if len(name) > 1 else 1
            return str(int(frame)).zfill(pad)
        if name == "FF":
            return str(float(frame))
        return env.get(name, match.group(0))
    return _VAR.sub(sub, value)


def _env():
    hip = _STATE["hip"]
    env = {"HIP": os.path.dirname(hip), "HIPNAME": os.path.splitext(os.path.basename(hip))[0], "HIPFILE": hip,
           "HFS": "/opt/hfs" + ".".join(_STATE["version"].split(".")[:2])}
    env.update(_STATE["env"])
    return env


def node(path):
    _record("hou.node")
    if "hou.node" not in _STATE.get("available", ("hou.node",)):
        raise NotAvailable("hou.node is not available in MPlay")
    if path == "/":
        return _ROOT
    return _STATE["nodes"].get(path.rstrip("/") or "/")


def nodes(paths):
    return tuple(node(p) for p in paths)


def fileReferences(project_dir_variable="HIP", include_all_refs=True):
    _record("hou.fileReferences")
    hfs = _env()["HFS"]
    refs = []
    for n in _STATE["nodes"].values():
        for p in n.parms():
            if p.is_file and isinstance(p._value, str) and p._value:
                if _expand(p._value, _STATE["frame"]).startswith(hfs + "/"):
                    continue  # Houdini's own default files are left out
                refs.append((p, p._value))
    for lib in _STATE["hdas"]:
        if not lib.startswith(hfs + "/"):
            refs.append((None, lib))
    return tuple(refs)


def getenv(name, default_value=None):
    return _env().get(name, default_value)


def putenv(name, value):
    _STATE["env"][name] = value


def unsetenv(name):
    _STATE["env"].pop(name, None)


def hscript(command):
    """(stdout, stderr) of an HScript command; only what the plugin runs is known."""
    _STATE.setdefault("hscript", []).append(command)
    if command.split()[0] not in ("varchange", "render"):
        return "", "Unknown command: %s\n" % command.split()[0]
    return "", ""


def applicationVersion(include_patch=False):
    return tuple(int(x) for x in _STATE["version"].split("."))


def applicationVersionString():
    return _STATE["version"]


def applicationName():
    return "houdini" if _STATE["ui"] else "hython"


def isUIAvailable():
    return _STATE["ui"]


def frame(full_precision=False):
    return float(_STATE["frame"])


def intFrame():
    return int(_STATE["frame"])


def fps():
    return 24.0


def setSimulationEnabled(on):
    _STATE["simulation"] = on


_ROOT = Node("/", "Manager/root")


def _load_fixture(spec):
    """Replace the session with the scene described by `spec` (see the module doc)."""
    _STATE.update({"hip": spec.get("hip", "untitled.hip"), "version": spec.get("version", "20.5.487"),
                   "env": dict(spec.get("env", {})), "frame": float(spec.get("frame", 1)),
                   "range": tuple(float(x) for x in spec.get("frame_range", (1, 240))),
                   "hdas": list(spec.get("hdas", [])), "saved": bool(spec.get("saved", True)),
                   "ui": spec.get("ui", _STATE["ui"])})
    _STATE["nodes"] = {}
    _ROOT._user_data = dict(spec.get("user_data", {}))  # the root's user data is saved with the .hip
    for top in ("/obj", "/out", "/img", "/shop", "/mat", "/ch", "/stage", "/tasks"):
        _STATE["nodes"][top] = Node(top, "Manager/%s" % top[1:])
    for n in spec.get("nodes", []):
        created = Node(n["path"], n["type"], n.get("bypassed", False), n.get("parms"), n.get("tuples"), n.get("inputs"))
        _STATE["nodes"][created.path()] = created


def _reset(ui=True):
    """A fresh untitled session; `ui=False` behaves like hython (no hou.ui, hdefereval not importable)."""
    _STATE.update({"ui": ui, "main_calls": [], "loaded": [], "fixtures": {}})
    ui_obj = sys.modules[__name__].ui
    ui_obj.messages = []
    _load_fixture({"ui": ui, "saved": False})


_reset()
