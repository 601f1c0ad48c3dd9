"""JSON-RPC 2.0 over one WebSocket: a reader thread, request/response matching, timeouts, notifications.

Requests block only the calling (worker) thread; results and notifications are handed to callbacks
from the reader thread, and the client above decides on which thread the host sees them.
"""
import itertools
import json
import threading

from .websocket import ConnectionClosed, WebSocketError


class RpcError(Exception):
    """The sidecar answered with a JSON-RPC error: `code` (JSON-RPC), `sdk_code` (e.g. ERR_SIGNATURE),
    `farm_code` (the farm's number) and `data` as sent."""

    def __init__(self, code, message, data=None):
        Exception.__init__(self, message)
        self.code = code
        self.data = data
        self.sdk_code = data.get("code") if isinstance(data, dict) else None
        self.farm_code = data.get("farmCode") if isinstance(data, dict) else None


class RpcTimeout(Exception):
    """No answer within the timeout; the request may still complete on the sidecar."""


class ConnectionLost(Exception):
    """The connection dropped before the answer came."""


class _Pending(object):
    __slots__ = ("event", "result", "error", "callback")

    def __init__(self, callback=None):
        self.event = threading.Event()
        self.result = None
        self.error = None
        self.callback = callback


class RpcConnection(object):
    """JSON-RPC peer over a connected `WebSocket`. Call `start()` once; `on_notification(method, params)`
    and `on_close(exc)` are called from the reader thread."""

    def __init__(self, ws, on_notification=None, on_close=None, fragment_size=0):
        self._ws = ws
        self._ids = itertools.count(1)
        self._pending = {}
        self._lock = threading.Lock()
        self._thread = None
        self._fragment_size = fragment_size
        self.on_notification = on_notification
        self.on_close = on_close
        self.closed = False

    def start(self):
        """Start the reader thread (a daemon: a host exiting must never wait for it)."""
        self._thread = threading.Thread(target=self._read_loop, name="rayvision-rpc-reader")
        self._thread.daemon = True
        self._thread.start()

    def request(self, method, params=None, timeout=30.0):
        """Send a request and block this (worker) thread until the answer; raises RpcError/RpcTimeout."""
        pending = self._send_request(method, params, None)
        if not pending.event.wait(timeout):
            self._forget(pending)
            raise RpcTimeout("%s: no answer from the sidecar within %ss" % (method, timeout))
        if pending.error is not None:
            raise pending.error
        return pending.result

    def request_async(self, method, params, callback):
        """Send a request; `callback(result, error)` runs on the reader thread when the answer comes."""
        self._send_request(method, params, callback)

    def notify(self, method, params=None):
        """Send a notification (no answer expected)."""
        self._send({"jsonrpc": "2.0", "method": method, "params": params if params is not None else {}})

    def close(self):
        """Close the socket; pending requests fail with ConnectionLost."""
        self._ws.close(1000, "client closing")
        self._fail_all(ConnectionLost("connection closed by the client"))

    # -- internals ------------------------------------------------------------------------------
    def _send_request(self, method, params, callback):
        if self.closed:
            raise ConnectionLost("not connected to the sidecar")
        msg_id = next(self._ids)
        pending = _Pending(callback)
        with self._lock:
            self._pending[msg_id] = pending
        message = {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params if params is not None else {}}
        try:
            self._send(message)
        except (ConnectionClosed, OSError):
            self._forget(pending)
            raise ConnectionLost("connection lost while sending %s" % method)
        return pending

    def _send(self, message):
        self._ws.send_text(json.dumps(message, separators=(",", ":")), self._fragment_size)

    def _forget(self, pending):
        with self._lock:
            for key, value in list(self._pending.items()):
                if value is pending:
                    del self._pending[key]

    def _read_loop(self):
        error = None
        try:
            while True:
                text = self._ws.recv_text()
                try:
                    message = json.loads(text)
                except ValueError:
                    continue  # a garbled message must not kill the connection
                for item in message if isinstance(message, list) else [message]:
                    if isinstance(item, dict):
                        self._dispatch(item)
        except (ConnectionClosed, WebSocketError, OSError) as exc:
            error = exc
        self._fail_all(ConnectionLost("connection to the sidecar lost: %s" % error))
        if self.on_close is not None:
            self.on_close(error)

    def _dispatch(self, message):
        if "method" in message:
            if "id" in message and message["id"] is not None:
                # The sidecar does not call clients today; answer so it never waits on us.
                self._send({"jsonrpc": "2.0", "id": message["id"],
                            "error": {"code": -32601, "message": "method not found: %s" % message["method"]}})
            elif self.on_notification is not None:
                self.on_notification(message["method"], message.get("params") or {})
            return
        with self._lock:
            pending = self._pending.pop(message.get("id"), None)
        if pending is None:
            return
        if "error" in message and message["error"] is not None:
            err = message["error"]
            pending.error = RpcError(err.get("code", -32603), err.get("message", "error"), err.get("data"))
        else:
            pending.result = message.get("result")
        pending.event.set()
        if pending.callback is not None:
            pending.callback(pending.result, pending.error)

    def _fail_all(self, exc):
        with self._lock:
            self.closed = True
            pendings = list(self._pending.values())
            self._pending.clear()
        for pending in pendings:
            pending.error = exc
            pending.event.set()
            if pending.callback is not None:
                pending.callback(None, exc)
