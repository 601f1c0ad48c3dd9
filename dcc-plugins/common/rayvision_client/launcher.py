"""Find the sidecar and start it when none runs (issue 7, item 1): the release's single executable
beside these plugins (no Node needed, docs/release.md), else `node` and the checkout's bundle."""
import glob
import os
import shutil
import subprocess
import time

from .discovery import discovery_path, ensure_private_dir, open_private_append, pid_alive, read_discovery, sdk_home


_STARTED = []  # sidecars we started: they outlive this call (and must not warn as "still running")


class SidecarNotFound(Exception):
    """Neither the release executable nor node and the bundle were found; the message says what to do."""


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
    raise SidecarNotFound("Neither the rayvision release executable nor Node.js 20+ was found: install the plugins "
                          "from a release folder (`rayvision install-plugins`), install Node.js, or set "
                          "RAYVISION_NODE to the node executable")


def find_bundle(environ=None):
    """RAYVISION_BUNDLE, else the bundle beside the plugins: `<repo>/dist/rayvision.mjs` in a checkout,
    `<dist>/rayvision.mjs` when the plugins run from the built `dist/dcc-plugins`."""
    env = os.environ if environ is None else environ
    if env.get("RAYVISION_BUNDLE"):
        return env["RAYVISION_BUNDLE"]
    root = _plugins_parent()
    candidates = [os.path.join(root, "dist", "rayvision.mjs"), os.path.join(root, "rayvision.mjs")]
    for bundle in candidates:
        if os.path.isfile(bundle):
            return bundle
    raise SidecarNotFound("the sidecar bundle %s is missing: run `npm run build` in %s" % (candidates[0], root))


def _plugins_parent():
    """The folder holding dcc-plugins/: a release folder, dist/, or the repository."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.dirname(os.path.dirname(os.path.dirname(here)))


def find_release_executable(environ=None):
    """RAYVISION_EXECUTABLE, else the release's `rayvision` (`rayvision.exe`) beside the dcc-plugins folder
    these plugins run from; None when there is none (a checkout or dist/)."""
    env = os.environ if environ is None else environ
    explicit = env.get("RAYVISION_EXECUTABLE")
    if explicit:
        if os.path.isfile(explicit):
            return explicit
        raise SidecarNotFound("RAYVISION_EXECUTABLE points at %s, which does not exist" % explicit)
    name = "rayvision.exe" if os.name == "nt" else "rayvision"
    candidate = os.path.join(_plugins_parent(), name)
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    return None


def sidecar_command(environ=None):
    """The argv that starts a sidecar. An explicit RAYVISION_BUNDLE runs with node; otherwise the release
    executable is preferred, and node with the checkout's bundle is the fallback."""
    env = os.environ if environ is None else environ
    if not env.get("RAYVISION_BUNDLE"):
        executable = find_release_executable(env)
        if executable:
            return [executable, "sidecar"]
    return [find_node(env), find_bundle(env), "sidecar"]


def start_sidecar(environ=None, wait=20.0, previous=None):
    """Start the sidecar (sidecar_command) detached and wait for a fresh discovery file.

    Runs on a worker thread only (it sleeps while polling). Returns the new Discovery."""
    env = dict(os.environ if environ is None else environ)
    command = sidecar_command(env)
    home = sdk_home(env)
    ensure_private_dir(home)
    log_path = os.path.join(home, "sidecar.log")
    kwargs = {}
    if os.name == "nt":
        kwargs["creationflags"] = 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True  # outlive the host's process group (Ctrl-C in a terminal)
    with open_private_append(log_path) as log:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
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
