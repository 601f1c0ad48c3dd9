"""The common part of every `batch_analyze.py`: arguments, progress lines, output file, exit code.

Each host's script passes two functions from its host.py: `open_scene(path)` and `collect_facts(source)`.
Runs inside hython / mayapy / Clarisse cnode; prints one progress line per step to stdout so the
sidecar's launcher can follow it.
"""
import argparse
import json
import os
import sys
import traceback

PROGRESS_PREFIX = "RAYVISION_PROGRESS"


def progress(step, total, message):
    """Print one progress line: `RAYVISION_PROGRESS <step>/<total> <message>` (flushed at once)."""
    sys.stdout.write("%s %d/%d %s\n" % (PROGRESS_PREFIX, step, total, message))
    sys.stdout.flush()


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Analyse a scene inside the DCC and write SceneFacts JSON.")
    parser.add_argument("--scene", required=True, help="scene file to open")
    parser.add_argument("--output", required=True, help="where to write the SceneFacts JSON")
    return parser.parse_args(argv)


def write_json_atomic(path, data):
    """Write JSON next to `path` then rename, so a reader never sees half a file."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        os.makedirs(folder)
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


def run(argv, open_scene, collect_facts):
    """Open the scene, walk it, write the facts; returns the process exit code (0 on success)."""
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    scene = os.path.abspath(args.scene)
    if not os.path.isfile(scene):
        sys.stderr.write("rayvision: scene file not found: %s\n" % scene)
        return 3
    try:
        progress(1, 3, "opening %s" % scene)
        open_scene(scene)
        progress(2, 3, "walking the scene")
        facts = collect_facts("batch")
        progress(3, 3, "writing %s" % args.output)
        write_json_atomic(args.output, facts)
    except Exception as exc:  # any host error becomes a message and a non-zero exit
        sys.stderr.write("rayvision: analysis of %s failed: %s\n" % (scene, exc))
        sys.stderr.write(traceback.format_exc())
        return 1
    sys.stdout.write("RAYVISION_DONE %d references, %d render nodes\n"
                     % (len(facts.get("references", [])), len(facts.get("renderNodes", []))))
    return 0
