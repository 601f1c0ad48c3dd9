"""Batch analysis inside Clarisse's command-line node:
`cnode <project> -script batch_analyze.py -- --scene <project> --output <facts.json>` (arguments after
`--`; RAYVISION_BATCH_ARGS holds them when the cnode build passes none to scripts).

Opens the project through host.py (unless cnode opened it), runs the same walk as the live session,
writes SceneFacts with source "batch", prints progress lines, exits 0 (non-zero on failure).
"""
import os
import shlex
import sys

_HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
for _path in (os.path.dirname(_HERE), os.path.join(os.path.dirname(os.path.dirname(_HERE)), "common")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from rayvision_client import batch  # noqa: E402
from rayvision_clarisse import host  # noqa: E402


def script_args(argv):
    """Arguments after `--`, else everything after the script name, else RAYVISION_BATCH_ARGS."""
    if "--" in argv:
        return argv[argv.index("--") + 1:]
    if len(argv) > 1:
        return argv[1:]
    return shlex.split(os.environ.get("RAYVISION_BATCH_ARGS", ""))


def main(argv=None):
    return batch.run(script_args(sys.argv if argv is None else argv), host.open_scene, host.collect_facts)


if __name__ == "__main__":
    sys.exit(main())
