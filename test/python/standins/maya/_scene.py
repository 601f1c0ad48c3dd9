"""Scene state shared by the stand-in modules, loaded with `load(spec)`:
  {"scene": "/abs/shot.ma", "version": "2024", "batch": False, "workspace": "/proj/", "time": 1,
   "plugins": {"mtoa": "5.3.1"},
   "nodes": {"file1": {"type": "file", "attrs": {"fileTextureName": "sourceimages/a.exr"}},
             "persp": {"type": "transform"}, "perspShape": {"type": "camera", "parent": "persp",
                                                              "attrs": {"renderable": True}}},
   "references": {"assetRN": {"file": "/abs/asset.ma", "unresolved": "$ASSETS/asset.ma"}},
   "overrides": {"rs_beauty": {"defaultRenderGlobals.endFrame": 5.0}},   # per-layer values
   "dirmap": {"enabled": True, "mappings": [["Z:/cache", "/here/cache"]]}}
A node loaded from a reference has "file": <its reference file>; a nested reference has "parent": <the file
holding it>; a file node may say where Maya "found" a moved file (what the File Path Editor shows).
"""
import threading

import host_loop

STATE = {}


def record(name):
    STATE.setdefault("calls", []).append((name, threading.get_ident() == host_loop.LOOP.thread_id))


def load(spec):
    nodes = {
        "defaultRenderGlobals": {"type": "renderGlobals", "attrs": {
            "currentRenderer": "arnold", "startFrame": 1.0, "endFrame": 10.0, "byFrameStep": 1.0,
            "animation": True, "imageFilePrefix": None, "imageFormat": 51, "extensionPadding": 4,
            "modifyExtension": False}},
        "defaultResolution": {"type": "resolution", "attrs": {"width": 1920, "height": 1080}},
        "renderLayerManager": {"type": "renderLayerManager", "attrs": {}},
        "defaultRenderLayer": {"type": "renderLayer", "attrs": {"renderable": True}},
        "persp": {"type": "transform"},
        "perspShape": {"type": "camera", "parent": "persp", "attrs": {"renderable": True}},
        "top": {"type": "transform"},
        "topShape": {"type": "camera", "parent": "top", "attrs": {"renderable": False}},
    }
    for name, node in spec.get("nodes", {}).items():
        merged = dict(nodes.get(name, {}))
        merged.update(node)
        attrs = dict(nodes.get(name, {}).get("attrs", {}))
        attrs.update(node.get("attrs", {}))
        merged["attrs"] = attrs
        nodes[name] = merged
    for name, ref in spec.get("references", {}).items():
        nodes[name] = {"type": "reference", "attrs": {}, "ref": ref}
    STATE.clear()
    STATE.update({"scene": spec.get("scene", ""), "version": spec.get("version", "2024"),
                  "batch": spec.get("batch", False), "workspace": spec.get("workspace", "/proj/"),
                  "time": float(spec.get("time", 1)), "plugins": dict(spec.get("plugins", {})),
                  "nodes": nodes, "modified": False, "calls": [], "render_view": [], "selection": [],
                  "render_view_open": False, "fixtures": spec.get("fixtures", {}),
                  "overrides": dict(spec.get("overrides", {})), "current_layer": "defaultRenderLayer",
                  "dirmap": dict(spec.get("dirmap", {})), "file_info": dict(spec.get("file_info", {}))})
    host_loop.LOOP.enabled = not STATE["batch"]


load({})
