"""Stand-in for `maya.cmds`: flat functions, long and short flags, None (not []) from empty queries
except `ls`, ValueError/RuntimeError as Maya raises them (host-apis.md §2)."""
import os

from maya import _scene

_ALIASES = {"q": "query", "sn": "sceneName", "rd": "rootDirectory", "v": "version", "b": "batch",
            "ld": "listDirectories", "lf": "listFiles", "wa": "withAttribute", "s": "status", "rf": "refresh",
            "f": "filename", "un": "unresolvedName", "wcn": "withoutCopyNumber", "inr": "isNodeReferenced",
            "p": "parent", "typ": "type", "c": "connections", "e": "edit", "li": "loadImage", "o": "open",
            "fn": "fileName", "crl": "currentRenderLayer", "ls": "listPlugins", "r": "replace", "ex": "exists",
            "l": "long", "rn": "referenceNode", "ca": "cameras", "m": "modified"}


def _flags(kwargs):
    return dict((_ALIASES.get(k, k), v) for k, v in kwargs.items())


def _node(name):
    node = _scene.STATE["nodes"].get(name)
    if node is None:
        raise ValueError("No object matches name: %s" % name)
    return node


def file(*args, **kwargs):
    _scene.record("file")
    flags = _flags(kwargs)
    if flags.get("query"):
        if flags.get("sceneName") or flags.get("location"):
            return _scene.STATE["scene"]
        if flags.get("modified"):
            return _scene.STATE["modified"]
        if flags.get("list"):
            files = [_scene.STATE["scene"]] if _scene.STATE["scene"] else []
            return files or None
        raise RuntimeError("file: unsupported query in the stand-in: %r" % flags)
    if flags.get("open"):
        spec = _scene.STATE["fixtures"].get(args[0])
        if spec is None:
            raise RuntimeError("File not found: %s" % args[0])
        batch = _scene.STATE["batch"]
        _scene.load(dict(spec, batch=batch))
        return args[0]
    if flags.get("save"):
        if not _scene.STATE["scene"]:
            raise RuntimeError("Cannot save an untitled scene")
        _scene.STATE["modified"] = False
        return _scene.STATE["scene"]
    raise RuntimeError("file: unsupported call in the stand-in: %r" % flags)


def fileInfo(*args, **kwargs):
    """fileInfo(key, value) stores (and marks the scene modified); fileInfo(key, query=True) -> [value] or [].
    Like Maya, the queried text comes back with quotes and backslashes escaped."""
    _scene.record("fileInfo")
    flags = _flags(kwargs)
    info = _scene.STATE.setdefault("file_info", {})
    if flags.get("query"):
        value = info.get(args[0])
        return [] if value is None else [value.replace("\\", "\\\\").replace('"', '\\"')]
    if len(args) != 2:
        raise RuntimeError("fileInfo: give a key and a value")
    info[args[0]] = str(args[1])
    _scene.STATE["modified"] = True
    return None


def about(**kwargs):
    flags = _flags(kwargs)
    if flags.get("version"):
        return _scene.STATE["version"]
    if flags.get("batch"):
        return _scene.STATE["batch"]
    if flags.get("apiVersion"):
        return int(_scene.STATE["version"]) * 10000
    raise RuntimeError("about: unsupported flag %r" % flags)


def getAttr(plug, **kwargs):
    _scene.record("getAttr")
    name, _, attr = plug.partition(".")
    node = _node(name)
    # Render-layer overrides: the value of the current layer wins, as in Maya.
    layer_values = _scene.STATE["overrides"].get(_scene.STATE["current_layer"], {})
    if plug in layer_values:
        return layer_values[plug]
    if attr not in node.get("attrs", {}):
        raise ValueError("getAttr: No object matches name: %s" % plug)
    return node["attrs"][attr]


def setAttr(plug, value, **kwargs):
    name, _, attr = plug.partition(".")
    _node(name).setdefault("attrs", {})[attr] = value


def objExists(name):
    return name.partition(".")[0] in _scene.STATE["nodes"]


