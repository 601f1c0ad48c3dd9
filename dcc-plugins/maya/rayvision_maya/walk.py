"""The Maya scene walk (analysis.md §3.2, host-apis.md §2): render layers, cameras, render settings,
File Path Editor entries, references and the file-carrying node types, as SceneFacts. Pure Python:
every maya call goes through the adapter `m` (host.py).
"""
import os

from rayvision_client import facts as F

# node type -> attributes holding input paths (a subset of §3.2 that the File Path Editor can miss).
NODE_ATTRS = (
    ("file", ("fileTextureName",)), ("AlembicNode", ("abc_File",)), ("gpuCache", ("cacheFileName",)),
    ("aiStandIn", ("dso",)), ("aiImage", ("filename",)), ("aiVolume", ("filename",)),
    ("imagePlane", ("imageName",)), ("RedshiftProxyMesh", ("fileName",)), ("VRayMesh", ("fileName",)),
    ("OpenVDBRead", ("file",)), ("pgYetiMaya", ("cacheFileName",)), ("audio", ("filename",)),
    ("RedshiftDomeLight", ("tex0",)), ("PxrTexture", ("filename",)), ("VRayScene", ("FilePath",)),
    ("RedshiftNormalMap", ("tex0",)), ("RedshiftSprite", ("tex0",)), ("RedshiftLightGobo", ("tex0",)),
    ("RedshiftCameraMap", ("tex0",)), ("PxrNormalMap", ("filename",)), ("PxrBump", ("filename",)),
    ("PxrPtexture", ("filename",)), ("PxrDomeLight", ("lightColorMap",)), ("aiPhotometricLight", ("aiFilename",)),
    ("mayaUsdProxyShape", ("filePath",)), ("aiMaterialx", ("filename",)),
)
IMAGE_FORMATS = {0: "gif", 1: "pic", 2: "rla", 3: "tif", 4: "tif16", 5: "sgi", 6: "als", 7: "iff", 8: "jpg",
                 9: "eps", 10: "iff16", 11: "cin", 12: "yuv", 13: "sgi16", 19: "tga", 20: "bmp", 31: "psd",
                 32: "png", 35: "dds", 36: "psdLayered", 51: "exr"}
RENDERER_PLUGINS = {"arnold": "mtoa", "redshift": "redshift4maya", "vray": "vrayformaya",
                    "renderman": "RenderMan_for_Maya"}


def build_facts(m, source):
    """Walk the open scene through adapter `m` and return a SceneFacts dict."""
    scene = m.scene_path()
    facts = F.new_facts("maya", source, F.normpath(scene), "Maya", m.software_version())
    project = m.project_root()
    if project:
        facts["variables"]["project"] = F.normpath(project)
    if not scene:
        facts["warnings"].append(F.warning("20001", "The scene is untitled: save it before submitting"))
    facts["frameRange"] = _frames(m)
    width = m.get_attr("defaultResolution.width")
    height = m.get_attr("defaultResolution.height")
    for transform, _, renderable in m.cameras():
        cam = {"node": transform, "renderable": renderable}
        if width and height:
            cam["width"], cam["height"] = int(width), int(height)
        facts["cameras"].append(cam)
    renderers = set()
    original = m.current_layer()
    try:
        for layer, renderable in m.render_layers():
            m.switch_layer(layer)  # layer overrides apply to what getAttr returns now
            node = _layer(m, layer, renderable)
            renderers.add(node["renderer"])
            facts["renderNodes"].append(node)
            if renderable and not node["cameras"]:
                facts["warnings"].append(F.warning("20002", "render layer: %s there is no camera" % layer, layer))
            if node["frames"]["end"] < node["frames"]["start"]:
                facts["warnings"].append(F.warning("20003", "End frame must be larger than start frame",
                                                   layer, "endFrame"))
    finally:
        if original:
            m.switch_layer(original)
    plugins = m.plugin_versions()
    for name, version in plugins.items():
        if name in RENDERER_PLUGINS.values():
            facts["plugins"][name] = version
    for renderer in sorted(renderers):
        wanted = RENDERER_PLUGINS.get(renderer)
        if wanted and wanted not in plugins:
            facts["warnings"].append(F.warning("20004", "Renderer %s is used but plugin %s is not loaded"
                                               % (renderer, wanted)))
    facts["references"] = _references(m, project, facts["warnings"])
    # dirmap entries of this session (often set by a script node on open): the sidecar applies them
    # before its fallbacks, as Maya did when it opened the scene.
    facts["pathMaps"] = [{"sourcePathFormat": "POSIX", "sourcePath": src, "destinationPath": dst, "origin": "dirmap"}
                         for src, dst in m.dirmap_rules()]
    return F.add_usd_dependencies(facts, "25009", m.usd_dependencies)


