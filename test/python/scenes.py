"""Scene fixtures for the stand-in hosts: a small shot with textures and caches on disk (temp dir)."""
import os


def touch(path, data=b"x"):
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        os.makedirs(folder)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def houdini_shot(root, ui=True, frames=(1, 3), clean=False, multi=False):
    """A .hip with a Mantra ROP, a camera, a texture, an HDA, a bgeo cache sequence and a missing file.
    `clean=True` leaves out the problems (missing texture, Redshift ROP without camera); `multi=True`
    adds a second Mantra ROP (/out/mantra_fx) rendering frames 1-6."""
    hip = os.path.join(root, "shot", "shot.hip").replace("\\", "/")
    touch(hip, b"HoudiniScene")
    touch(os.path.join(root, "shot", "tex", "wood.rat"))
    for f in range(frames[0], frames[1] + 1):
        touch(os.path.join(root, "shot", "geo", "sim.%04d.bgeo.sc" % f))
    touch(os.path.join(root, "libs", "tool.hda"))
    spec = {
        "hip": hip, "version": "20.5.487", "frame_range": list(frames), "frame": frames[0], "ui": ui,
        "env": {"JOB": root.replace("\\", "/")},
        "hdas": [os.path.join(root, "libs", "tool.hda").replace("\\", "/"), "/opt/hfs20.5/houdini/otls/OPlibSop.hda"],
        "nodes": [
            {"path": "/obj/cam1", "type": "Object/cam", "parms": {"resx": 1280, "resy": 720},
             "tuples": {"res": ["resx", "resy"]}},
            {"path": "/obj/geo1", "type": "Object/geo", "parms": {}},
            {"path": "/obj/geo1/file1", "type": "Sop/file",
             "parms": {"file": {"value": "$HIP/geo/sim.$F4.bgeo.sc", "file": True}}},
            {"path": "/obj/geo1/default", "type": "Sop/file",
             "parms": {"file": {"value": "$HFS/houdini/geo/defcam.bgeo", "file": True}}},
            {"path": "/mat/wood", "type": "Vop/principledshader::2.0",
             "parms": {"basecolor_texture": {"value": "$HIP/tex/wood.rat", "file": True},
                       "rough_texture": {"value": "$JOB/shot/tex/missing_rough.rat", "file": True},
                       "embedded": {"value": "opdef:/Sop/tool?icon.png", "file": True}}},
            {"path": "/out/mantra1", "type": "Driver/ifd",
             "parms": {"vm_picture": {"value": "$HIP/render/$HIPNAME.$F4.exr", "file": True},
                       "camera": "/obj/cam1", "trange": {"menu": ["off", "normal", "on"], "value": 1},
                       "f1": float(frames[0]), "f2": float(frames[1]), "f3": 1.0,
                       "override_camerares": 1, "res_fraction": {"menu": ["0.5", "specific"], "value": 0},
                       "soho_program": {"value": "mantra.py", "file": True}},
             "tuples": {"f": ["f1", "f2", "f3"]}},
            {"path": "/out/cache", "type": "Driver/geometry", "bypassed": True,
             "parms": {"sopoutput": {"value": "$HIP/geo/sim.$F4.bgeo.sc", "file": True},
                       "trange": {"menu": ["off", "normal", "on"], "value": 0}}},
            {"path": "/out/redshift1", "type": "Driver/Redshift_ROP",
             "parms": {"RS_outputFileNamePrefix": {"value": "$HIP/rs/$F4.exr", "file": True},
                       "RS_renderCamera": "/obj/nocam", "trange": {"menu": ["off", "normal", "on"], "value": 1},
                       "f1": 1.0, "f2": 5.0, "f3": 0.0},
             "tuples": {"f": ["f1", "f2", "f3"]}},
        ],
    }
    if clean:
        spec["version"] = "19.5.605"  # a build the (local) farm lists
        spec["nodes"] = [n for n in spec["nodes"] if n["path"] != "/out/redshift1"]
        spec["nodes"][4]["parms"].pop("rough_texture")
    if multi:
        spec["nodes"].append(
            {"path": "/out/mantra_fx", "type": "Driver/ifd",
             "parms": {"vm_picture": {"value": "$HIP/render/fx.$F4.exr", "file": True}, "camera": "/obj/cam1",
                       "trange": {"menu": ["off", "normal", "on"], "value": 1}, "f1": 1.0, "f2": 6.0, "f3": 1.0},
             "tuples": {"f": ["f1", "f2", "f3"]}})
    return spec