def ls(*args, **kwargs):
    _scene.record("ls")
    flags = _flags(kwargs)
    nodes = _scene.STATE["nodes"]
    if flags.get("cameras"):
        return sorted(n for n, d in nodes.items() if d["type"] == "camera")
    if "type" in flags:
        types = flags["type"] if isinstance(flags["type"], (list, tuple)) else [flags["type"]]
        return sorted(n for n, d in nodes.items() if d["type"] in types)
    if flags.get("selection"):
        return list(_scene.STATE["selection"])
    if args:
        return [a for a in args if a in nodes]
    return sorted(nodes)


def listRelatives(*args, **kwargs):
    flags = _flags(kwargs)
    names = args[0] if args and isinstance(args[0], (list, tuple)) else list(args)
    if flags.get("parent"):
        out = [_node(n).get("parent") for n in names if _node(n).get("parent")]
        return out or None
    return None


def listConnections(name, **kwargs):
    flags = _flags(kwargs)
    node = _node(name)
    if flags.get("type") == "renderLayerManager" and node["type"] == "renderLayer":
        manager = node.get("manager", "renderLayerManager")
        return [manager] if manager else None
    return None


def referenceQuery(target, **kwargs):
    _scene.record("referenceQuery")
    flags = _flags(kwargs)
    if flags.get("isNodeReferenced"):
        return bool(_node(target).get("referenced") or _node(target).get("file"))
    node = _scene.STATE["nodes"].get(target)
    if node is not None and node["type"] != "reference" and flags.get("filename"):
        if not node.get("file"):
            raise RuntimeError("referenceQuery: %s is not from a reference file" % target)
        return node["file"]  # the (resolved) file of the reference the node was loaded from
    if node is None or node["type"] != "reference" or node.get("ref", {}).get("dangling"):
        raise RuntimeError("referenceQuery: %s is not associated with a reference file" % target)
    ref = node["ref"]
    if flags.get("parent"):
        # Maya: the parent reference of a nested one; None for a top-level reference
        return ref.get("parent") if flags.get("filename") else None
    if flags.get("filename"):
        return ref.get("unresolved", ref["file"]) if flags.get("unresolvedName") else ref["file"]
    if flags.get("isLoaded"):
        return ref.get("loaded", True)
    raise RuntimeError("referenceQuery: unsupported flags %r" % flags)


# Node types whose attributes the File Path Editor tracks by default (textures, references, caches…).
_REGISTERED = {"file": "fileTextureName", "AlembicNode": "abc_File", "imagePlane": "imageName",
               "audio": "filename", "gpuCache": "cacheFileName", "aiStandIn": "dso", "aiImage": "filename"}


def _editor_entries():
    entries = []
    project = _scene.STATE["workspace"]
    for name, node in sorted(_scene.STATE["nodes"].items()):
        if node["type"] == "reference" and not node.get("ref", {}).get("dangling"):
            entries.append((node["ref"]["file"], name))
            continue
        attr = _REGISTERED.get(node["type"])
        value = node.get("attrs", {}).get(attr) if attr else None
        if value:
            # the editor shows where Maya found the file (its fallbacks applied: fixture "found")
            full = node.get("found") or (value if os.path.isabs(value) else os.path.join(project, value))
            entries.append((full.replace("\\", "/"), "%s.%s" % (name, attr)))
    return entries


def filePathEditor(*args, **kwargs):
    _scene.record("filePathEditor")
    flags = _flags(kwargs)
    if flags.get("refresh"):
        return None
    if not flags.get("query"):
        raise RuntimeError("filePathEditor: only queries are supported by the stand-in")
    entries = _editor_entries()
    if "listDirectories" in flags:
        dirs = sorted(set(os.path.dirname(f) for f, _ in entries))
        return dirs or None
    if "listFiles" in flags:
        folder = flags["listFiles"]
        out = []
        for full, plug in entries:
            if folder and os.path.dirname(full) != folder:
                continue
            out.append(os.path.basename(full) if folder else full)
            if flags.get("withAttribute"):
                out.append(plug)
            if flags.get("status"):
                out.append("1" if os.path.exists(full) else "0")
        return out or None
    raise RuntimeError("filePathEditor: unsupported query %r" % flags)


