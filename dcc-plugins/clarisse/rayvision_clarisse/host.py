"""Clarisse adapter: the ONLY module that imports `ix`. Returns plain data; main thread only.

Listing calls fill arrays passed in (ix.api.OfObjectArray …); every callback handed to Clarisse's
event loop is wrapped so no exception escapes (an escaping exception crashes Clarisse).
"""
import os
import sys

import ix

HOST_NAME = "clarisse"
FORMATS = {0: "exr16", 1: "exr32", 2: "jpg", 3: "bmp", 4: "tga", 5: "png8", 6: "png16", 7: "tiff8",
           8: "tiff16", 9: "tiff32"}
RESULTS_CONTEXT = "project://rayvision"


# -- scene -------------------------------------------------------------------------------------------
def scene_path():
    """Path of the open project; "" when never saved."""
    return ix.application.get_current_project_filename() or ""


def open_scene(path):
    """Load the project unless cnode already opened it (`cnode <project> -script …`)."""
    if os.path.normcase(os.path.abspath(scene_path() or ".")) != os.path.normcase(os.path.abspath(path)):
        ix.application.load_project(path)


def has_unsaved_changes():
    return bool(ix.application.is_project_modified())


def save_scene():
    ix.application.save_project(scene_path())


def _side_file(key):
    project = scene_path()
    return (os.path.splitext(project)[0] + "." + key + ".json") if project else None


def read_scene_setting(key):
    """A text kept beside the project (`<project>.<key>.json`; Clarisse has no free project metadata), or None."""
    path = _side_file(key)
    if not path or not os.path.isfile(path):
        return None
    with open(path, "r") as handle:
        return handle.read()


def write_scene_setting(key, text):
    path = _side_file(key)
    if not path:
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        handle.write(text)
    os.replace(tmp, path)


def software_version():
    return str(ix.application.get_version())


def global_frame_range():
    rng = ix.application.get_current_frame_range()
    return rng[0], rng[1], 1


def project_dir():
    var = ix.application.get_factory().get_vars().get("PDIR")
    return var.get_string() if var is not None else os.path.dirname(scene_path())


def _attr(obj, name):
    return obj.attribute_exists(name) if hasattr(obj, "attribute_exists") else None


def _read(obj, name, kind="string"):
    attr = _attr(obj, name)
    if attr is None:
        return None
    return {"long": attr.get_long, "bool": attr.get_bool}.get(kind, attr.get_string)()


def _render_item(obj):
    return {
        "path": obj.get_full_name(), "class": obj.get_class_name(), "disabled": bool(obj.is_disabled()),
        "first_frame": _read(obj, "first_frame", "long"), "last_frame": _read(obj, "last_frame", "long"),
        "frame_step": _read(obj, "frame_step", "long"), "save_as": _read(obj, "save_as"),
        "format": FORMATS.get(_read(obj, "format", "long"), ""), "render_to_disk": _read(obj, "render_to_disk", "bool"),
        "LUT": _read(obj, "LUT"), "enable_deep_output": _read(obj, "enable_deep_output", "bool"),
        "deep_output_path": _read(obj, "deep_output_path"),
    }


def images():
    """Every Image with its layers, as dicts of the attributes task.json needs."""
    found = ix.api.OfObjectArray()
    ix.application.get_factory().get_all_objects("Image", found)
    out = []
    for i in range(found.get_count()):
        image = found[i]
        item = _render_item(image)
        item["layers"] = []
        layers = _attr(image, "layers")
        for j in range(layers.get_value_count() if layers is not None else 0):
            layer = layers.get_object(j)
            if layer is not None and layer.is_kindof("Layer"):
                item["layers"].append(_render_item(layer))
        out.append(item)
    return out


def cameras():
    """Full names of the project's enabled cameras (what a layer may render through)."""
    found = ix.api.OfObjectArray()
    ix.application.get_factory().get_all_objects("Camera", found)
    return [found[i].get_full_name() for i in range(found.get_count()) if not found[i].is_disabled()]


def path_attributes():
    """[(item path, attr name, value)] of input file attributes (outputs, private and disabled skipped)."""
    out = []
    attrs = ix.api.OfAttr.get_path_attrs()
    for i in range(attrs.get_count()):
        attr = attrs[i]
        obj = attr.get_parent_object()
        if obj is None or obj.is_disabled() or attr.is_private():
            continue
        if ix.api.OfAttr.get_visual_hint_name(attr.get_visual_hint()) == "VISUAL_HINT_FILENAME_SAVE":
            continue
        for j in range(max(attr.get_value_count(), 1)):
            value = attr.get_string(j)
            if value:
                out.append((obj.get_full_name(), attr.get_name(), value))
    return out


def referenced_projects():
    """[(context path, file)] of project references (get_path_attrs misses what is inside them)."""
    contexts = ix.api.OfContextSet()
    ix.application.get_factory().get_root().resolve_all_contexts(contexts)
    out = []
    for i in range(contexts.get_count()):
        ctx = contexts[i]
        if ctx.is_reference() and not ctx.is_disabled():
            out.append((ctx.get_full_name(), ctx.get_attribute("filename").get_string()))
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
    """Run `fn` from Clarisse's main loop at its next iteration, never letting an exception escape."""
    def guarded():
        try:
            fn()
        except Exception as exc:  # an exception escaping here would crash Clarisse
            ix.log_error("rayvision: %s" % exc)
    ix.application.add_to_event_loop_single(guarded)


def main_window():
    return None  # Clarisse's UI is not Qt; Qt dialogs are top-level windows pumped by the event loop


def select_node(path):
    item = ix.get_item(path)
    if item is None:
        return False
    ix.selection.deselect_all()
    ix.selection.add(item)
    return True


def message(text, severity="message"):
    (ix.log_error if severity == "error" else ix.log_info)("rayvision: %s" % text)


def load_image(path, frame=None):
    """Bring a finished frame back as a TextureMapFile under project://rayvision (viewable in Clarisse)."""
    if not ix.item_exists(RESULTS_CONTEXT):
        ix.cmds.CreateContext("rayvision", "project:/")
    name = "frame_%s" % (int(frame) if frame is not None else "latest")
    item = ix.get_item("%s/%s" % (RESULTS_CONTEXT, name))
    if item is None:
        ix.cmds.CreateObject(name, "TextureMapFile", RESULTS_CONTEXT)
    ix.cmds.SetValue("%s/%s.filename" % (RESULTS_CONTEXT, name), [path.replace("\\", "/")])
    ix.log_info("rayvision: frame %s loaded from %s" % (frame, path))
    return True