def maya_shot(root, batch=False, frames=(1, 3), clean=False, multi=False):
    """A .ma with two layers, a UDIM texture, an Alembic cache, a reference, an audio file via the
    File Path Editor only, and a missing texture (`clean=True`: no missing files; `multi=True`: the
    master layer renders too, so two layers render)."""
    scene = os.path.join(root, "proj", "scenes", "shot.ma").replace("\\", "/")
    project = os.path.join(root, "proj").replace("\\", "/") + "/"
    touch(scene, b"//Maya ASCII 2024 scene")
    touch(os.path.join(root, "proj", "sourceimages", "wood.1001.exr"))
    touch(os.path.join(root, "proj", "sourceimages", "wood.1002.exr"))
    touch(os.path.join(root, "proj", "cache", "anim.abc"))
    touch(os.path.join(root, "proj", "scenes", "asset.ma"))
    if clean:
        touch(os.path.join(root, "proj", "sourceimages", "missing.png"))
        touch(os.path.join(root, "proj", "sound", "take.wav"))
    return {
        "scene": scene, "version": "2024", "batch": batch, "workspace": project, "time": 1,
        "plugins": {"mtoa": "5.3.1.1", "AbcImport": "1.0"},
        "nodes": {
            "defaultRenderGlobals": {"attrs": {"startFrame": float(frames[0]), "endFrame": float(frames[1]),
                                               "imageFilePrefix": "<Scene>/<RenderLayer>/<Scene>"}},
            "defaultArnoldDriver": {"type": "aiAOVDriver", "attrs": {"aiTranslator": "exr"}},
            "rs_beauty": {"type": "renderLayer", "attrs": {"renderable": True}},
            "rs_ref_layer": {"type": "renderLayer", "attrs": {"renderable": True}, "referenced": True},
            "defaultRenderLayer": {"attrs": {"renderable": bool(multi)}},
            "file1": {"type": "file", "attrs": {"fileTextureName": "sourceimages/wood.1001.exr",
                                                "computedFileTextureNamePattern": "sourceimages/wood.<UDIM>.exr",
                                                "uvTilingMode": 3, "useFrameExtension": False}},
            "file2": {"type": "file", "attrs": {"fileTextureName": project + "sourceimages/missing.png",
                                                "uvTilingMode": 0}},
            "anim_abc": {"type": "AlembicNode", "attrs": {"abc_File": project + "cache/anim.abc"}},
            "audio1": {"type": "audio", "attrs": {"filename": project + "sound/take.wav"}},
            "camShape": {"type": "camera", "parent": "shotCam", "attrs": {"renderable": True}},
            "shotCam": {"type": "transform"},
        },
        "overrides": {"rs_beauty": {"defaultRenderGlobals.startFrame": float(frames[0] + 1),
                                    "perspShape.renderable": False}},
        "references": {"assetRN": {"file": project + "scenes/asset.ma", "unresolved": "$PROJ/scenes/asset.ma"},
                       "brokenRN": {"file": "", "dangling": True},
                       "sharedReferenceNode": {"file": ""}},
    }


