"""Maya adapter: the ONLY module that imports `maya.*`. Returns plain data; main thread only.

Maya's list queries return None when empty (ls excepted), getAttr raises on a missing plug, and
referenceQuery raises on dangling reference nodes: each function here absorbs that.
"""
import os
import sys

import maya.cmds as cmds

HOST_NAME = "maya"


# -- scene -------------------------------------------------------------------------------------------
def init_batch():
    """mayapy needs maya.standalone before maya.cmds works."""
    import maya.standalone
    maya.standalone.initialize(name="python")


def open_scene(path):
    cmds.file(path, open=True, force=True)


def scene_path():
    """Absolute scene path; "" for an untitled scene."""
    return cmds.file(query=True, sceneName=True) or ""


def has_unsaved_changes():
    return bool(cmds.file(query=True, modified=True))


def save_scene():
    cmds.file(save=True)


def read_scene_setting(key):
    """A text kept in the scene: a fileInfo entry (saved with the .ma/.mb), or None."""
    found = cmds.fileInfo(key, query=True)
    return found[0] if found else None


def write_scene_setting(key, text):
    cmds.fileInfo(key, text)


def software_version():
    return str(cmds.about(version=True))


def is_batch():
    return bool(cmds.about(batch=True))


def project_root():
    return cmds.workspace(query=True, rootDirectory=True) or ""


def current_time():
    return cmds.currentTime(query=True)


def get_attr(plug, default=None):
    """Value of `node.attr`, or `default` when the plug does not exist or holds None."""
    try:
        value = cmds.getAttr(plug)
    except (ValueError, RuntimeError):
        return default
    return default if value is None else value


def nodes_of_type(node_type):
    """`ls(type=...)`; [] for a type this Maya does not know (a plugin not loaded)."""
    try:
        return cmds.ls(type=node_type) or []
    except (RuntimeError, ValueError):
        return []


def render_layers():
    """[(layer node, renderable)] of this scene's own legacy layers (Render Setup layers included)."""
    managers = cmds.ls(type="renderLayerManager") or []
    manager = managers[0] if managers else None
    out = []
    for layer in cmds.ls(type="renderLayer") or []:
        try:
            if cmds.referenceQuery(layer, isNodeReferenced=True):
                continue
        except RuntimeError:
            pass
        connected = cmds.listConnections(layer, type="renderLayerManager") or []
        if manager is not None and connected and connected[0] != manager:
            continue
        out.append((layer, bool(get_attr(layer + ".renderable", False))))
    return out


def current_layer():
    return cmds.editRenderLayerGlobals(query=True, currentRenderLayer=True)


def switch_layer(layer):
    """Make `layer` current so getAttr returns its overrides (frames, renderer, renderable cameras)."""
    cmds.editRenderLayerGlobals(currentRenderLayer=layer)


def cameras():
    """[(transform, shape, renderable)] for every camera shape."""
    out = []
    for shape in cmds.ls(cameras=True) or []:
        parents = cmds.listRelatives(shape, parent=True) or [shape]
        out.append((parents[0], shape, bool(get_attr(shape + ".renderable", False))))
    return out


def file_path_editor():
    """[(absolute file, plug)] from the File Path Editor (textures, references, caches, audio …)."""
    cmds.filePathEditor(refresh=True)
    out = []
    for folder in cmds.filePathEditor(query=True, listDirectories="") or []:
        flat = cmds.filePathEditor(query=True, listFiles=folder, withAttribute=True) or []
        for i in range(0, len(flat) - 1, 2):
            out.append((os.path.join(folder, flat[i]).replace("\\", "/"), flat[i + 1]))
    return out


def references():
    """[(reference node, stored path, resolved path)]; dangling and shared reference nodes are skipped."""
    out = []
    for node in cmds.ls(type="reference") or []:
        if node == "sharedReferenceNode" or "_UNKNOWN_REF_NODE_" in node:
            continue
        try:
            resolved = cmds.referenceQuery(node, filename=True, withoutCopyNumber=True)
            stored = cmds.referenceQuery(node, filename=True, unresolvedName=True, withoutCopyNumber=True)
        except RuntimeError:
            continue
        out.append((node, stored, resolved))
    return out


def node_file(node):
    """The file of the reference a node was loaded from; "" for the scene's own nodes."""
    try:
        if not cmds.referenceQuery(node, isNodeReferenced=True):
            return ""
        return cmds.referenceQuery(node, filename=True, withoutCopyNumber=True) or ""
    except (RuntimeError, ValueError):
        return ""


def reference_parent_file(ref_node):
    """The file that holds a (nested) reference; "" for the scene's own references."""
    try:
        return cmds.referenceQuery(ref_node, filename=True, parent=True, withoutCopyNumber=True) or ""
    except (RuntimeError, ValueError):
        return ""


def dirmap_rules():
    """[(from, to)] of this session's dirmap table when dirmap is enabled, else []."""
    try:
        if not cmds.dirmap(query=True, enable=True):
            return []
        flat = cmds.dirmap(getAllMappings=True) or []
    except RuntimeError:
        return []
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]


def plugin_versions():
    """{plugin: version} of loaded plugins."""
    out = {}
    for name in cmds.pluginInfo(query=True, listPlugins=True) or []:
        try:
            out[name] = str(cmds.pluginInfo(name, query=True, version=True))
        except RuntimeError:
            continue
    return out


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
def dispatch(fn):
    """Run `fn` on Maya's main thread at idle; at once in batch mode, where executeDeferred never runs."""
    if is_batch():
        fn()
        return
    import maya.utils
    maya.utils.executeDeferred(fn)


def main_window():
    """Maya's main window as a Qt widget for parenting dialogs, or None."""
    if is_batch():
        return None
    import maya.OpenMayaUI as omui
    ptr = omui.MQtUtil.mainWindow()
    if ptr is None:
        return None
    try:
        from shiboken6 import wrapInstance
        from PySide6.QtWidgets import QWidget
    except ImportError:
        from shiboken2 import wrapInstance
        from PySide2.QtWidgets import QWidget
    return wrapInstance(int(ptr), QWidget)


def select_node(name):
    """Select the node a check problem names."""
    try:
        cmds.select(name, replace=True)
    except ValueError:
        return False
    return True


def message(text, severity="message"):
    if is_batch():
        print("rayvision: %s" % text)
        return
    cmds.confirmDialog(title="Rayvision", message=text, button=["OK"])


def load_image(path, frame=None):
    """Load a finished frame into the Render View (opening it first); nothing in batch mode."""
    if is_batch():
        return False
    import maya.mel as mel
    if not cmds.renderWindowEditor("renderView", exists=True):
        mel.eval("RenderViewWindow")
    cmds.renderWindowEditor("renderView", edit=True, loadImage=path.replace("\\", "/"))
    return True
