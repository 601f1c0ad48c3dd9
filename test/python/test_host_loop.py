"""The main-thread recorder catches what the e2e tests forbid (so an empty list means something)."""
import os
import socket
import sys
import threading
import time
import unittest

import support

sys.path.insert(0, support.STANDINS)
import host_loop  # noqa: E402
from rayvision_client.client import SidecarClient  # noqa: E402


class MainLoopRecorderTest(unittest.TestCase):
    def setUp(self):
        self.loop = host_loop.reset()

    def test_sleep_socket_and_wait_are_recorded(self):
        self.loop.run(lambda: time.sleep(0.001))
        self.loop.run(lambda: threading.Event().wait(0.001))
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        self.addCleanup(server.close)
        self.loop.run(lambda: socket.create_connection(server.getsockname()).close())
        joined = " ".join(self.loop.violations)
        self.assertIn("sleep", joined)
        self.assertIn("threading.wait", joined)
        self.assertIn("connect", joined)

    def test_a_sidecar_call_on_the_main_thread_is_recorded(self):
        home = support.TempHome()
        self.addCleanup(home.cleanup)
        client = SidecarClient(environ=home.environ, auto_start=False)
        with self.assertRaises(Exception):
            self.loop.run(lambda: client.call("session/status"))
        self.assertIn("rayvision_client.client.call", self.loop.violations)

    def test_starting_a_worker_and_posting_back_is_allowed(self):
        done = []
        self.loop.run(lambda: threading.Thread(target=lambda: self.loop.post(lambda: done.append(1))).start())
        self.assertTrue(self.loop.pump_until(lambda: done))
        self.assertEqual(self.loop.violations, [])


if __name__ == "__main__":
    unittest.main()
