"""Finding node and the bundle, and starting a sidecar when none runs (with the fake sidecar as bundle)."""
import os
import unittest

import support
from rayvision_client.client import SidecarClient, SidecarUnavailable
from rayvision_client.discovery import pid_alive, read_discovery, sdk_home
from rayvision_client.launcher import SidecarNotFound, find_bundle, find_node

FAKE = os.path.join(support.SERVERS, "fake-sidecar.mjs")


class LauncherTest(unittest.TestCase):
    def test_sdk_home_precedence(self):
        self.assertEqual(sdk_home({"RAYVISION_SDK_HOME": "/x/y", "HOME": "/h"}), "/x/y")
        self.assertEqual(sdk_home({"USERPROFILE": "/u", "HOME": "/h"}), os.path.join("/u", "renderfarm_sdk"))
        self.assertEqual(sdk_home({"HOME": "/h"}), os.path.join("/h", "renderfarm_sdk"))

    def test_find_node_env_path_and_errors(self):
        node = support.node_path()
        self.assertEqual(find_node({"RAYVISION_NODE": node}), node)
        self.assertEqual(find_node({"PATH": os.path.dirname(node)}), node)
        with self.assertRaises(SidecarNotFound) as ctx:
            find_node({"RAYVISION_NODE": "/no/such/node"})
        self.assertIn("RAYVISION_NODE", str(ctx.exception))

    def test_find_bundle_default_is_repo_dist(self):
        if os.path.isfile(support.BUNDLE):
            self.assertEqual(os.path.realpath(find_bundle({})), os.path.realpath(support.BUNDLE))
        else:
            with self.assertRaises(SidecarNotFound) as ctx:
                find_bundle({})
            self.assertIn("npm run build", str(ctx.exception))

    def test_release_executable_beside_the_plugins_is_preferred_to_node(self):
        import shutil
        import subprocess
        import sys
        import tempfile
        release = tempfile.mkdtemp(prefix="rv-fake-release-")
        self.addCleanup(shutil.rmtree, release, True)
        shutil.copytree(support.COMMON, os.path.join(release, "dcc-plugins", "common"))
        probe = ("import sys, os; sys.path.insert(0, %r)\nfrom rayvision_client import launcher\n"
                 "print(launcher.sidecar_command(dict(os.environ)))" % os.path.join(release, "dcc-plugins", "common"))
        node = support.node_path()
        base = dict((k, v) for k, v in os.environ.items() if not k.startswith("RAYVISION_"))
        base["PATH"] = os.path.dirname(node)

        def command(**extra):
            env = dict(base, **extra)
            return subprocess.check_output([sys.executable, "-c", probe], env=env, universal_newlines=True).strip()
        # No executable there: node and a bundle, as in a checkout (the fake release has no bundle).
        missing = subprocess.run([sys.executable, "-c", probe], env=base,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertIn("npm run build", missing.stderr)
        exe = os.path.join(release, "rayvision.exe" if os.name == "nt" else "rayvision")
        with open(exe, "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(exe, 0o755)
        self.assertEqual(command(), str([exe, "sidecar"]))
        # An explicit bundle still means node (a developer's override).
        self.assertEqual(command(RAYVISION_BUNDLE=FAKE), str([node, FAKE, "sidecar"]))

    def test_incompatible_sidecar_is_reported_not_restarted(self):
        home = support.TempHome()
        self.addCleanup(home.cleanup)
        server = support.NodeProcess(FAKE, home, {"FAKE_PROTOCOL": "2.0"})
        self.addCleanup(server.stop)
        client = SidecarClient(environ=dict(home.environ, RAYVISION_BUNDLE=FAKE), check_methods=False)
        with self.assertRaises(SidecarUnavailable) as ctx:
            client.connect()
        self.assertIn("not compatible", str(ctx.exception))
        self.assertEqual(read_discovery(os.path.join(home.path, "sidecar.json")).pid, server.proc.pid)

    def test_starts_a_sidecar_when_none_runs(self):
        home = support.TempHome()
        self.addCleanup(home.cleanup)
        env = dict(home.environ, RAYVISION_BUNDLE=FAKE)
        client = SidecarClient(environ=env, check_methods=False)
        client.connect()
        found = read_discovery(os.path.join(home.path, "sidecar.json"))
        self.addCleanup(lambda: os.kill(found.pid, 15))
        self.addCleanup(client.close)
        self.assertTrue(pid_alive(found.pid))
        self.assertEqual(client.call("test/pid")["pid"], found.pid)
        # A second client finds the running one instead of starting another.
        other = SidecarClient(environ=env, check_methods=False)
        other.connect()
        self.addCleanup(other.close)
        self.assertEqual(other.call("test/pid")["pid"], found.pid)


if __name__ == "__main__":
    unittest.main()
