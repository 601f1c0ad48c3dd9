"""The Python client's WebSocket + JSON-RPC transport against the real `ws` server (a fake sidecar)."""
import os
import threading
import unittest

import support
from rayvision_client.client import SidecarClient
from rayvision_client.discovery import read_discovery
from rayvision_client.jsonrpc import RpcConnection, RpcError
from rayvision_client.websocket import HandshakeError, WebSocket

FAKE = os.path.join(support.SERVERS, "fake-sidecar.mjs")


class TransportTest(unittest.TestCase):
    def setUp(self):
        self.home = support.TempHome()
        self.server = support.NodeProcess(FAKE, self.home)
        self.addCleanup(self.home.cleanup)
        self.addCleanup(self.server.stop)

    def client(self, **kwargs):
        client = SidecarClient(environ=self.home.environ, auto_start=False, check_methods=False, **kwargs)
        self.addCleanup(client.close)
        client.connect()
        return client

    def test_handshake_refused_without_token(self):
        found = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        with self.assertRaises(HandshakeError) as ctx:
            WebSocket.connect("127.0.0.1", found.port, "/", {"Authorization": "Bearer wrong"})
        self.assertEqual(ctx.exception.status, 401)

    def test_initialize_and_large_messages_both_ways(self):
        client = self.client()
        self.assertEqual(client.server_info["protocolVersion"], "1.0")
        big = "\u00e9x" * (3 * 1024 * 1024)  # ~9 MB of UTF-8, 64-bit length frames both ways
        self.assertEqual(client.call("test/echo", {"data": big})["data"], big)

    def test_client_sends_fragmented_frames(self):
        client = self.client(fragment_size=1000)
        data = "abc" * 5000
        self.assertEqual(client.call("test/echo", {"data": data})["data"], data)

    def test_server_fragmented_message_with_ping_between_fragments(self):
        client = self.client()
        result = client.call("test/fragmented", {"size": 200000, "chunk": 7000})
        self.assertEqual(len(result["data"]), 200000)

    def test_server_ping_gets_pong(self):
        client = self.client()
        self.assertEqual(client.call("test/ping", {"payload": "are-you-there"})["pong"], "are-you-there")

    def test_server_error_carries_codes(self):
        client = self.client()
        with self.assertRaises(RpcError) as ctx:
            client.call("job/subscribe", {"jobId": "nope"})
        self.assertEqual(ctx.exception.code, -32005)
        self.assertEqual(ctx.exception.sdk_code, "ERR_TEST")

    def test_server_close_fails_pending_and_reports_code(self):
        found = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        ws = WebSocket.connect("127.0.0.1", found.port, "/", {"Authorization": "Bearer %s" % found.token})
        closed = threading.Event()
        conn = RpcConnection(ws, on_close=lambda exc: closed.set())
        conn.start()
        conn.request("session/initialize", {"protocolVersion": "1.0", "client": {"name": "t"}})
        conn.request("test/close", {"code": 4001, "reason": "bye"})
        self.assertTrue(closed.wait(10))
        self.assertEqual(ws.close_code, 4001)
        self.assertEqual(ws.close_reason, "bye")
        self.assertTrue(conn.closed)

    def test_sidecar_restart_mid_job_keeps_following(self):
        client = self.client(reconnect_for=60.0)
        states = []
        client.on_state = states.append
        frames = []
        started = client.call("test/job", {"frames": 12, "intervalMs": 60})
        job = client.follow(started["jobId"], on_frame=frames.append)
        self.assertTrue(support.wait_until(lambda: len(frames) >= 3))
        first_pid = client.call("test/pid")["pid"]
        self.server.kill()
        self.server = support.NodeProcess(FAKE, self.home)
        self.addCleanup(self.server.stop)
        self.assertTrue(job.wait(60), "the job never ended after the restart")
        self.assertTrue(job.ok)
        self.assertNotEqual(client.call("test/pid")["pid"], first_pid)
        self.assertIn("reconnecting", states)
        self.assertIn("connected", states)
        delivered = sorted(set(f["frame"] for f in frames))
        self.assertEqual(delivered[-1], 12)


if __name__ == "__main__":
    unittest.main()
