"""The self-contained release (docs/release.md): on a PATH without node, the release's own `install`
installs the three hosts' plugin files pointing into the release, and the end-to-end submit of
test_plugin_submit_e2e.py passes with the plugins as installed, which start the release's executable.

The release is built by .ci/run (`npm run release`); when it is missing here, it is built once."""
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import support

VERSION = json.load(open(os.path.join(support.REPO, "package.json")))["version"]
OS_NAME = {"win32": "win", "darwin": "macos"}.get(sys.platform, sys.platform)
ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), platform.machine())
RELEASE_DIR = os.environ.get("RAYVISION_RELEASE_DIR") or os.path.join(
    support.REPO, "release", "rayvision-%s-%s-%s" % (VERSION, OS_NAME, ARCH))
EXECUTABLE = os.path.join(RELEASE_DIR, "rayvision.exe" if os.name == "nt" else "rayvision")


def node_can_build_a_sea():
    node = support.node_path()
    if not node:
        return False
    major, minor = [int(x) for x in subprocess.check_output([node, "-p", "process.versions.node"]).decode().split(".")[:2]]
    return (major, minor) >= (20, 12)


def ensure_release():
    if not os.path.isfile(EXECUTABLE):
        subprocess.check_call([support.node_path(), os.path.join(support.REPO, "scripts", "release.mjs")], cwd=support.REPO)


def no_node_path(test):
    """A PATH that exists but holds no node (nor anything else)."""
    empty = tempfile.mkdtemp(prefix="rv-no-node-")
    test.addCleanup(shutil.rmtree, empty, True)
    return empty


@unittest.skipUnless(sys.platform.startswith("linux") or os.path.isfile(EXECUTABLE),
                     "the CI builds and tests the Linux release; elsewhere run `npm run release` first")
@unittest.skipUnless(os.path.isfile(EXECUTABLE) or node_can_build_a_sea(),
                     "this Node cannot build a single executable (needs Node 20.12+ with SEA support)")
class Release(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        ensure_release()

    def test_install_on_a_path_without_node_points_every_host_into_the_release(self):
        user = tempfile.mkdtemp(prefix="rv-release-user-")
        self.addCleanup(shutil.rmtree, user, True)
        for folder in ("houdini20.5", os.path.join("maya", "2025"), os.path.join(".isotropix", "clarisse", "5.0")):
            os.makedirs(os.path.join(user, folder))
        env = {"HOME": user, "PATH": no_node_path(self)}
        with self.assertRaises(OSError):
            subprocess.check_call(["node", "--version"], env=env)  # the PATH really has no node
        out = subprocess.run([os.path.join(RELEASE_DIR, "install")], env=env, cwd=user, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        plugins = os.path.join(RELEASE_DIR, "dcc-plugins")
        self.assertIn("plugins: %s" % plugins, out.stdout)
        with open(os.path.join(user, "houdini20.5", "packages", "rayvision.json")) as f:
            houdini = json.load(f)
        root = [e["RAYVISION_PLUGIN_ROOT"] for e in houdini["env"] if "RAYVISION_PLUGIN_ROOT" in e]
        self.assertEqual([os.path.realpath(r) for r in root], [os.path.realpath(plugins)])
        with open(os.path.join(user, "maya", "2025", "modules", "rayvision.mod")) as f:
            self.assertIn("RAYVISION_PLUGIN_ROOT=%s" % plugins, f.read())
        with open(os.path.join(user, ".isotropix", "clarisse", "5.0", "clarisse.env")) as f:
            self.assertIn("%s/clarisse/startup/rayvision_startup.py" % plugins, f.read())
        # The plugins as installed pick the executable beside them, not node.
        probe = ("import sys; sys.path.insert(0, %r)\nfrom rayvision_client import launcher\n"
                 "print(launcher.sidecar_command({}))" % os.path.join(root[0], "common"))
        command = subprocess.check_output([sys.executable, "-c", probe], env=env, universal_newlines=True)
        self.assertEqual(command.strip(), str([EXECUTABLE, "sidecar"]))

    def _profiles(self, env, shell=None):
        """`rayvision --json profiles` of the release (in `shell` when given, e.g. under dbus-run-session)."""
        home = tempfile.mkdtemp(prefix="rv-release-keychain-")
        self.addCleanup(shutil.rmtree, home, True)
        env = dict(env, HOME=home, RAYVISION_SDK_HOME=os.path.join(home, "sdk"), PATH=no_node_path(self) + os.pathsep + "/usr/bin:/bin")
        script = '%s --json profiles; status=$?; %s --no-auto-start stop >/dev/null 2>&1; exit $status' % (EXECUTABLE, EXECUTABLE)
        command = (shell or []) + ["sh", "-c", script]
        out = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout.strip().splitlines()[-1])["result"]["keychain"]

    @unittest.skipUnless(shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon") or os.environ.get("CI"),
                         "needs dbus-run-session and gnome-keyring-daemon (.ci/run installs them)")
    def test_the_keychain_addon_beside_the_executable_reaches_a_real_secret_service(self):
        self.assertTrue(os.path.isfile(os.path.join(RELEASE_DIR, "keyring.node")))
        unlocked = ["dbus-run-session", "--", "sh", "-c",
                    'echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"', "keyring"]
        self.assertEqual(self._profiles(os.environ, unlocked), {"available": True, "backend": "Secret Service"})
        # No bus at all: unavailable because of D-Bus (the addon itself loaded), said in words.
        missing = self._profiles(dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/rv-bus"))
        self.assertFalse(missing["available"])
        self.assertIn("D-Bus session bus", missing["reason"])
        self.assertNotIn("addon", missing["reason"])

    def test_the_plugins_end_to_end_submit_passes_against_the_release(self):
        env = dict(os.environ, PATH=no_node_path(self), RAYVISION_TEST_RELEASE=EXECUTABLE,
                   RAYVISION_TEST_PLUGINS=os.path.join(RELEASE_DIR, "dcc-plugins"))
        for name in ("RAYVISION_BUNDLE", "RAYVISION_NODE", "RAYVISION_EXECUTABLE", "RAYVISION_PLUGINS_DIR"):
            env.pop(name, None)
        out = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_plugin_submit_e2e"],
                             cwd=os.path.dirname(os.path.abspath(__file__)), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        self.assertEqual(out.returncode, 0, out.stdout[-6000:])
        ran = re.search(r"Ran (\d+) tests?", out.stdout)
        self.assertIsNotNone(ran, out.stdout[-2000:])
        self.assertGreaterEqual(int(ran.group(1)), 5, out.stdout[-2000:])
        self.assertNotIn("skipped", out.stdout.splitlines()[-1], out.stdout[-2000:])  # "OK (skipped=N)"
        # The copies under test were the release's own.
        self.assertNotIn(os.path.join(support.REPO, "dcc-plugins"), out.stdout)


if __name__ == "__main__":
    unittest.main()
