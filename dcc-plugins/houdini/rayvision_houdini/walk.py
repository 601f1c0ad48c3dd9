"""The Houdini scene walk (analysis.md §3.1, host-apis.md §1.9): ROPs, cameras, frame ranges, outputs
and file references, as SceneFacts. Pure Python: every `hou` call goes through the `h` adapter
(host.py), so the same walk serves the live session (source "host") and hython (source "batch").
"""
import ast
import json
import os

from rayvision_client import facts as F

from .rop_graph import add_rop_graph

# nameWithCategory -> (SceneFacts category, output parm, camera parm)
ROP_TYPES = {
    "Driver/ifd": ("rop_node", "vm_picture", "camera"),
    "Driver/karma": ("rop_node", "picture", "camera"),
    "Driver/opengl": ("rop_node", "picture", "camera"),
    "Driver/arnold": ("rop_node", "ar_picture", "camera"),
    "Driver/Redshift_ROP": ("rop_node", "RS_outputFileNamePrefix", "RS_renderCamera"),
    "Driver/vray_renderer": ("rop_node", "SettingsOutput_img_file_path", "render_camera"),
    "Driver/Octane_ROP": ("rop_node", "HO_img_fileName", "HO_renderCamera"),
    "Driver/ris::22": ("rop_node", "ri_display_0", "camera"),
    "Driver/ris::3.0": ("rop_node", "ri_display_0", "camera"),
    "Driver/baketexture::3.0": ("rop_node", "vm_uvoutputpicture1", None),
    "Driver/usdrender": ("rop_node", "outputimage", None),
    "Lop/usdrender_rop": ("rop_node", "outputimage", None),
    "Driver/usd": ("rop_node", "lopoutput", None),
    "Lop/usd_rop": ("rop_node", "lopoutput", None),
    "Driver/geometry": ("geo_node", "sopoutput", None),
    "Sop/rop_geometry": ("geo_node", "sopoutput", None),
    "Sop/filecache": ("geo_node", "file", None),
    "Sop/filecache::2.0": ("geo_node", "file", None),
    "Sop/labs::filecache::1.0": ("geo_node", "file", None),
    "Sop/labs::filecache::2.0": ("geo_node", "file", None),
    "Driver/alembic": ("geo_node", "filename", None),
    "Sop/rop_alembic": ("geo_node", "filename", None),
    "Driver/filmboxfbx": ("geo_node", "sopoutput", None),
    "Sop/rop_fbx": ("geo_node", "sopoutput", None),
    "Driver/dop": ("geo_node", "dopoutput", None),
    "Dop/rop_dop": ("geo_node", "dopoutput", None),
    "Sop/dopio": ("geo_node", "file", None),
    "Sop/vellumio::2.0": ("geo_node", "file", None),
    "Sop/rop_vrayproxy": ("geo_node", "filepath", None),
    "Driver/comp": ("geo_node", "copoutput", None),
    "Driver/hq_sim": ("distributedsim_node", None, None),
}

# Parms that hold outputs or tool paths, never inputs (2020 analyser + Deadline's deny list).
SKIP_PARMS = frozenset([
    "soho_program", "env_skymap", "shadowmap_file", "kernelfile", "cachedir", "layers", "filedef", "cuspfile",
    "inputgeo", "transformgroups", "clips", "rig", "shapelib", "vm_dcmfilename", "ass_file", "maskname",
    "restvolumes", "displacefile", "prerender", "preframe", "postframe", "postwrite", "postrender",
    "taskgraphfile", "pdg_workingdir", "BakeView_img_file_path", "OutputDeepWriter_file",
    "SettingsOutput_img_file_path", "RS_outputFileNamePrefix", "savetodirectory_directory",
])
SKIP_PREFIXES = ("opdef:", "oplib:", "temp:", "op:")
SKIP_NAMES = frozenset(["mantra.ifd", "dcm.rat", "dsm.rat", "test.ifd"])
RENDERER_NODE_TYPES = frozenset(["Driver/ifd", "Driver/arnold", "Driver/Redshift_ROP"])
PLUGIN_BY_TYPE = {"Driver/arnold": "htoa", "Driver/Redshift_ROP": "redshift", "Driver/Octane_ROP": "octane",
                  "Driver/vray_renderer": "vray", "Driver/ris::22": "renderman", "Driver/ris::3.0": "renderman"}


