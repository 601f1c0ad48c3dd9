"""The shelf tools (Submit without Qt, Tasks, Settings) on the Clarisse stand-in, against the fake sidecar."""
import os
import shutil
import sys
import tempfile
import unittest

import support
import scenes

sys.path.insert(0, support.STANDINS)
import host_loop  # noqa: E402
import ix  # noqa: E402
from rayvision_client import qt_compat, settings as plugin_settings, tools  # noqa: E402
from rayvision_clarisse import host  # noqa: E402

FAKE = os.path.join(support.SERVERS, "fake-sidecar.mjs")


class ToolsTest(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.addCleanup(self.home.cleanup)
        self.server = support.NodeProcess(FAKE, self.home)
        self.addCleanup(self.server.stop)
        self.root = tempfile.mkdtemp(prefix="rv-tools-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.loop = host_loop.reset()
        ix._load_fixture(scenes.clarisse_shot(self.root))
        self.env = self.home.environ
        self.addCleanup(lambda: tools.shared_client(host, self.env).close())

    def test_settings_tool_saves_and_reports(self):
        saved = self.loop.run(lambda: tools.settings(host, self.env, farm="local", platform="6"))
        self.assertEqual((saved["farm"], saved["platform"]), ("local", "6"))
        self.assertEqual(plugin_settings.load(self.env)["platform"], "6")
        self.assertIn("Settings saved", ix._STATE["log"][-1][1])

    def test_settings_without_qt_says_where_the_file_is(self):
        self.assertIsNone(self.loop.run(lambda: tools.edit_settings(host, self.env)))
        self.assertIn(plugin_settings.settings_path(self.env), ix._STATE["log"][-1][1])

    def test_headless_submit_reports_through_the_host(self):
        self.assertFalse(qt_compat.available())  # Clarisse ships no Qt: the headless path runs
        plugin_settings.save({"farm": "local"}, self.env)
        submitter = self.loop.run(lambda: tools.submit(host, self.env))
        self.assertTrue(self.loop.pump_until(lambda: submitter.presenter.status in ("done", "failed")))
        self.loop.pump()
        self.assertEqual(submitter.presenter.status, "done", submitter.presenter.message)
        self.assertTrue(any("submitted" in message for _, message in ix._STATE["log"]))
        self.assertEqual(len(ix._STATE["created"]), 3)
        self.assertEqual(self.loop.violations, [])

    def test_tasks_tool_on_a_sidecar_without_the_monitor_lists_without_blocking(self):
        # The fake sidecar has no monitor/open (-32601), like a sidecar older than protocol 1.1.
        self.loop.run(lambda: tools.tasks(host, self.env, open_url=self.fail))
        self.assertTrue(self.loop.pump_until(lambda: any("1000" in m for _, m in ix._STATE["log"])))
        self.assertEqual(self.loop.violations, [])


if __name__ == "__main__":
    unittest.main()