def workspace(*args, **kwargs):
    flags = _flags(kwargs)
    if flags.get("query") and (flags.get("rootDirectory") or flags.get("directory")):
        return _scene.STATE["workspace"]
    if "fileRuleEntry" in flags:
        return "images"
    raise RuntimeError("workspace: unsupported flags %r" % flags)


def dirmap(*args, **kwargs):
    """`dirmap -q -en` and `dirmap -gam` (flat [from, to, …]) from the fixture's "dirmap"."""
    table = _scene.STATE.get("dirmap", {})
    if kwargs.get("query") or kwargs.get("q"):
        if kwargs.get("enable") or kwargs.get("en"):
            return bool(table.get("enabled"))
    if kwargs.get("getAllMappings") or kwargs.get("gam"):
        flat = []
        for src, dst in table.get("mappings", []):
            flat.extend([src, dst])
        return flat
    raise RuntimeError("dirmap: unsupported flags %r" % kwargs)


def pluginInfo(*args, **kwargs):
    flags = _flags(kwargs)
    plugins = _scene.STATE["plugins"]
    if flags.get("listPlugins"):
        return sorted(plugins) or None
    if args and flags.get("version"):
        if args[0] not in plugins:
            raise RuntimeError("Plug-in, \"%s\", was not found" % args[0])
        return plugins[args[0]]
    if args and flags.get("loaded"):
        return args[0] in plugins
    raise RuntimeError("pluginInfo: unsupported flags %r" % flags)


def currentTime(*args, **kwargs):
    if _flags(kwargs).get("query"):
        return _scene.STATE["time"]
    _scene.STATE["time"] = float(args[0])
    return _scene.STATE["time"]


def editRenderLayerGlobals(**kwargs):
    flags = _flags(kwargs)
    if flags.get("query") and flags.get("currentRenderLayer"):
        return _scene.STATE["current_layer"]
    if "currentRenderLayer" in flags:
        layer = flags["currentRenderLayer"]
        if _node(layer)["type"] != "renderLayer":
            raise RuntimeError("editRenderLayerGlobals: %s is not a render layer" % layer)
        _scene.STATE["current_layer"] = layer
        return None
    raise RuntimeError("editRenderLayerGlobals: unsupported flags %r" % flags)


def renderWindowEditor(name, **kwargs):
    _scene.record("renderWindowEditor")
    flags = _flags(kwargs)
    if _scene.STATE["batch"]:
        raise RuntimeError("renderWindowEditor: no UI in batch mode")
    if flags.get("exists"):
        return _scene.STATE["render_view_open"]
    if not _scene.STATE["render_view_open"]:
        raise RuntimeError("renderWindowEditor: Object '%s' not found." % name)
    if flags.get("edit") and "loadImage" in flags:
        _scene.STATE["render_view"].append(flags["loadImage"])
        return None
    raise RuntimeError("renderWindowEditor: unsupported flags %r" % flags)


def confirmDialog(**kwargs):
    """Modal dialog; returns the label of the pressed button (the first one here)."""
    if _scene.STATE["batch"]:
        raise RuntimeError("confirmDialog: no UI in batch mode")
    _scene.STATE.setdefault("dialogs", []).append(kwargs.get("message", kwargs.get("m", "")))
    buttons = kwargs.get("button", kwargs.get("b", ["OK"]))
    return buttons[0] if isinstance(buttons, list) else buttons


def select(*args, **kwargs):
    names = list(args[0]) if args and isinstance(args[0], (list, tuple)) else list(args)
    for name in names:
        _node(name)
    _scene.STATE["selection"] = names
    return None


def optionVar(**kwargs):
    flags = _flags(kwargs)
    if "exists" in flags:
        return False
    return 0