def build_facts(h, source):
    """Walk the open scene through adapter `h` and return a SceneFacts dict."""
    facts = F.new_facts("houdini", source, F.normpath(h.scene_path()), "Houdini", h.software_version())
    start, end, step = h.global_frame_range()
    facts["frameRange"] = F.frame_range(start, end, step)
    facts["variables"] = dict((k, v) for k, v in h.variables().items() if v)
    nodes = h.nodes()
    outputs = set()
    for path, type_key, bypassed in nodes:
        spec = ROP_TYPES.get(type_key)
        if spec is not None:
            node = _render_node(h, path, type_key, bypassed, spec, facts)
            facts["renderNodes"].append(node)
            if spec[1] and not _loads_from_disk(h, path):
                outputs.add((path, spec[1]))
            if type_key in PLUGIN_BY_TYPE:
                facts["plugins"].setdefault(PLUGIN_BY_TYPE[type_key], h.plugin_version(PLUGIN_BY_TYPE[type_key]) or "")
        elif type_key == "Object/cam":
            width, height = _camera_res(h, path)
            facts["cameras"].append(_camera(path, width, height))
    add_rop_graph(h, nodes, facts["renderNodes"], facts["warnings"])
    if not any(n["category"] == "rop_node" for n in facts["renderNodes"]):
        facts["warnings"].append(F.warning("50010", "The scene has no render node: add a render ROP in /out"))
    facts["references"] = _references(h, nodes, outputs, facts["warnings"])
    facts["plugins"] = dict((k, v) for k, v in facts["plugins"].items() if v)
    facts["pathMaps"] = pathmap_rules(h.pathmap_value())
    return F.add_usd_dependencies(facts, "50001", h.usd_dependencies)


def pathmap_rules(value):
    """HOUDINI_PATHMAP (a Python-style dict string, JSON or single quotes) as SceneFacts path maps."""
    if not value or not value.strip():
        return []
    try:
        table = json.loads(value)
    except ValueError:
        try:
            table = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []  # Houdini ignores a map it cannot read; so do we
    if not isinstance(table, dict):
        return []
    return [{"sourcePath": str(src), "destinationPath": str(dst), "origin": "HOUDINI_PATHMAP"}
            for src, dst in table.items() if src and dst]


def _loads_from_disk(h, path):
    # A file cache in "load from disk" mode reads its file: then it is an input, not an output.
    load = h.parm(path, "loadfromdisk")
    return load is not None and bool(load["value"])


def _render_node(h, path, type_key, bypassed, spec, facts):
    category, output_parm, camera_parm = spec
    node = {"node": path, "type": type_key, "category": category, "renderable": not bypassed}
    node["frames"] = _frames(h, path)
    if output_parm:
        out = h.parm(path, output_parm)
        if out is not None and out["raw"]:
            node["output"] = out["raw"]
    if camera_parm:
        cam = h.parm(path, camera_parm)
        cam_path = cam["value"] if cam is not None else ""
        if cam_path:
            node["cameras"] = [cam_path]
            if not h.node_exists(cam_path):
                facts["warnings"].append(F.warning("50002", "Camera %s of %s does not exist" % (cam_path, path),
                                                   path, camera_parm))
            else:
                width, height = _render_res(h, path, cam_path)
                if width and height:
                    node["width"], node["height"] = width, height
    if category == "distributedsim_node":
        node["settings"] = _distributed_settings(h, path, facts)
    engine = h.parm(path, "engine") if type_key in ("Driver/karma", "Lop/karma") else None
    if engine is not None and str(engine["string"]).lower() == "xpu":
        node["settings"] = dict(node.get("settings") or {}, render_device="xpu")  # Karma XPU renders on GPUs
    return node


