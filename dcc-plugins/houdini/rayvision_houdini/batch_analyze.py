"""Batch analysis inside hython: `hython batch_analyze.py --scene <hip> --output <facts.json>`.

Opens the scene through host.py, runs the same walk as the live session, writes SceneFacts with
source "batch", prints progress lines, exits 0 (non-zero with a message on failure).
"""
import os
import sys

# Run as a script: make `rayvision_houdini` and the common client importable from this checkout.
_HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (os.path.dirname(_HERE), os.path.join(os.path.dirname(os.path.dirname(_HERE)), "common")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from rayvision_client import batch  # noqa: E402
from rayvision_houdini import host  # noqa: E402


def main(argv=None):
    return batch.run(sys.argv[1:] if argv is None else argv, host.open_scene, host.collect_facts)


if __name__ == "__main__":
    sys.exit(main())
