"""Stand-in for `hython`: a Python with the `hou` stand-in in batch mode (no UI), running a script.

STANDIN_FIXTURE names a JSON fixture; `hou.hipFile.load(<its "hip">)` loads it, as hython would
load the scene file.
"""
import json
import os
import runpy
import sys

import hou

hou._reset(ui=False)
if os.environ.get("STANDIN_FIXTURE"):
    with open(os.environ["STANDIN_FIXTURE"]) as handle:
        fixture = json.load(handle)
    fixture["ui"] = False
    hou._STATE["fixtures"][fixture["hip"]] = fixture

script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