def _frames(h, path):
    trange = h.parm(path, "trange")
    if trange is not None and trange["string"] == "off":
        frame = h.current_frame()
        return F.frame_range(frame, frame, 1)
    values = h.parm_tuple(path, "f")
    if values and len(values) >= 2:
        step = values[2] if len(values) > 2 else 1
        return F.frame_range(int(values[0]), int(values[1]), int(step))
    start, end, step = h.global_frame_range()
    return F.frame_range(start, end, step)


def _camera_res(h, cam_path):
    res = h.parm_tuple(cam_path, "res")
    if res and len(res) == 2 and res[0] and res[1]:
        return int(res[0]), int(res[1])
    return None, None


def _camera(path, width, height):
    cam = {"node": path}
    if width and height:
        cam["width"], cam["height"] = width, height
    return cam


def _render_res(h, rop, cam_path):
    width, height = _camera_res(h, cam_path)
    if width is None:
        return None, None
    redshift = h.parm(rop, "RS_overrideCameraRes")
    if redshift is not None and redshift["value"]:
        res = h.parm_tuple(rop, "RS_overrideRes")
        if res and len(res) == 2:
            return int(res[0]), int(res[1])
    override = h.parm(rop, "override_camerares")
    if override is not None and override["value"]:
        fraction = h.parm(rop, "res_fraction")
        token = fraction["string"] if fraction is not None else "specific"
        if token == "specific":
            res = h.parm_tuple(rop, "res_override")
            if res and len(res) == 2:
                return int(res[0]), int(res[1])
        else:
            try:
                scale = float(token)
                return int(round(width * scale)), int(round(height * scale))
            except ValueError:
                pass
    return width, height


def _distributed_settings(h, path, facts):
    settings = {}
    driver = h.parm(path, "hq_driver")
    if driver is not None and driver["value"]:
        settings["output_driver"] = driver["value"]
        out = h.parm(driver["value"], "sopoutput")
        if out is not None:
            settings["output_file"] = out["raw"]
    controls = h.parm(path, "hq_sim_controls")
    if controls is not None and controls["value"]:
        settings["simControlName"] = controls["value"]
        slice_type = h.parm(controls["value"], "slice_type")
        if slice_type is not None:
            settings["sliceType"] = slice_type["string"]
        num = h.parm(controls["value"], "num_slices")
        if num is not None:
            settings["num_slices"] = str(num["value"])
            if int(num["value"]) > 16:
                facts["warnings"].append(F.warning("50008", "Distributed simulation %s has more than 16 slices"
                                                   % path, path, "num_slices"))
    return settings


def _references(h, nodes, outputs, warnings):
    types = dict((path, type_key) for path, type_key, _ in nodes)
    hfs = (h.variables().get("HFS") or "").replace("\\", "/")
    refs = []
    for node_path, parm_name, raw, evaluated in h.file_references():
        if not raw or raw.startswith(SKIP_PREFIXES):
            continue
        if node_path is None:  # an HDA library: (None, path) in hou.fileReferences()
            refs.append(F.reference("", "", raw, evaluated, "hda"))
            continue
        if parm_name in SKIP_PARMS or (node_path, parm_name) in outputs:
            continue
        if types.get(node_path) in RENDERER_NODE_TYPES:
            continue
        value = F.normpath(evaluated or raw)
        if hfs and value.startswith(hfs + "/"):
            continue
        if os.path.basename(value) in SKIP_NAMES or value.endswith(".pc"):
            continue
        ref = F.reference(node_path, parm_name, raw, value)
        refs.append(ref)
        if not ref.get("sequence") and value and not os.path.exists(value):
            warnings.append(F.warning("50001", "Nodes: %s  File name: %s  miss file: %s" % (node_path, raw, value),
                                      node_path, parm_name))
    return F.dedupe_references(refs)
