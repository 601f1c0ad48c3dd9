"""Shared test helpers: repository paths, import paths, temp SDK homes, and sidecar processes."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# RAYVISION_TEST_PLUGINS runs the tests on another copy of the plugins (test_release.py: a release's, as installed).
PLUGINS = os.environ.get("RAYVISION_TEST_PLUGINS") or os.path.join(REPO, "dcc-plugins")
COMMON = os.path.join(PLUGINS, "common")
STANDINS = os.path.join(REPO, "test", "python", "standins")
SERVERS = os.path.join(REPO, "test", "python", "servers")
SCENES = os.path.join(os.path.dirname(REPO), "shared", "scenes")
BUNDLE = os.path.join(REPO, "dist", "rayvision.mjs")

for _path in (COMMON, os.path.join(PLUGINS, "houdini"), os.path.join(PLUGINS, "maya"),
              os.path.join(PLUGINS, "clarisse")):
    if _path not in sys.path:
        sys.path.insert(0, _path)


def node_path():
    """The node executable the tests use (the one on PATH)."""
    return shutil.which("node")


class TempHome(object):
    """A temporary RAYVISION_SDK_HOME, removed on cleanup."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="rv-sdk-home-")
        self.environ = dict(os.environ, RAYVISION_SDK_HOME=self.path)

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)


class NodeProcess(object):
    """A node server started for a test; it writes `<home>/sidecar.json` once it listens."""

    def __init__(self, script, home, extra_env=None, args=("sidecar",)):
        self.home = home
        env = dict(home.environ)
        env.update(extra_env or {})
        previous = self._read()
        self.log = open(os.path.join(home.path, "node-%d.log" % int(time.time() * 1000)), "wb")
        self.proc = subprocess.Popen([node_path(), script] + list(args), stdout=self.log, stderr=self.log,
                                     cwd=REPO, env=env)
        self.discovery = self._wait_for_discovery(previous)

    def _read(self):
        try:
            with open(os.path.join(self.home.path, "sidecar.json")) as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _wait_for_discovery(self, previous, timeout=60.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self._read()
            if found and found != previous and found.get("pid") == self.proc.pid:
                return found
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %s; log %s" % (self.proc.returncode, self.log.name))
            time.sleep(0.05)
        raise RuntimeError("server did not write its discovery file; log %s" % self.log.name)

    def kill(self):
        """SIGKILL: the way a crash looks to the client."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.log.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def wait_until(predicate, timeout=30.0, step=0.02):
    """Poll `predicate` until it is true; returns its last value (tests assert on it)."""
    deadline = time.time() + timeout
    value = predicate()
    while not value and time.time() < deadline:
        time.sleep(step)
        value = predicate()
    return value
