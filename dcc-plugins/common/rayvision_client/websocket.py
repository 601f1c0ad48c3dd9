"""A small WebSocket client written to RFC 6455 (stdlib only, Python 3.7+).

Why our own: hosts embed Python without pip, and the sidecar speaks JSON-RPC over ws://127.0.0.1.
Covers what the sidecar needs: the opening handshake with the Sec-WebSocket-Accept check, masked
client frames, fragmented messages, ping/pong and the closing handshake. No extensions, no TLS.
"""
import base64
import hashlib
import os
import socket
import struct
import threading

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONT = 0x0
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_CLOSE = 0x8
OP_PING = 0x9
OP_PONG = 0xA

MAX_HEADER_BYTES = 65536


class WebSocketError(Exception):
    """The peer broke the protocol or the handshake failed."""


class HandshakeError(WebSocketError):
    """The server refused the upgrade; `status` is its HTTP status (0 when unreadable)."""

    def __init__(self, message, status=0):
        WebSocketError.__init__(self, message)
        self.status = status


class ConnectionClosed(WebSocketError):
    """The connection is closed; `code` and `reason` come from the close frame when there was one."""

    def __init__(self, code=1006, reason=""):
        WebSocketError.__init__(self, "connection closed (%s%s)" % (code, ": " + reason if reason else ""))
        self.code = code
        self.reason = reason


def accept_key(key):
    """Sec-WebSocket-Accept value the server must answer for our Sec-WebSocket-Key (RFC 6455 §4.2.2)."""
    digest = hashlib.sha1((key + GUID).encode("ascii")).digest()
    return base64.b64encode(digest).decode("ascii")


