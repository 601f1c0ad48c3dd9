"""SidecarClient: find or start the sidecar, connect, call methods, follow jobs across reconnects.

Every blocking call (connect, request, start) belongs on a worker thread; callbacks handed to the
plugin go through `dispatch(fn)` so they run on the host's main thread.
"""
import threading
import time

from . import methods as method_table
from .discovery import discovery_path, pid_alive, read_discovery
from .dispatch import call_now, guarded
from .jobs import JobHandle
from .jsonrpc import ConnectionLost, RpcConnection, RpcError
from .launcher import start_sidecar
from .websocket import WebSocket, WebSocketError

PROTOCOL_VERSION = "1.0"
CLIENT_VERSION = "0.1.0"


class SidecarUnavailable(Exception):
    """No sidecar could be reached or started; the message says why and what to do."""


def _refusal(found, exc):
    """What to tell the user when session/initialize is refused: its real cause, by the error code."""
    codes = method_table.error_codes()
    version = found.version or "?"
    if exc.code == codes.get("IncompatibleProtocol", -32003):
        return ("the sidecar (version %s) refused this plugin: %s. Update the plugins or the sidecar so their "
                "protocol majors match." % (version, exc))
    names = dict((v, k) for k, v in codes.items())
    issues = exc.data.get("issues") if isinstance(exc.data, dict) else None
    detail = "; ".join("%s: %s" % (i.get("path") or "params", i.get("message"))
                       for i in issues or [] if isinstance(i, dict))
    return ("the sidecar (version %s) refused session/initialize with %s: %s%s. This is a bug in the client's "
            "handshake, not a version mismatch; report it with this message."
            % (version, names.get(exc.code, exc.code), exc, " (%s)" % detail if detail else ""))


