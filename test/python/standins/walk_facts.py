"""Runs a plugin's live-session scene walk on a stand-in host and prints the SceneFacts as JSON:
`python3 walk_facts.py <maya|houdini|clarisse> <fixture.json>` (the fixture as each stand-in loads it).
Used by the TypeScript tests that compare the live walk with the static readers on the same scene.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGINS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), "dcc-plugins")


def main(host_name, fixture_path):
    for path in (HERE, os.path.join(PLUGINS, "common"), os.path.join(PLUGINS, host_name)):
        sys.path.insert(0, path)
    with open(fixture_path) as handle:
        fixture = json.load(handle)
    import host_loop
    host_loop.reset()
    if host_name == "maya":
        from maya import _scene
        _scene.load(fixture)
        from rayvision_maya import host
    elif host_name == "houdini":
        import hou
        hou._reset()
        hou._load_fixture(fixture)
        from rayvision_houdini import host
    else:
        import ix
        ix._load_fixture(fixture)
        from rayvision_clarisse import host
    sys.stdout.write(json.dumps(host.collect_facts("host")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
