"""Houdini adapter: the ONLY module that imports `hou` (and `hdefereval`). Everything it returns is
plain data, so the walk (walk.py), the dialog and the common client never touch `hou` themselves.
All functions here run on Houdini's main thread.
"""
import os
import subprocess
import sys

import hou

HOST_NAME = "houdini"


# -- scene -------------------------------------------------------------------------------------------
def scene_path():
    """Absolute path of the current .hip (forward slashes)."""
    return hou.hipFile.path()


def is_untitled():
    return hou.hipFile.isNewFile()


def has_unsaved_changes():
    return hou.hipFile.hasUnsavedChanges()


def save_scene():
    """Save in place; raises hou.OperationFailed."""
    hou.hipFile.save()


def read_scene_setting(key):
    """A text kept in the scene: user data on the root node (saved with the .hip), or None."""
    return hou.node("/").userData(key)


def write_scene_setting(key, text):
    hou.node("/").setUserData(key, text)


def open_scene(path):
    """Load a scene for batch analysis (hython): simulations off, warnings ignored, $HIP re-set."""
    if hasattr(hou, "setSimulationEnabled"):
        hou.setSimulationEnabled(False)
    hou.hipFile.load(path, suppress_save_prompt=True, ignore_load_warnings=True)
    # The saved $HIP may point at another machine's folder; trust where the file is now.
    hou.putenv("HIP", os.path.dirname(path).replace("\\", "/"))
    hou.hscript("varchange")  # re-evaluate parms that use $HIP


def software_version():
    return hou.applicationVersionString()


def global_frame_range():
    """($FSTART, $FEND, increment) of the playbar."""
    rng = hou.playbar.frameRange()
    inc = hou.playbar.frameIncrement() if hasattr(hou.playbar, "frameIncrement") else 1
    return rng[0], rng[1], inc


def current_frame():
    return hou.frame()


def variables():
    """Scene-level variables as Houdini sees them (not os.environ)."""
    return dict((name, hou.getenv(name)) for name in ("HIP", "HIPNAME", "HIPFILE", "JOB", "HFS"))


def pathmap_value():
    """HOUDINI_PATHMAP as Houdini sees it ("" when unset)."""
    return hou.getenv("HOUDINI_PATHMAP") or ""


def plugin_version(name):
    """Renderer plugin version from the environment Houdini sees, or None."""
    env = {"htoa": "HTOA_VERSION", "redshift": "REDSHIFT_VERSION", "renderman": "RMAN_VERSION",
           "octane": "OCTANE_VERSION", "vray": "VRAY_VERSION"}.get(name)
    return hou.getenv(env) if env else None


# -- nodes and parms ---------------------------------------------------------------------------------
def nodes():
    """Every node under / as (path, nameWithCategory, bypassed)."""
    out = []
    for node in hou.node("/").allSubChildren():
        bypassed = node.isBypassed() if hasattr(node, "isBypassed") else False
        out.append((node.path(), node.type().nameWithCategory(), bypassed))
    return out


def node_exists(path):
    return hou.node(path) is not None


def rop_inputs(path):
    """Paths of the nodes wired into a node's inputs (None for an empty input), in input order."""
    node = hou.node(path)
    return [i.path() if i is not None else None for i in node.inputs()] if node is not None else []


def node_at(from_path, relative):
    """The path of the node a node-path parm value names (absolute or relative to `from_path`), or None."""
    node = hou.node(from_path)
    found = node.node(relative) if node is not None else None
    return found.path() if found is not None else None


def parm(node_path, name):
    """{'raw', 'value', 'string'} of a parm, or None when the node or parm does not exist."""
    node = hou.node(node_path)
    p = node.parm(name) if node is not None else None
    if p is None:
        return None
    return {"raw": _raw(p), "value": p.eval(), "string": p.evalAsString()}


def parm_tuple(node_path, name):
    """Evaluated values of a parm tuple (e.g. `f`, `res`), or None."""
    node = hou.node(node_path)
    t = node.parmTuple(name) if node is not None else None
    return tuple(t.eval()) if t is not None else None


def _raw(p):
    try:
        return p.unexpandedString()
    except hou.OperationFailed:  # numeric parm, or keyframed string parm
        try:
            return p.expression()
        except hou.OperationFailed:
            return p.evalAsString()


def file_references():
    """hou.fileReferences() as (node path | None, parm name | None, raw, evaluated)."""
    out = []
    for p, raw in hou.fileReferences():
        if p is None or not hasattr(p, "node"):  # HDA libraries come with no parm
            out.append((None, None, raw, _expand(raw)))
            continue
        try:
            evaluated = p.evalAsString()
        except hou.Error:
            evaluated = _expand(raw)
        out.append((p.node().path(), p.name(), raw, evaluated))
    return out


def _expand(text):
    expand = getattr(getattr(hou, "text", None), "expandString", None) or getattr(hou, "expandString", None)
    return expand(text) if expand is not None else text


def usd_dependencies(path):
    """UsdUtils.ComputeAllDependencies of a layer, where this host ships USD's Python; else None."""
    try:
        from pxr import UsdUtils
    except ImportError:
        return None
    layers, assets, unresolved = UsdUtils.ComputeAllDependencies(path)
    return [layer.realPath for layer in layers], list(assets), list(unresolved)


def collect_facts(source="host"):
    """Run the scene walk on this session and return SceneFacts."""
    from . import walk
    return walk.build_facts(sys.modules[__name__], source)


# -- UI, threads, images ------------------------------------------------------------------------------
def is_ui():
    return hou.isUIAvailable()


def dispatch(fn):
    """Run `fn` on Houdini's main thread at the next idle (hdefereval); directly when there is no UI."""
    if not hou.isUIAvailable():
        fn()
        return
    import hdefereval
    hdefereval.executeDeferred(fn)


def main_window():
    """Parent for Qt dialogs, or None without UI."""
    if not hou.isUIAvailable():
        return None
    return hou.qt.mainWindow()


def select_node(path):
    """Select the node a check problem names, and frame it in a network editor."""
    node = hou.node(path)
    if node is None:
        return False
    node.setSelected(True, clear_all_selected=True)
    if hou.isUIAvailable():
        for pane in hou.ui.paneTabs():
            if pane.type() == hou.paneTabType.NetworkEditor:
                pane.setCurrentNode(node)
                pane.homeToSelection()
                break
    return True


def message(text, severity="message"):
    """Tell the user something: a dialog with UI, the console without."""
    if hou.isUIAvailable():
        level = hou.severityType.Error if severity == "error" else hou.severityType.Message
        hou.ui.displayMessage(text, severity=level, title="Rayvision")
    else:
        print("rayvision: %s" % text)


def load_image(path, frame=None):
    """Load a finished frame into a file COP under `/img/rayvision` (one node per frame)."""
    path = path.replace("\\", "/")
    img = hou.node("/img")
    if img is None:
        return False
    net = img.node("rayvision") or img.createNode("img", "rayvision")
    name = "frame_%s" % (int(frame) if frame is not None else "latest")
    cop = net.node(name) or net.createNode("file", name)
    target = cop.parm("filename1") or cop.parm("filename")  # COP2 file / Copernicus file
    if target is None:
        return False
    target.set(path)
    return True


def open_in_viewer(paths):
    """Open finished frames in MPlay (a separate process: returns at once)."""
    mplay = os.path.join(hou.getenv("HFS") or "", "bin", "mplay.exe" if os.name == "nt" else "mplay")
    if not paths or not os.path.isfile(mplay):
        return False
    subprocess.Popen([mplay] + list(paths))
    return True
