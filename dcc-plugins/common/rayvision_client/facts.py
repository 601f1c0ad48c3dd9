"""Building SceneFacts (protocol/src/scene.ts) as plain dicts: the one output of every scene walk.

Host-neutral: the walks in dcc-plugins/<host>/ decide what is a reference; this module only shapes
the records, guesses a reference kind from the extension, and marks frame-sequence paths. Expanding
tokens to files on disk is the sidecar's job (one token grammar for every host).
"""
import re

# Frame tokens of all three hosts ($F4, ${F}, $FF, ####, <f>, <Frame>, %04d, $4F, `padzero(...)`).
_SEQUENCE = re.compile(
    r"\$\{?F\d*\}?(?![A-Za-z])|\$FF|\$SF|\$T(?![A-Za-z])|\$\d+F|#+|<f\d*>|<frame\d*>|%0?\d*d|`[^`]*\$F[^`]*`",
    re.IGNORECASE)

_KINDS = (
    ("alembic", (".abc",)),
    ("vdb", (".vdb",)),
    ("usd", (".usd", ".usda", ".usdc", ".usdz")),
    ("hda", (".hda", ".otl", ".hdanc", ".hdalc", ".otlnc", ".otllc")),
    ("scene_reference", (".ma", ".mb", ".project", ".hip", ".hiplc", ".hipnc")),
    ("procedural", (".ass", ".ass.gz", ".rs", ".vrscene", ".vrmesh", ".rib")),
    ("cache", (".bgeo", ".bgeo.sc", ".bgeo.gz", ".geo", ".sim", ".simdata", ".mc", ".mcx", ".xml", ".fur",
               ".bphys", ".pc", ".ptc", ".fbx", ".obj", ".ply", ".gz", ".sc")),
    ("texture", (".rat", ".tx", ".tex", ".exr", ".hdr", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".tga",
                 ".bmp", ".psd", ".dds", ".pic", ".ptex", ".ptx", ".iff")),
)


def new_facts(host, source, scene_path, software_name, software_version=None):
    """An empty SceneFacts dict for `host` ("houdini" | "maya" | "clarisse"), source "batch" | "host"."""
    software = {"name": software_name}
    if software_version:
        software["version"] = software_version
    return {
        "host": host, "source": source, "scenePath": scene_path, "software": software,
        "plugins": {}, "renderNodes": [], "cameras": [], "references": [], "variables": {}, "warnings": [],
    }


def is_sequence(path):
    """True when the path holds a frame token and names a sequence."""
    return bool(path) and _SEQUENCE.search(path) is not None


def kind_of(path, default="other"):
    """Guess a ReferenceKind from the file extension."""
    lower = (path or "").lower()
    for kind, exts in _KINDS:
        for ext in exts:
            if lower.endswith(ext):
                return kind
    return default


def reference(node, parm, path, evaluated=None, kind=None):
    """One FileReference record; `evaluated` only when the host evaluated it and it differs."""
    record = {"node": node or "", "parm": parm or "", "path": path, "kind": kind or kind_of(evaluated or path)}
    if evaluated and evaluated != path:
        record["evaluated"] = evaluated
    if is_sequence(path):
        record["sequence"] = True
    return record


def frame_range(start, end, step=1):
    """A FrameRange dict; a zero or negative step becomes 1 (the old SDK wrote step 0 as is)."""
    step = step if step and step > 0 else 1
    return {"start": _num(start), "end": _num(end), "step": _num(step)}


def warning(code, message, node=None, parm=None):
    """One SceneWarning; `code` is a documented tip code as a string."""
    record = {"code": str(code), "message": message}
    if node:
        record["node"] = node
    if parm:
        record["parm"] = parm
    return record


def dedupe_references(references):
    """Drop repeated (node, parm, path) triples, keeping the first."""
    seen = set()
    out = []
    for ref in references:
        key = (ref["node"], ref["parm"], ref["path"])
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def normpath(path):
    """Forward slashes, as every host and the sidecar write them."""
    return path.replace("\\", "/") if path else path


def _num(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def add_usd_dependencies(facts, missing_code, compute):
    """Each USD layer the walk found, expanded the way USD itself resolves it where the host ships
    USD's Python: `compute(path)` is the host's UsdUtils.ComputeAllDependencies (host.py), giving
    (layer real paths, asset paths, unresolved paths), or None without `pxr`. The layers and assets
    join the references as files (so the sidecar does not read the layer again) and what USD cannot
    resolve becomes a missing-file warning. Without `pxr` the references stay as they are and the
    sidecar reads the layers statically: the same rules, the same list."""
    import os
    for ref in list(facts["references"]):
        path = ref.get("evaluated") or ref["path"]
        if ref.get("kind") != "usd" or not os.path.isfile(path):
            continue
        try:
            found = compute(path)
        except Exception:  # pxr cannot open it: the sidecar's static reader says why
            continue
        if found is None:
            return facts
        layers, assets, unresolved = found
        ref["kind"] = "other"
        node = "usd:" + normpath(path)
        root = os.path.realpath(path)
        for real in layers:
            if real and "[" not in real and os.path.realpath(real) != root:  # members travel in their .usdz
                facts["references"].append({"node": node, "parm": "layer", "path": normpath(real), "kind": "other"})
        for asset in assets:
            if "[" not in asset:
                facts["references"].append({"node": node, "parm": "asset", "path": normpath(asset), "kind": kind_of(asset)})
        for missing in unresolved:
            facts["warnings"].append(warning(missing_code, "USD dependency %s of %s does not resolve." % (missing, path), node=node))
    return facts
