"""Stand-in for `maya.standalone`: mayapy must initialize before maya.cmds works; batch mode after."""
import json
import os

from maya import _scene


def initialize(name="python"):
    fixtures = {}
    if os.environ.get("STANDIN_FIXTURE"):
        with open(os.environ["STANDIN_FIXTURE"]) as handle:
            fixture = json.load(handle)
        fixtures[fixture["scene"]] = fixture
    _scene.load({"batch": True, "fixtures": fixtures})


def uninitialize():
    _scene.STATE["batch"] = True
