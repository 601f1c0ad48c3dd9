"""The stand-in hosts' main thread: a queue of deferred callables pumped by the test, and a recorder
of what runs on it.

Real hosts run deferred callables (hdefereval, maya.utils.executeDeferred, add_to_event_loop_single)
on their UI thread at idle. The stand-ins post them here; the test's thread plays the UI thread and
calls `pump`. While a callable runs, a profiler records every forbidden call made on that thread:
socket and select I/O, sleeping, blocking waits, and any entry into the client's transport or
launcher. `violations` lists them; e2e tests assert it stays empty.
"""
import collections
import socket
import sys
import threading
import time

FORBIDDEN_MODULES = ("rayvision_client.websocket", "rayvision_client.jsonrpc", "rayvision_client.launcher")
FORBIDDEN_METHODS = {
    ("rayvision_client.client", "call"), ("rayvision_client.client", "connect"),
    ("rayvision_client.client", "_connect_once"), ("rayvision_client.jobs", "wait"),
    ("threading", "wait"), ("queue", "get"), ("subprocess", "communicate"), ("subprocess", "wait"),
}
FORBIDDEN_C = ("sleep", "select", "poll", "recv", "recv_into", "send", "sendall", "connect", "accept",
               "create_connection", "getaddrinfo")


class MainLoop(object):
    def __init__(self):
        self._queue = collections.deque()
        self._lock = threading.Lock()
        self.thread_id = threading.get_ident()
        self.violations = []
        self.ran = 0
        self.enabled = True  # False = batch mode: deferred callables are dropped, as Maya does

    def post(self, fn):
        """Queue `fn` for the main thread (any thread may call this)."""
        if not self.enabled:
            return
        with self._lock:
            self._queue.append(fn)

    def post_and_wait(self, fn):
        """Queue `fn` for the main thread and block the calling worker until it ran; returns its result."""
        done = threading.Event()
        box = {}

        def run():
            box["result"] = fn()
            done.set()
        self.post(run)
        done.wait()
        return box.get("result")

    def run(self, fn):
        """Run `fn` now as a main-thread action (a button press), recording forbidden calls."""
        if threading.get_ident() != self.thread_id:
            raise AssertionError("MainLoop.run called off the main thread")
        previous = sys.getprofile()
        sys.setprofile(self._profile)
        try:
            return fn()
        finally:
            sys.setprofile(previous)
            self.ran += 1

    def pump(self):
        """Run every queued callable; returns how many ran."""
        count = 0
        while True:
            with self._lock:
                if not self._queue:
                    return count
                fn = self._queue.popleft()
            self.run(fn)
            count += 1

    def pump_until(self, predicate, timeout=120.0):
        """Pump (sleeping between rounds, outside any callable) until `predicate()` or the timeout."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.pump()
            if predicate():
                return True
            time.sleep(0.01)
        self.pump()
        return bool(predicate())

    def _profile(self, frame, event, arg):
        if event == "c_call":
            name = getattr(arg, "__name__", "")
            owner = getattr(arg, "__self__", None)
            if name in FORBIDDEN_C and (isinstance(owner, socket.socket) or _module_of(arg) in
                                        ("time", "select", "_socket", "socket")):
                self.violations.append("%s.%s" % (_module_of(arg) or type(owner).__name__, name))
        elif event == "call":
            module = frame.f_globals.get("__name__", "")
            name = frame.f_code.co_name
            if module in FORBIDDEN_MODULES:
                self.violations.append("%s.%s" % (module, name))
            elif (module, name) in FORBIDDEN_METHODS and not _thread_start(frame):
                self.violations.append("%s.%s" % (module, name))


def _module_of(fn):
    module = getattr(fn, "__module__", None)
    if module:
        return module
    owner = getattr(fn, "__self__", None)
    return getattr(owner, "__name__", None) if owner is not None and isinstance(owner, type(sys)) else None


def _thread_start(frame):
    # Thread.start() waits for the new thread to come up: starting a worker is what we want.
    back = frame.f_back
    for _ in range(4):
        if back is None:
            return False
        if back.f_code.co_name == "start" and back.f_globals.get("__name__") == "threading":
            return True
        back = back.f_back
    return False


LOOP = MainLoop()


def reset():
    """A fresh main loop bound to the calling thread (each test starts clean)."""
    global LOOP
    LOOP.__init__()
    return LOOP
