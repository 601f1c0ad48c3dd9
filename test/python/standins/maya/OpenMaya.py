"""Stand-in for `maya.OpenMaya` (API 1): MGlobal.mayaState."""
from maya import _scene


class MGlobal(object):
    kInteractive, kBatch, kLibraryApp, kBaseUIMode = 0, 1, 2, 3

    @staticmethod
    def mayaState():
        return MGlobal.kBatch if _scene.STATE["batch"] else MGlobal.kInteractive
