"""Stand-in for the Render Setup model: layers are the legacy `rs_<name>` renderLayer nodes."""
from maya import _scene


class RenderLayer(object):
    def __init__(self, legacy):
        self._legacy = legacy

    def name(self):
        return self._legacy[3:]

    def isRenderable(self):
        return bool(_scene.STATE["nodes"][self._legacy]["attrs"].get("renderable"))

    def setRenderable(self, value):
        _scene.STATE["nodes"][self._legacy]["attrs"]["renderable"] = bool(value)


class RenderSetup(object):
    def getRenderLayers(self):
        # The master (default) layer is not in the list.
        return [RenderLayer(n) for n, d in sorted(_scene.STATE["nodes"].items())
                if d["type"] == "renderLayer" and n.startswith("rs_")]


def instance():
    return RenderSetup()