def mask_payload(mask, data):
    """XOR `data` with the 4-byte `mask`; done on big integers so several MB stay fast in pure Python."""
    if not data:
        return b""
    n = len(data)
    repeated = (mask * (n // 4 + 1))[:n]
    value = int.from_bytes(data, "big") ^ int.from_bytes(repeated, "big")
    return value.to_bytes(n, "big")


def encode_frame(opcode, payload, fin=True, mask=None):
    """Build one client frame: always masked, as RFC 6455 §5.3 requires of clients."""
    if mask is None:
        mask = os.urandom(4)
    head = bytearray()
    head.append((0x80 if fin else 0) | opcode)
    n = len(payload)
    if n < 126:
        head.append(0x80 | n)
    elif n < 65536:
        head.append(0x80 | 126)
        head += struct.pack("!H", n)
    else:
        head.append(0x80 | 127)
        head += struct.pack("!Q", n)
    return bytes(head) + mask + mask_payload(mask, payload)


class WebSocket(object):
    """One client connection. `recv_message()` belongs to one reader thread; `send_*` may come from any."""

    def __init__(self, sock, leftover=b""):
        self._sock = sock
        self._buf = bytearray(leftover)
        self._send_lock = threading.Lock()
        self.closed = False
        self.close_code = None
        self.close_reason = ""
        self.on_pong = None

    # -- opening --------------------------------------------------------------------------------
    @classmethod
    def connect(cls, host, port, path="/", headers=None, timeout=10.0):
        """Open a TCP connection and perform the opening handshake; raises HandshakeError on refusal."""
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            key = base64.b64encode(os.urandom(16)).decode("ascii")
            lines = [
                "GET %s HTTP/1.1" % path,
                "Host: %s:%d" % (host, port),
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Key: %s" % key,
                "Sec-WebSocket-Version: 13",
            ]
            for name, value in (headers or {}).items():
                lines.append("%s: %s" % (name, value))
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            head, leftover = _read_http_head(sock)
            _check_handshake(head, key)
            sock.settimeout(None)
            return cls(sock, leftover)
        except Exception:
            sock.close()
            raise

    # -- sending --------------------------------------------------------------------------------
    def send_text(self, text, fragment_size=0):
        """Send a text message, split into continuation frames when `fragment_size` > 0."""
        self._send_message(OP_TEXT, text.encode("utf-8"), fragment_size)

    def send_binary(self, data, fragment_size=0):
        """Send a binary message."""
        self._send_message(OP_BINARY, bytes(data), fragment_size)

    def ping(self, payload=b""):
        """Send a ping; the pong arrives through `on_pong`."""
        self._send_frame(OP_PING, payload)

    def close(self, code=1000, reason=""):
        """Start (or answer) the closing handshake, then shut the socket."""
        if not self.closed:
            try:
                self._send_frame(OP_CLOSE, struct.pack("!H", code) + reason.encode("utf-8")[:120])
            except (OSError, WebSocketError):
                pass
        self._shutdown(code, reason)

    def _send_message(self, opcode, payload, fragment_size):
        if fragment_size <= 0 or len(payload) <= fragment_size:
            self._send_frame(opcode, payload)
            return
        with self._send_lock:  # the fragments of one message must not interleave with another's
            chunks = [payload[i:i + fragment_size] for i in range(0, len(payload), fragment_size)]
            for index, chunk in enumerate(chunks):
                op = opcode if index == 0 else OP_CONT
                self._write(encode_frame(op, chunk, fin=index == len(chunks) - 1))

    def _send_frame(self, opcode, payload):
        with self._send_lock:
            self._write(encode_frame(opcode, payload))

    def _write(self, data):
        if self.closed:
            raise ConnectionClosed(self.close_code or 1006, self.close_reason)
        try:
            self._sock.sendall(data)
        except OSError:
            self._shutdown(1006, "send failed")
            raise ConnectionClosed(1006, "send failed")

    # -- receiving ------------------------------------------------------------------------------
    def recv_message(self):
        """Return the next whole data message as (opcode, bytes); answers pings and closes itself."""
        opcode = None
        parts = []
        while True:
            fin, op, payload = self._read_frame()
            if op >= 0x8:
                self._handle_control(op, payload)
                continue
            if op == OP_CONT:
                if opcode is None:
                    raise self._fail(1002, "continuation frame without a first frame")
            else:
                if opcode is not None:
                    raise self._fail(1002, "new message inside a fragmented one")
                opcode = op
            parts.append(payload)
            if fin:
                return opcode, b"".join(parts)

    def recv_text(self):
        """Return the next message decoded as UTF-8 text."""
        opcode, data = self.recv_message()
        if opcode == OP_TEXT:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                raise self._fail(1007, "invalid UTF-8 in a text message")
        return data.decode("utf-8", "replace")

    def _handle_control(self, op, payload):
        if op == OP_PING:
            try:
                self._send_frame(OP_PONG, payload)
            except ConnectionClosed:
                pass
        elif op == OP_PONG:
            if self.on_pong is not None:
                self.on_pong(payload)
        elif op == OP_CLOSE:
            code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
            reason = payload[2:].decode("utf-8", "replace")
            self.close(1000 if code == 1005 else code, "")
            self.close_code, self.close_reason = code, reason
            raise ConnectionClosed(code, reason)
        else:
            raise self._fail(1002, "unknown control opcode %d" % op)

    def _read_frame(self):
        b0, b1 = self._read_exact(2)
        fin = bool(b0 & 0x80)
        if b0 & 0x70:
            raise self._fail(1002, "reserved bits set without an extension")
        op = b0 & 0x0F
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", self._read_exact(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", self._read_exact(8))[0]
        if op >= 0x8 and (n > 125 or not fin):
            raise self._fail(1002, "bad control frame")
        mask = self._read_exact(4) if b1 & 0x80 else None
        payload = self._read_exact(n)
        if mask is not None:  # servers must not mask, but unmasking costs nothing
            payload = mask_payload(mask, payload)
        return fin, op, payload

    def _read_exact(self, n):
        while len(self._buf) < n:
            try:
                chunk = self._sock.recv(max(65536, n - len(self._buf)))
            except OSError:
                chunk = b""
            if not chunk:
                self._shutdown(1006, "connection lost")
                raise ConnectionClosed(self.close_code or 1006, self.close_reason or "connection lost")
            self._buf += chunk
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def _fail(self, code, reason):
        self.close(code, reason)
        return WebSocketError(reason)

    def _shutdown(self, code, reason):
        if self.closed:
            return
        self.closed = True
        if self.close_code is None:
            self.close_code, self.close_reason = code, reason
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()


def _read_http_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise HandshakeError("the server closed the connection during the handshake")
        data += chunk
        if len(data) > MAX_HEADER_BYTES:
            raise HandshakeError("handshake response too large")
    head, _, leftover = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), leftover


def _check_handshake(head, key):
    lines = head.split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if status != 101:
        raise HandshakeError("the server refused the WebSocket upgrade: %s" % lines[0], status)
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    if fields.get("upgrade", "").lower() != "websocket":
        raise HandshakeError("the server's reply lacks 'Upgrade: websocket'", status)
    if "upgrade" not in fields.get("connection", "").lower():
        raise HandshakeError("the server's reply lacks 'Connection: Upgrade'", status)
    if fields.get("sec-websocket-accept") != accept_key(key):
        raise HandshakeError("Sec-WebSocket-Accept does not match our key: not a WebSocket server", status)
