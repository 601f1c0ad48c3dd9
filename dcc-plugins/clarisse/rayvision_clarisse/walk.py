"""The Clarisse scene walk (analysis.md §3.3, host-apis.md §3.3–3.4): images with their layers,
frame ranges, outputs, every input path attribute and referenced projects, as SceneFacts. Pure
Python: every `ix` call goes through the adapter `c` (host.py).
"""
import os
import re

from rayvision_client import facts as F

_PDIR = re.compile(r"\$PDIR|\$\{PDIR\}")
_VERSION = re.compile(r"(\d+\.\d+)\D*?sp\s*(\d+)", re.IGNORECASE)


def farm_version(version, builder=False):
    """Clarisse's "4.0 SP3" as the farm names it ("clarisse_ifx_4.0_sp3"); other text unchanged."""
    if version.lower().startswith("clarisse_"):
        return version
    match = _VERSION.search(version or "")
    if not match:
        return version
    return "clarisse_%s_%s_sp%s" % ("builder" if builder else "ifx", match.group(1), match.group(2))


def build_facts(c, source):
    """Walk the open project through adapter `c` and return a SceneFacts dict."""
    scene = c.scene_path()
    facts = F.new_facts("clarisse", source, F.normpath(scene), "Clarisse", farm_version(c.software_version()))
    start, end, step = c.global_frame_range()
    facts["frameRange"] = F.frame_range(start, end, step)
    pdir = F.normpath(c.project_dir())
    if pdir:
        facts["variables"]["PDIR"] = pdir
    if not scene:
        facts["warnings"].append(F.warning("40001", "The project is untitled: save it before submitting"))
    for image in c.images():
        node = _node(image, "image", facts["frameRange"])
        node["children"] = [_node(layer, "layer", node.get("frames")) for layer in image["layers"]]
        facts["renderNodes"].append(node)
    if not facts["renderNodes"]:
        facts["warnings"].append(F.warning("40003", "The project has no Image to render"))
    cameras = getattr(c, "cameras", None)
    facts["cameras"] = [{"node": cam, "renderable": True} for cam in (cameras() if cameras else [])]
    refs = []
    projects = [(ctx, _expand(path, pdir)) for ctx, path in c.referenced_projects()]
    for item, attr, value in c.path_attributes():
        refs.append(_owned(F.reference(item, attr, value, _expand(value, pdir)), item, projects))
    for ctx, path in c.referenced_projects():
        refs.append(_owned(F.reference(ctx, "filename", path, _expand(path, pdir), "scene_reference"), ctx, projects))
    for ref in refs:
        target = ref.get("evaluated") or ref["path"]
        if not ref.get("sequence") and "<" not in target and "$" not in target and not os.path.exists(target):
            facts["warnings"].append(F.warning("25009", "Reference file not found: %s" % target, ref["node"],
                                               ref["parm"]))
    facts["references"] = F.dedupe_references(refs)
    return F.add_usd_dependencies(facts, "25009", c.usd_dependencies)


def _owned(ref, item, projects):
    # Items inside a reference context come from that project file: the innermost one names them.
    best = ""
    for ctx, path in projects:
        if item.startswith(ctx + "/") and len(ctx) > len(best[0] if best else ""):
            best = (ctx, path)
    if best:
        ref["definedIn"] = F.normpath(best[1])
    return ref


def _node(item, category, default_frames):
    node = {"node": item["path"], "type": item["class"], "category": category, "renderable": not item["disabled"]}
    if item["first_frame"] is not None and item["last_frame"] is not None:
        node["frames"] = F.frame_range(item["first_frame"], item["last_frame"], item["frame_step"] or 1)
    elif default_frames:
        node["frames"] = dict(default_frames)
    if item["save_as"]:
        node["output"] = item["save_as"]
    settings = {}
    for key in ("format", "LUT"):
        if item.get(key):
            settings[key] = str(item[key])
    if item.get("render_to_disk") is not None:
        settings["save_to_disk"] = "1" if item["render_to_disk"] else "0"
    if item.get("enable_deep_output") is not None:
        settings["enable_deep_output"] = "1" if item["enable_deep_output"] else "0"
        if item.get("deep_output_path"):
            settings["enable_deep_output_path"] = item["deep_output_path"]
    if settings:
        node["settings"] = settings
    return node


def _expand(value, pdir):
    if pdir and _PDIR.search(value):
        return _PDIR.sub(pdir, value)
    if pdir and value and not os.path.isabs(value) and not value.startswith("$"):
        return os.path.join(pdir, value).replace("\\", "/")  # relative paths are relative to $PDIR
    return value
