"""Batch analysis inside mayapy: `mayapy batch_analyze.py --scene <ma|mb> --output <facts.json>`.

Initialises maya.standalone, opens the scene through host.py, runs the same walk as the live
session, writes SceneFacts with source "batch", prints progress lines, exits 0 (non-zero on failure).
"""
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (os.path.dirname(_HERE), os.path.join(os.path.dirname(os.path.dirname(_HERE)), "common")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from rayvision_client import batch  # noqa: E402
from rayvision_maya import host  # noqa: E402


def main(argv=None):
    host.init_batch()
    return batch.run(sys.argv[1:] if argv is None else argv, host.open_scene, host.collect_facts)


if __name__ == "__main__":
    sys.exit(main())
