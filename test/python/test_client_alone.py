"""Issue 20: the plugins' common client works on its own, without any host module (a pipeline
script, a wrangler's tool): against the REAL sidecar bundle it connects (starting the sidecar, host
omitted), finds it through the discovery file, reads rpc.discover and session/status, logs in to the
local farm, submits a sample scene from ../shared/scenes and receives the job's events and frames."""
import json
import os
import subprocess
import sys
import tempfile
import shutil
import unittest

import support

BUNDLE = os.environ.get("RAYVISION_BUNDLE") or support.BUNDLE
SCENE = os.path.join(support.SCENES, "maya", "demo_scenc.ma")
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "client_alone.py")


@unittest.skipUnless(os.path.isfile(BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
@unittest.skipUnless(os.path.isfile(SCENE), "the sample scene %s is missing" % SCENE)
class CommonClientAlone(unittest.TestCase):
    def test_connect_discover_status_submit_and_events_without_a_host(self):
        home = support.TempHome()
        self.addCleanup(home.cleanup)
        out_dir = tempfile.mkdtemp(prefix="rv-alone-out-")
        self.addCleanup(shutil.rmtree, out_dir, True)
        # A home that does not exist yet, created by the client's launcher under umask 022 (issue 19).
        env = dict(home.environ, RAYVISION_BUNDLE=BUNDLE, RAYVISION_SDK_HOME=os.path.join(home.path, "new", "sdk"))
        env.pop("PYTHONPATH", None)
        # -S -E: no site packages, no PYTHON* variables: only the common client is importable.
        proc = subprocess.run([sys.executable, "-S", "-E", SCRIPT, support.COMMON, SCENE, out_dir], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=400,
                              preexec_fn=(lambda: os.umask(0o022)) if os.name != "nt" else None)
        lines = [l for l in proc.stdout.decode("utf8", "replace").splitlines() if l.startswith("RESULT ")]
        self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf8", "replace")[-3000:])
        seen = json.loads(lines[-1][len("RESULT "):])

        self.assertTrue(seen["discovery"]["alive"])
        if os.name != "nt":  # owner-only whatever the umask: the home, the discovery file, the sidecar's log
            self.assertEqual(seen["modes"], {".": "0o700", "sidecar.json": "0o600", "sidecar.log": "0o600"})
            self.assertEqual(os.stat(os.path.join(home.path, "new")).st_mode & 0o777, 0o700)
        self.assertGreater(seen["discovery"]["port"], 0)
        self.assertEqual(seen["initialize"]["protocolVersion"].split(".")[0], "1")
        self.assertEqual(seen["discover"]["openrpc"][:2], "1.")
        self.assertIn("submit/scene", seen["discover"]["methods"])
        self.assertFalse(seen["status_before"]["loggedIn"])
        self.assertTrue(seen["status_after"]["loggedIn"])

        end = seen["end"]
        self.assertTrue(end["finished"], "the job did not end")
        self.assertTrue(end["ok"], end["error"])
        self.assertGreater(end["result"]["taskId"], 0)
        kinds = [p["kind"] for p in seen["progress"]]
        self.assertEqual(kinds[0], "begin")
        self.assertEqual(kinds[-1], "end")
        stages = set(p["stage"] for p in seen["progress"] if p.get("stage"))
        self.assertTrue({"check", "upload-assets", "submit", "download"} <= stages, stages)
        self.assertIn("job/progress", seen["notifications"])
        self.assertGreater(len(seen["frames"]), 0)
        for frame in seen["frames"]:
            self.assertEqual(frame["taskId"], end["result"]["taskId"])
            self.assertTrue(os.path.isfile(frame["localPath"]), frame)
        self.assertEqual(sorted(f["localPath"] for f in seen["frames"]), sorted(end["result"]["paths"]))
        # session/shutdown stopped the sidecar the client had started.
        self.assertTrue(support.wait_until(lambda: not _alive(seen["discovery"]["pid"]), 30))


class HandshakeRefusal(unittest.TestCase):
    """A refused session/initialize names its real cause; only IncompatibleProtocol blames the versions."""

    def test_the_message_follows_the_error_code(self):
        from rayvision_client import client as client_module
        from rayvision_client import methods
        from rayvision_client.discovery import Discovery
        from rayvision_client.jsonrpc import RpcError
        found = Discovery(1, 1, "token", version="0.1.0")
        codes = methods.error_codes()
        bad_params = RpcError(codes["InvalidParams"], "Invalid params for session/initialize: Invalid input",
                              {"issues": [{"path": "client.host", "message": "Invalid input"}]})
        text = client_module._refusal(found, bad_params)
        self.assertNotIn("majors", text)
        self.assertIn("InvalidParams", text)
        self.assertIn("client.host: Invalid input", text)
        major = client_module._refusal(found, RpcError(codes["IncompatibleProtocol"], "Protocol 2.0 is not compatible"))
        self.assertIn("protocol majors match", major)

    def test_client_info_by_the_generated_rule(self):
        from rayvision_client import methods
        self.assertEqual(methods.client_info("x", "1", None), {"name": "x", "version": "1", "host": None})
        self.assertEqual(methods.client_info("x", None, "maya"), {"name": "x", "host": "maya"})
        with self.assertRaises(ValueError):
            methods.client_info("x", "1", "blender")


def _alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child of the script's interpreter is gone for good once that interpreter exited
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except (IOError, OSError):
        return True


if __name__ == "__main__":
    unittest.main()