def clarisse_shot(root, batch=False, clean=False, multi=False):
    """A .project with an image (two layers), textures (one by $PDIR), an Alembic cache, an output
    path attribute, a disabled object, a referenced project and a missing file (`clean=True`: none missing;
    `multi=True`: a second image with its own layer)."""
    project = os.path.join(root, "shot", "shot.project").replace("\\", "/")
    pdir = os.path.dirname(project)
    touch(project, b"#Isotropix_Serial_Version 1.2")
    touch(os.path.join(pdir, "tex", "wood.exr"))
    touch(os.path.join(pdir, "cache", "anim.abc"))
    touch(os.path.join(pdir, "ref", "set.project"))
    if clean:
        touch(os.path.join(pdir, "tex", "missing.exr"))
        touch(os.path.join(pdir, "ref", "inner.exr"))
    long_attr = lambda v: {"type": "long", "value": v}  # noqa: E731
    spec = {
        "project": project, "version": "4.0 SP3", "frame_range": [1, 3], "batch": batch,
        "contexts": [{"path": "project://set", "reference": True, "filename": "$PDIR/ref/set.project"}],
        "objects": [
            {"path": "project://scene/beauty", "class": "Image", "attrs": {
                "first_frame": long_attr(1), "last_frame": long_attr(3), "frame_step": long_attr(1),
                "save_as": {"type": "file", "hint": "save", "value": "$PDIR/render/beauty"},
                "format": long_attr(1), "render_to_disk": {"type": "bool", "value": True},
                "LUT": "linear", "layers": {"type": "reference", "value": ["project://scene/beauty_layer"]}}},
            {"path": "project://scene/beauty_layer", "class": "Layer3d", "kinds": ["Layer"], "attrs": {
                "first_frame": long_attr(1), "last_frame": long_attr(3), "frame_step": long_attr(1),
                "save_as": {"type": "file", "hint": "save", "value": "$PDIR/render/layer"},
                "enable_deep_output": {"type": "bool", "value": False}}},
            {"path": "project://scene/shot_cam", "class": "CameraPerspective", "kinds": ["Camera"], "attrs": {}},
            {"path": "project://scene/wood", "class": "TextureMapFile", "kinds": ["Texture"], "attrs": {
                "filename": {"type": "file", "value": "$PDIR/tex/wood.exr"}}},
            {"path": "project://scene/rel", "class": "TextureMapFile", "attrs": {
                "filename": {"type": "file", "value": "tex/wood.exr"}}},
            {"path": "project://scene/anim", "class": "GeometryAbcMesh", "attrs": {
                "filename": {"type": "file", "value": pdir + "/cache/anim.abc"},
                "hidden": {"type": "file", "value": "/private/x.abc", "private": True}}},
            {"path": "project://scene/off", "class": "TextureMapFile", "disabled": True, "attrs": {
                "filename": {"type": "file", "value": "/disabled/never.exr"}}},
            {"path": "project://scene/gone", "class": "TextureMapFile", "attrs": {
                "filename": {"type": "file", "value": "$PDIR/tex/missing.exr"}}},
            {"path": "project://set/inner", "class": "TextureMapFile", "attrs": {
                "filename": {"type": "file", "value": "$PDIR/ref/inner.exr"}}},
        ],
    }
    if multi:
        spec["objects"][2:2] = [
            {"path": "project://scene/fx", "class": "Image", "attrs": {
                "first_frame": long_attr(1), "last_frame": long_attr(6), "frame_step": long_attr(1),
                "save_as": {"type": "file", "hint": "save", "value": "$PDIR/render/fx"},
                "format": long_attr(1), "render_to_disk": {"type": "bool", "value": True},
                "LUT": "linear", "layers": {"type": "reference", "value": ["project://scene/fx_layer"]}}},
            {"path": "project://scene/fx_layer", "class": "Layer3d", "kinds": ["Layer"], "attrs": {
                "first_frame": long_attr(1), "last_frame": long_attr(6), "frame_step": long_attr(1),
                "save_as": {"type": "file", "hint": "save", "value": "$PDIR/render/fx_layer"},
                "enable_deep_output": {"type": "bool", "value": False}}}]
    return spec
