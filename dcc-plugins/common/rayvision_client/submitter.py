"""The Submit button's flow, the same for every host: walk on the main thread, then everything that
waits (starting or reaching the sidecar, login, upload, render, download) on a worker thread, and
every result back on the main thread through the host's `dispatch`.

`host` is a host adapter module (dcc-plugins/<host>/rayvision_<host>/host.py): HOST_NAME,
collect_facts(source), dispatch(fn), load_image(path, frame), select_node(node), message(text).
"""
import threading

from . import settings as plugin_settings
from .client import SidecarClient
from .dispatch import guarded
from .generated.methods import ERROR_CODES
from .presenter import SubmitPresenter

_CLIENTS = {}
ABORTED = ERROR_CODES["Aborted"]  # a cancelled job's code, from the generated protocol table


def shared_client(host, environ=None):
    """One sidecar connection per host session, reused by every tool."""
    key = (host.HOST_NAME, id(environ))
    client = _CLIENTS.get(key)
    if client is None:
        client = SidecarClient(dispatch=host.dispatch, host=host.HOST_NAME, can_load_frames=True, environ=environ)
        _CLIENTS[key] = client
    return client


class Submitter(object):
    """Drives one submit dialog. Main-thread methods: open, submit, cancel, select_problem."""

    def __init__(self, host, presenter=None, client=None, environ=None):
        self.host = host
        self.presenter = presenter or SubmitPresenter()
        self.client = client or shared_client(host, environ)
        self.environ = environ
        self.job = None
        self._worker = None
        self._user_cancelled = False

    def open(self):
        """Walk the scene (main thread: host calls only) and fill the dialog."""
        facts = self.host.collect_facts("host")
        values = plugin_settings.load(self.environ)
        unsaved = bool(getattr(self.host, "has_unsaved_changes", lambda: False)())
        self.presenter.load_facts(facts, {"platform": values.get("platform") or "2", "unsaved": unsaved})
        return facts

    def submit(self):
        """Validate, then hand the whole flow to a worker thread; returns the blocking errors, if any."""
        errors = self.presenter.validate()
        if errors:
            return errors
        values = plugin_settings.load(self.environ)
        params = self.presenter.submit_params(plugin_settings.download_path(values, self.environ))
        if plugin_settings.path_map(values):
            params["pathMap"] = plugin_settings.path_map(values)
        self.presenter.begin()
        self._user_cancelled = False
        self._worker = threading.Thread(target=self._run, args=(params, values), name="rayvision-submit")
        self._worker.daemon = True
        self._worker.start()
        return []

    def cancel(self):
        """Ask the sidecar to cancel the running job (from a worker thread)."""
        if self.job is not None and not self.job.done:
            self._user_cancelled = True
            self.client.call_async("job/cancel", {"jobId": self.job.job_id}, lambda result, error: None)

    def select_problem(self, index):
        """Select, in the host, the node a check problem names."""
        node = self.presenter.problem_node(index)
        return bool(node) and self.host.select_node(node)

    # -- worker thread ------------------------------------------------------------------------------
    def _run(self, params, values):
        try:
            self.client.connect()
            status = self.client.call("session/status")
            login = plugin_settings.login_params(values)
            if not status.get("loggedIn"):
                self.client.call("session/login", login)
            started = self.client.call("submit/scene", params)
        except Exception as exc:  # every failure reaches the user as a message on the main thread
            self._main(lambda: self.presenter.on_end(False, error={"message": str(exc)}))
            return
        # If the sidecar restarts mid-job, the frames' download resumes on the fresh one (same login, same folder).
        resume = {"login": login, "download": params.get("download") or {}} if params.get("download") else None
        self.job = self.client.follow(started["jobId"], on_progress=self.presenter.on_progress,
                                      on_frame=self._on_frame, on_end=self._on_end, resume=resume)

    def _main(self, fn):
        self.host.dispatch(guarded(fn))

    # -- main thread (through dispatch) ---------------------------------------------------------------
    def _on_frame(self, frame):
        self.presenter.on_frame(frame)
        self.host.load_image(frame["localPath"], frame.get("frame"))

    def _on_end(self, job):
        self.presenter.on_end(job.ok, job.result, job.error)
        if job.resumed_from and job.ok:
            self.presenter.message += " (the sidecar restarted; the download resumed)"
            self.presenter._refresh()
        cancelled_here = (job.error or {}).get("code") == ABORTED and self._user_cancelled
        if not job.ok and not cancelled_here:  # the user's own cancel is no error; a cancel from elsewhere is
            self.host.message(self.presenter.message, "error")
