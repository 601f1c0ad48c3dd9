"""Where the SDK keeps its files, and the sidecar's discovery file `<sdk home>/sidecar.json`."""
import errno
import json
import os

DISCOVERY_NAME = "sidecar.json"


def sdk_home(environ=None):
    """RAYVISION_SDK_HOME when set, else `<USERPROFILE or HOME>/renderfarm_sdk` (shared agreement)."""
    env = os.environ if environ is None else environ
    if env.get("RAYVISION_SDK_HOME"):
        return env["RAYVISION_SDK_HOME"]
    home = env.get("USERPROFILE") or env.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, "renderfarm_sdk")


def ensure_private_dir(folder):
    """Create `folder` (and missing parents) owner-only (0700) whatever the umask; existing folders keep their mode."""
    folder = os.path.abspath(folder)
    missing = []
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise
            continue
        if os.name != "nt":
            os.chmod(path, 0o700)  # the umask only narrows a mode: be explicit


def open_private_append(path):
    """Open `path` for appending, creating it 0600 (an existing file is tightened to 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    if os.name != "nt":
        os.chmod(path, 0o600)
    return os.fdopen(fd, "ab")


def discovery_path(environ=None):
    """Path of the discovery file the running sidecar writes."""
    return os.path.join(sdk_home(environ), DISCOVERY_NAME)


class Discovery(object):
    """The fields of sidecar.json the client needs. The token is kept out of repr()."""

    def __init__(self, port, pid, token, version="", protocol_version=""):
        self.port = int(port)
        self.pid = int(pid)
        self.token = token
        self.version = version
        self.protocol_version = protocol_version

    def __repr__(self):
        return "Discovery(port=%d, pid=%d, version=%r)" % (self.port, self.pid, self.version)

    def __eq__(self, other):
        return isinstance(other, Discovery) and (self.port, self.pid, self.token) == (other.port, other.pid, other.token)

    def __ne__(self, other):
        return not self.__eq__(other)


def read_discovery(path=None):
    """Return the Discovery in the file, or None when there is none or it is half-written."""
    path = path or discovery_path()
    try:
        with open(path, "r") as handle:
            data = json.load(handle)
        return Discovery(data["port"], data["pid"], data["token"], data.get("version", ""),
                         data.get("protocolVersion", ""))
    except (OSError, IOError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid):
    """True when a process with this pid exists (best effort, no signal is delivered)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes  # stdlib; OpenProcess tells whether the pid exists
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        # A sidecar we started and that died is our zombie child: reap it, it is not alive.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass  # not our child: ask the kernel below
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True
