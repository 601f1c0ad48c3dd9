"""The Tasks shelf tool against the REAL bundled sidecar: it logs in with the plugin settings, asks
for the monitor's one-time link and hands it to the browser (a recorder here). Python's urllib then
plays the browser: the link gives a session cookie once, the cookie gives the page, nothing else does."""
import os
import shutil
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

import support
import scenes

sys.path.insert(0, support.STANDINS)
import host_loop  # noqa: E402
import ix  # noqa: E402
from rayvision_client import settings as plugin_settings, tools  # noqa: E402
from rayvision_clarisse import host  # noqa: E402

BUNDLE = os.environ.get("RAYVISION_BUNDLE") or support.BUNDLE


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, cookie=None):
    """(status, headers, body) of a GET that does not follow redirects."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as res:
            return res.status, res.headers, res.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


@unittest.skipUnless(os.path.isfile(BUNDLE), "dist/rayvision.mjs is missing: run `npm run build` first")
class TasksToolOpensTheMonitor(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.addCleanup(self.home.cleanup)
        self.server = support.NodeProcess(BUNDLE, self.home, args=("sidecar", "--idle-timeout", "0"))
        self.addCleanup(self.server.stop)
        self.root = tempfile.mkdtemp(prefix="rv-tasks-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.loop = host_loop.reset()
        ix._load_fixture(scenes.clarisse_shot(self.root))
        self.env = self.home.environ
        self.addCleanup(lambda: tools.shared_client(host, self.env).close())

    def test_the_tool_logs_in_and_opens_a_one_time_link_that_serves_the_page(self):
        plugin_settings.save({"farm": "local", "frameDurationMs": 20}, self.env)
        opened = []
        self.loop.run(lambda: tools.tasks(host, self.env, open_url=lambda url: opened.append(url) or True))
        self.assertTrue(self.loop.pump_until(lambda: any("job monitor is open" in m for _, m in ix._STATE["log"])),
                        ix._STATE["log"])
        self.assertEqual(self.loop.violations, [])
        self.assertEqual(len(opened), 1)
        port = self.server.discovery["port"]
        self.assertTrue(opened[0].startswith("http://127.0.0.1:%d/monitor/open?code=" % port), opened[0])
        self.assertTrue(tools.shared_client(host, self.env).call("session/status")["loggedIn"])

        status, _, body = _get("http://127.0.0.1:%d/monitor/" % port)
        self.assertEqual(status, 401)
        self.assertNotIn("<script", body)
        status, headers, _ = _get(opened[0])
        self.assertEqual(status, 303)
        cookie = headers["Set-Cookie"].split(";")[0]
        self.assertTrue(cookie.startswith("rayvision_monitor="))
        status, _, page = _get("http://127.0.0.1:%d/monitor/" % port, cookie)
        self.assertEqual(status, 200)
        self.assertIn("monitor.js", page)
        self.assertEqual(_get(opened[0])[0], 401)  # the link works once

    def test_no_browser_says_where_the_link_is(self):
        plugin_settings.save({"farm": "local"}, self.env)
        self.loop.run(lambda: tools.tasks(host, self.env, open_url=lambda url: False))
        self.assertTrue(self.loop.pump_until(lambda: any("Open this link in a browser" in m for _, m in ix._STATE["log"])))


if __name__ == "__main__":
    unittest.main()