def _layer(m, layer, renderable):
    renderer = m.get_attr("defaultRenderGlobals.currentRenderer", "mayaSoftware")
    settings = _settings(m, renderer)
    node = {"node": layer, "type": "renderLayer", "category": "layer", "renderable": renderable,
            "frames": _frames(m), "cameras": [t for t, _, r in m.cameras() if r], "renderer": renderer,
            "settings": settings}
    if settings.get("image_file_prefix"):
        node["output"] = settings["image_file_prefix"]
    width = m.get_attr("defaultResolution.width")
    height = m.get_attr("defaultResolution.height")
    if width and height:
        node["width"], node["height"] = int(width), int(height)
    return node


def _frames(m):
    if not m.get_attr("defaultRenderGlobals.animation", False):
        now = m.current_time()
        return F.frame_range(now, now, 1)
    start = m.get_attr("defaultRenderGlobals.startFrame", 1.0)
    end = m.get_attr("defaultRenderGlobals.endFrame", start)
    step = m.get_attr("defaultRenderGlobals.byFrameStep", None) or m.get_attr("defaultRenderGlobals.byFrame", 1.0)
    return F.frame_range(start, end, step)


def _settings(m, renderer):
    fmt = m.get_attr("defaultRenderGlobals.imageFormat")
    image_format = IMAGE_FORMATS.get(fmt, str(fmt) if fmt is not None else "")
    if renderer == "arnold":
        image_format = m.get_attr("defaultArnoldDriver.aiTranslator", image_format)
    elif renderer == "vray":
        image_format = m.get_attr("vraySettings.imageFormatStr", image_format)
    prefix = m.get_attr("vraySettings.fileNamePrefix") if renderer == "vray" else None
    prefix = prefix or m.get_attr("defaultRenderGlobals.imageFilePrefix", "")
    settings = {}
    # Which device renders: Arnold's renderDevice (1 = GPU), V-Ray's productionEngine (1 CUDA, 2 RTX).
    if renderer == "arnold" and m.get_attr("defaultArnoldRenderOptions.renderDevice", 0) == 1:
        settings["render_device"] = "gpu"
    elif renderer == "vray" and m.get_attr("vraySettings.productionEngine", 0) in (1, 2):
        settings["render_device"] = "gpu"
    return dict(settings, **{
        "image_file_prefix": prefix or "",
        "image_format": str(image_format or ""),
        "renumber_frames": "1" if m.get_attr("defaultRenderGlobals.modifyExtension", False) else "0",
        "animation": "1" if m.get_attr("defaultRenderGlobals.animation", False) else "0",
        "extension_padding": str(m.get_attr("defaultRenderGlobals.extensionPadding", 4)),
    })


def _resolve(project, path):
    if not path or os.path.isabs(path) or path.startswith("$"):
        return path
    return os.path.join(project or "", path).replace("\\", "/")


def _owned(ref, owner):
    # The reference file a node came from: its relative paths and fallbacks resolve from that file's folder.
    if owner:
        ref["definedIn"] = F.normpath(owner)
    return ref


def _references(m, project, warnings):
    refs = []
    for node, stored, resolved in m.references():
        ref = F.reference(node, "fileName", F.normpath(stored), F.normpath(resolved), "scene_reference")
        refs.append(_owned(ref, m.reference_parent_file(node)))
    by_plug = {}
    for node_type, attrs in NODE_ATTRS:
        for node in m.nodes_of_type(node_type):
            for attr in attrs:
                value = m.get_attr("%s.%s" % (node, attr))
                if value:
                    # UDIM / sequence textures: the computed pattern names every tile, the attr only one.
                    if node_type == "file":
                        pattern = m.get_attr(node + ".computedFileTextureNamePattern")
                        if pattern and pattern != value and (m.get_attr(node + ".uvTilingMode", 0) or
                                                             m.get_attr(node + ".useFrameExtension", False)):
                            value = pattern
                    by_plug["%s.%s" % (node, attr)] = value
    found = {}  # where Maya found each file (the editor shows the resolved place, fallbacks included)
    for full, plug in m.file_path_editor():
        if "." not in plug:
            continue  # a reference node: handled above
        found[plug] = full
        if plug not in by_plug:
            by_plug[plug] = m.get_attr(plug) or full
    for plug in sorted(by_plug):
        node, _, attr = plug.partition(".")
        stored = F.normpath(by_plug[plug])
        where = found.get(plug)
        # the editor's place is the file itself; a UDIM/sequence pattern keeps its project form
        same = where and os.path.basename(where) == os.path.basename(stored) and os.path.exists(where)
        evaluated = F.normpath(where) if same else _resolve(project, stored)
        refs.append(_owned(F.reference(node, attr, stored, evaluated), m.node_file(node)))
    for ref in refs:
        target = ref.get("evaluated") or ref["path"]
        if not ref.get("sequence") and "<" not in target and "$" not in target and not os.path.exists(target):
            warnings.append(F.warning("25009", "Reference file not found: %s" % target, ref["node"], ref["parm"]))
    return F.dedupe_references(refs)
