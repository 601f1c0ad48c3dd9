"""Stand-in for `maya.mel`: only the MEL the plugin uses."""
from maya import _scene


def eval(command):
    if command.strip().rstrip(";") == "RenderViewWindow":
        if _scene.STATE["batch"]:
            raise RuntimeError("Cannot find procedure \"RenderViewWindow\".")
        _scene.STATE["render_view_open"] = True
        return None
    if command.startswith("renderLayerDisplayName"):
        name = command.split('"')[1]
        return "masterLayer" if name == "defaultRenderLayer" else name[3:] if name.startswith("rs_") else name
    raise RuntimeError("mel stand-in: unsupported command %r" % command)
