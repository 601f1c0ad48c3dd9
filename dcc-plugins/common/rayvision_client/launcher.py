"""Find `node` and the bundled sidecar, and start it when none runs (issue 7, item 1)."""
import glob
import os
import shutil
import subprocess
import time

from .discovery import discovery_path, ensure_private_dir, open_private_append, pid_alive, read_discovery, sdk_home


_STARTED = []  # sidecars we started: they outlive this call (and must not warn as "still running")


class SidecarNotFound(Exception):
    """node or the bundle is missing; the message says what to install or set."""


class SidecarStartFailed(Exception):
    """The sidecar was started but never wrote its discovery file; see the log it names."""


def _candidate_node_dirs():
    home = os.path.expanduser("~")
    if os.name == "nt":
        bases = [os.environ.get("ProgramFiles", r"C:\Program Files"),
                 os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")]
        found = [os.path.join(b, "nodejs", "node.exe") for b in bases]
        found += sorted(glob.glob(os.path.join(os.environ.get("APPDATA", ""), "nvm", "v*", "node.exe")), reverse=True)
        return found
    found = ["/usr/local/bin/node", "/usr/bin/node", "/opt/homebrew/bin/node", "/opt/local/bin/node",
             os.path.join(home, ".volta", "bin", "node")]
    found += sorted(glob.glob(os.path.join(home, ".nvm", "versions", "node", "v*", "bin", "node")), reverse=True)
    return found


def find_node(environ=None):
    """RAYVISION_NODE, then PATH, then the usual install folders; raises SidecarNotFound."""
    env = os.environ if environ is None else environ
    explicit = env.get("RAYVISION_NODE")
    if explicit:
        if os.path.isfile(explicit):
            return explicit
        raise SidecarNotFound("RAYVISION_NODE points at %s, which does not exist" % explicit)
    on_path = shutil.which("node", path=env.get("PATH"))
    if on_path:
        return on_path
    for candidate in _candidate_node_dirs():
        if os.path.isfile(candidate):
            return candidate
    raise SidecarNotFound("Node.js 20+ was not found: install it, or set RAYVISION_NODE to the node executable")


def find_bundle(environ=None):
    """RAYVISION_BUNDLE, else the bundle beside the plugins: `<repo>/dist/rayvision.mjs` in a checkout,
    `<dist>/rayvision.mjs` when the plugins run from the built `dist/dcc-plugins`."""
    env = os.environ if environ is None else environ
    if env.get("RAYVISION_BUNDLE"):
        return env["RAYVISION_BUNDLE"]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    candidates = [os.path.join(root, "dist", "rayvision.mjs"), os.path.join(root, "rayvision.mjs")]
    for bundle in candidates:
        if os.path.isfile(bundle):
            return bundle
    raise SidecarNotFound("the sidecar bundle %s is missing: run `npm run build` in %s" % (candidates[0], root))


def start_sidecar(environ=None, wait=20.0, previous=None):
    """Start `node dist/rayvision.mjs sidecar` detached and wait for a fresh discovery file.

    Runs on a worker thread only (it sleeps while polling). Returns the new Discovery."""
    env = dict(os.environ if environ is None else environ)
    node, bundle = find_node(env), find_bundle(env)
    home = sdk_home(env)
    ensure_private_dir(home)
    log_path = os.path.join(home, "sidecar.log")
    kwargs = {}
    if os.name == "nt":
        kwargs["creationflags"] = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True  # outlive the host's process group (Ctrl-C in a terminal)
    with open_private_append(log_path) as log:
        proc = subprocess.Popen([node, bundle, "sidecar"], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                cwd=home, env=env, close_fds=True, **kwargs)
    _STARTED.append(proc)
    deadline = time.time() + wait
    path = discovery_path(env)
    while time.time() < deadline:
        found = read_discovery(path)
        if found is not None and found != previous and pid_alive(found.pid):
            return found
        if proc.poll() is not None and proc.returncode != 0:
            break
        time.sleep(0.05)
    raise SidecarStartFailed("the sidecar did not start (exit code %s); see %s" % (proc.poll(), log_path))
