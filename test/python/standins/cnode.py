"""Stand-in for Clarisse's `cnode <project> -script <file> [-- args]`: opens the project (from
STANDIN_FIXTURE), then runs the script with `ix` importable, in batch mode."""
import json
import os
import runpy
import sys

import ix

project, script = sys.argv[1], sys.argv[sys.argv.index("-script") + 1]
with open(os.environ["STANDIN_FIXTURE"]) as handle:
    fixture = json.load(handle)
ix._STATE["fixtures"][fixture["project"]] = fixture
ix.application.load_project(project)
rest = sys.argv[sys.argv.index("-script") + 2:]
sys.argv = [script] + rest
runpy.run_path(script, run_name="__main__")
