"""Press Submit in a stand-in host and follow the job to the end (shared by the fake and real e2e tests)."""
import os
import sys

import support
import scenes

sys.path.insert(0, support.STANDINS)
import host_loop  # noqa: E402
import hou  # noqa: E402
import ix  # noqa: E402
from maya import _scene as maya_scene  # noqa: E402
from rayvision_client import frame_spec  # noqa: E402
from rayvision_client import settings as plugin_settings  # noqa: E402
from rayvision_client.client import SidecarClient  # noqa: E402
from rayvision_client.submitter import Submitter  # noqa: E402
from rayvision_clarisse import host as clarisse_host  # noqa: E402
from rayvision_houdini import host as houdini_host  # noqa: E402
from rayvision_maya import host as maya_host  # noqa: E402


def _houdini(root, clean, multi=False):
    sys.modules.pop("hdefereval", None)  # importable only with UI: re-evaluate for this session
    hou._reset(ui=True)
    hou._load_fixture(scenes.houdini_shot(root, clean=clean, multi=multi))
    return houdini_host


def _houdini_loaded():
    net = hou.node("/img/rayvision")
    return sorted(n.parm("filename1").eval() for n in net.children()) if net is not None else []


def _maya(root, clean, multi=False):
    maya_scene.load(scenes.maya_shot(root, clean=clean, multi=multi))
    return maya_host


def _clarisse(root, clean, multi=False):
    ix._load_fixture(scenes.clarisse_shot(root, clean=clean, multi=multi))
    return clarisse_host


def _clarisse_loaded():
    return sorted(ix.get_item(p).get_attribute("filename").get_string() for p in ix._STATE["created"])


HOSTS = {
    "houdini": (_houdini, _houdini_loaded),
    "maya": (_maya, lambda: sorted(maya_scene.STATE["render_view"])),
    "clarisse": (_clarisse, _clarisse_loaded),
}


def press_submit(test, host_name, home, root, settings, priority=50, client_kwargs=None, timeout=180.0,
                 clean=False, prepare=False, before=None, multi=False):
    """Open the dialog, press Submit on the main thread, pump until the job ends.
    Returns (submitter, loaded image paths, main-loop)."""
    loop = host_loop.reset()
    setup, loaded = HOSTS[host_name]
    host = setup(root, clean, multi)
    plugin_settings.save(settings, environ=home.environ)
    client = SidecarClient(dispatch=host.dispatch, host=host.HOST_NAME, can_load_frames=True,
                           environ=home.environ, **(client_kwargs or {}))
    test.addCleanup(client.close)
    submitter = Submitter(host, client=client, environ=home.environ)
    loop.run(submitter.open)
    if prepare:  # the farm's menus and the asset list, as the dialog fetches them
        loop.run(submitter.prepare)
        test.assertTrue(loop.pump_until(lambda: submitter.presenter.farm_state in ("ready", "failed"), timeout))
        test.assertEqual(submitter.presenter.farm_state, "ready", submitter.presenter.message)
    if before is not None:  # the user's edits in the dialog
        loop.run(lambda: before(submitter.presenter))
    loop.run(lambda: submitter.presenter.set(priority=priority))
    errors = loop.run(submitter.submit)
    test.assertEqual(errors, [])
    finished = loop.pump_until(lambda: submitter.presenter.status in ("done", "failed"), timeout)
    test.assertTrue(finished, "the job did not end: %s" % submitter.presenter.message)
    loop.pump()
    return submitter, loaded(), loop


def expected_frames(submitter):
    """Every frame the selected nodes render, each node with its own frames (as the dialog sent them)."""
    p = submitter.presenter
    frames = set()
    for node in p.selected_nodes:
        frames.update(frame_spec.expand(p.node_frames[node]))
    return sorted(frames)


def files_exist(paths):
    return all(os.path.isfile(p) for p in paths)


def scene_frames(submitter):
    """The scene's global range (what the fake sidecar renders for any submit)."""
    rng = submitter.presenter.facts["frameRange"]
    return list(range(int(rng["start"]), int(rng["end"]) + 1))
