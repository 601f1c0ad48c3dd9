"""The Python client's WebSocket + JSON-RPC transport against the real `ws` server (a fake sidecar)."""
import os
import threading
import unittest

import support
from rayvision_client.client import SidecarClient
from rayvision_client.discovery import read_discovery
from rayvision_client.jsonrpc import RpcConnection, RpcError, RpcTimeout
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

    def test_client_ping_gets_pong(self):
        found = read_discovery(os.path.join(self.home.path, "sidecar.json"))
        ws = WebSocket.connect("127.0.0.1", found.port, "/", {"Authorization": "Bearer %s" % found.token})
        self.addCleanup(ws.close)
        pongs = []
        ws.on_pong = pongs.append
        conn = RpcConnection(ws)
        conn.start()
        ws.ping(b"keepalive")
        conn.request("session/initialize", {"protocolVersion": "1.0", "client": {"name": "t"}})  # a round trip
        self.assertTrue(support.wait_until(lambda: pongs))
        self.assertEqual(pongs, [b"keepalive"])

    def test_request_timeout(self):
        client = self.client()
        with self.assertRaises(RpcTimeout):
            client.call("test/never", {}, timeout=0.2)
        self.assertEqual(client.call("test/echo", {"data": "still fine"})["data"], "still fine")

    def test_concurrent_requests_get_their_own_answers(self):
        client = self.client()
        results = {}

        def worker(i):
            # Later requests answer first: matching is by id, not by order.
            results[i] = client.call("test/slowEcho", {"data": "n%d" % i, "delayMs": (20 - i) * 5})["data"]
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(results, dict((i, "n%d" % i) for i in range(20)))

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