class SidecarClient(object):
    """One connection to the user's sidecar, reconnecting on its own when the sidecar restarts."""

    def __init__(self, dispatch=None, host=None, can_load_frames=False, environ=None, auto_start=True,
                 request_timeout=60.0, connect_timeout=10.0, reconnect_for=60.0, fragment_size=0,
                 check_methods=True):
        self._dispatch = dispatch or call_now
        self._environ = environ
        self._auto_start = auto_start
        self._request_timeout = request_timeout
        self._connect_timeout = connect_timeout
        self._reconnect_for = reconnect_for
        self._fragment_size = fragment_size
        self._check_methods = check_methods
        self._host = host
        self._can_load_frames = can_load_frames
        self._conn = None
        self._discovery = None
        self._lock = threading.RLock()       # connection state (held while connecting)
        self._jobs_lock = threading.Lock()   # followed jobs and early notifications (never held long)
        self._connected = threading.Event()
        self._closing = False
        self._jobs = {}
        self._listeners = {}
        self._early = {}
        self._reconnecting = False
        self._settled = threading.Event()
        self.server_info = None
        self.on_state = None  # on_state("connected" | "reconnecting" | "lost"), on the main thread

    # -- connection -----------------------------------------------------------------------------
    def connect(self):
        """Connect (starting the sidecar if none answers) and run session/initialize. Worker thread only."""
        with self._lock:
            if self._conn is not None and not self._conn.closed:
                return self.server_info
            self._closing = False
            self._connect_once(allow_start=self._auto_start)
            return self.server_info

    def close(self):
        """Disconnect for good; followed jobs keep running in the sidecar."""
        with self._lock:
            self._closing = True
            conn, self._conn = self._conn, None
        self._connected.clear()
        if conn is not None:
            conn.close()

    @property
    def connected(self):
        return self._connected.is_set()

    def _connect_once(self, allow_start):
        found = read_discovery(self._discovery_file())
        conn = None
        if found is not None and pid_alive(found.pid):
            conn = self._try_open(found)
        if conn is None:
            if not allow_start:
                raise SidecarUnavailable("no sidecar is running (no live %s)" % self._discovery_file())
            found = start_sidecar(self._environ, previous=found)
            conn = self._try_open(found)
            if conn is None:
                raise SidecarUnavailable("the sidecar started (pid %d) but refused the connection" % found.pid)
        self._conn, self._discovery = conn, found
        self._connected.set()

    def _discovery_file(self):
        return discovery_path(self._environ)

    def _try_open(self, found):
        try:
            ws = WebSocket.connect("127.0.0.1", found.port, "/", {"Authorization": "Bearer %s" % found.token},
                                   timeout=self._connect_timeout)
        except (OSError, WebSocketError):
            return None
        conn = RpcConnection(ws, self._on_notification, None, self._fragment_size)
        conn.start()
        try:
            self.server_info = conn.request("session/initialize", {
                "protocolVersion": PROTOCOL_VERSION,
                "client": method_table.client_info("rayvision-python", CLIENT_VERSION, self._host),
                "capabilities": {"loadFrames": bool(self._can_load_frames)},
            }, timeout=self._request_timeout)
        except RpcError as exc:  # it answered, and said no: starting another won't help
            conn.close()
            raise SidecarUnavailable(_refusal(found, exc))
        except Exception:
            conn.close()
            return None
        conn.on_close = lambda exc, c=conn: self._on_close(c)
        if conn.closed:  # dropped between initialize and hooking on_close
            return None
        return conn

    def _on_close(self, conn):
        with self._lock:
            if conn is not self._conn or self._closing:
                return
            self._conn = None
        self._connected.clear()
        self._settled.clear()
        self._reconnecting = True
        self._emit_state("reconnecting")
        worker = threading.Thread(target=self._reconnect_loop, name="rayvision-reconnect")
        worker.daemon = True
        worker.start()

    def _reconnect_loop(self):
        try:
            self._reconnect_until_deadline()
        finally:
            self._reconnecting = False
            self._settled.set()

    def _reconnect_until_deadline(self):
        deadline = time.time() + self._reconnect_for
        delay = 0.05
        while not self._closing and time.time() < deadline:
            try:
                with self._lock:
                    if self._closing:
                        return
                    # Start a new sidecar only once the old one is gone (it may just be restarting).
                    old = self._discovery
                    may_start = self._auto_start and (old is None or not pid_alive(old.pid))
                    self._connect_once(allow_start=may_start)
                self._emit_state("connected")
                self._resubscribe()
                return
            except Exception:
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        self._emit_state("lost")
        for job in list(self._jobs.values()):
            self._finish_job(job, {"jobId": job.job_id, "ok": False,
                                   "error": {"message": "lost the connection to the sidecar"}})

    def _resubscribe(self):
        for job in list(self._jobs.values()):
            try:
                # The sidecar replays the latest progress and, for an ended job, its job/end.
                self._conn.request("job/subscribe", {"jobId": job.job_id}, self._request_timeout)
            except Exception as exc:  # the sidecar no longer knows the job (it restarted without it)
                if job.task_id is not None and job.resume is not None:
                    try:
                        self._resume_download(job)
                        continue
                    except Exception as resume_exc:
                        exc = "%s; resuming the download of task %s failed: %s" % (exc, job.task_id, resume_exc)
                error = {"message": "The sidecar restarted and lost job %s (jobs live in its memory): %s. The task may "
                                    "still render on the farm: see Tasks, and download its frames from there."
                                    % (job.job_id, exc)}
                if getattr(exc, "code", None) is not None:
                    error["code"] = exc.code
                self._finish_job(job, {"jobId": job.job_id, "ok": False, "error": error})

    def _resume_download(self, job):
        """The fresh sidecar lost `job`, but the farm task is known: log in again (the new sidecar is not
        logged in) and follow an auto download of that task into the same folder, through the same handle.
        Files already on disk are not fetched again (the download journal in that folder)."""
        conn = self._conn
        login = job.resume.get("login")
        if login is not None:
            status = conn.request("session/status", {}, self._request_timeout)
            if not status.get("loggedIn"):
                conn.request("session/login", login, self._request_timeout)
        download = dict(job.resume.get("download") or {})
        params = {"mode": "auto", "taskIds": [job.task_id]}
        if download.get("localPath"):
            params["localPath"] = download["localPath"]
        params["sleepTime"] = download.get("sleepTime") or 5
        started = conn.request("download/start", params, self._request_timeout)
        old_id, new_id = job.job_id, started["jobId"]
        with self._jobs_lock:
            self._jobs.pop(old_id, None)
            job.resumed_from.append(old_id)
            job.job_id = new_id
            self._jobs[new_id] = job
            early = self._early.pop(new_id, [])
        note = {"kind": "report", "stage": "download", "taskId": job.task_id,
                "message": "The sidecar restarted; the download of task %s resumed (job %s, was %s)"
                           % (job.task_id, new_id, old_id)}
        job.handle("job/progress", {"jobId": new_id, "progress": note}, self._dispatch)
        job.replay_early(early, self._deliver)

    def _emit_state(self, state):
        callback = self.on_state
        if callback is not None:
            self._dispatch(guarded(lambda: callback(state)))

    # -- requests -------------------------------------------------------------------------------
    def call(self, method, params=None, timeout=None):
        """Call a sidecar method and return its result; waits for a reconnect in progress. Worker thread only."""
        if self._check_methods:
            method_table.check(method)
        if self._reconnecting:
            self._settled.wait(self._reconnect_for + self._connect_timeout)
        elif self._conn is None or self._conn.closed:
            self.connect()
        conn = self._conn
        if conn is None:
            raise ConnectionLost("not connected to the sidecar")
        return conn.request(method, params or {}, timeout or self._request_timeout)

    def call_async(self, method, params, on_result):
        """Call from any thread without blocking it: `on_result(result, error)` runs on the main thread."""
        if self._check_methods:
            method_table.check(method)

        def work():
            try:
                result, error = self.call(method, params), None
            except Exception as exc:
                result, error = None, exc
            self._dispatch(guarded(lambda: on_result(result, error)))
        worker = threading.Thread(target=work, name="rayvision-call")
        worker.daemon = True
        worker.start()

    # -- notifications and jobs -------------------------------------------------------------------
    def on(self, method, callback):
        """Deliver every notification `method` to `callback(params)` on the main thread."""
        self._listeners.setdefault(method, []).append(callback)

    def follow(self, job_id, on_progress=None, on_frame=None, on_end=None, resume=None):
        """Route this job's notifications to the callbacks (main thread); survives reconnects.
        `resume` ({"login": session/login params, "download": {"localPath", "sleepTime"}}): when a restarted
        sidecar has lost the job and its farm task is known, the frames' download resumes there."""
        job = JobHandle(job_id, on_progress, on_frame, on_end, resume)
        with self._jobs_lock:  # atomically with _on_notification: no notification falls between the two
            self._jobs[job_id] = job
            early = self._early.pop(job_id, [])
        job.replay_early(early, self._deliver)
        return job

    def _on_notification(self, method, params):
        for callback in self._listeners.get(method, []):
            self._dispatch(guarded(lambda cb=callback: cb(params)))
        job_id = params.get("jobId") if isinstance(params, dict) else None
        if job_id is None:
            return
        with self._jobs_lock:
            job = self._jobs.get(job_id)
            if job is None:
                # Notifications can beat the `{jobId}` answer: keep them (bounded) until follow().
                kept = self._early.setdefault(job_id, [])
                if len(kept) < 10000:
                    kept.append((method, params))
                return
        self._deliver(job, method, params)

    def _deliver(self, job, method, params):
        if method == "job/end":
            self._finish_job(job, params)
        else:
            job.handle(method, params, self._dispatch)

    def _finish_job(self, job, params):
        with self._jobs_lock:
            self._jobs.pop(job.job_id, None)
        job.handle("job/end", params, self._dispatch)
