"""The Submit button's flow, the same for every host: walk on the main thread, then everything that
waits (starting or reaching the sidecar, login, upload, render, download) on a worker thread, and
every result back on the main thread through the host's `dispatch`.

`host` is a host adapter module (dcc-plugins/<host>/rayvision_<host>/host.py): HOST_NAME,
collect_facts(source), dispatch(fn), load_image(path, frame), select_node(node), message(text), and
optionally has_unsaved_changes(), save_scene(), read_scene_setting(key), write_scene_setting(key, text).
"""
import threading

from . import scene_settings
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
        """Walk the scene (main thread: host calls only) and fill the dialog, with what the last
        submit kept in the scene."""
        facts = self.host.collect_facts("host")
        values = plugin_settings.load(self.environ)
        unsaved = bool(getattr(self.host, "has_unsaved_changes", lambda: False)())
        self.presenter.load_facts(facts, {"platform": values.get("platform") or "2", "unsaved": unsaved},
                                  kept=scene_settings.load(self.host))
        return facts

    def prepare(self, then=None):
        """Fetch the farm's menus (submit/options) and the assets to review (submit/assets) on a worker
        thread; each result reaches the presenter on the main thread. `then()` runs (main thread) after."""
        self.presenter.set(farm_state="loading")
        options_params = {"facts": self.presenter.render_facts(), "platform": str(self.presenter.platform)}
        values = plugin_settings.load(self.environ)

        def work():
            try:
                self._login(values)
                options = self.client.call("submit/options", options_params)
                self._main(lambda: self.presenter.load_options(options))
                assets = self._call_on_main_params("submit/assets", self.presenter.assets_params)
                self._main(lambda: (self.presenter.load_assets(assets), self.presenter.set(farm_state="ready")))
            except Exception as exc:  # the dialog still submits, with the scene's own values
                text = "Could not reach the farm's lists: %s" % exc
                self._main(lambda: self.presenter.set(farm_state="failed", message=text))
            if then is not None:
                self._main(then)
        worker = threading.Thread(target=work, name="rayvision-prepare")
        worker.daemon = True
        worker.start()
        return worker

    def refresh_assets(self):
        """List the assets again after the artist added or removed some (worker thread)."""
        params = self.presenter.assets_params()

        def work():
            try:
                assets = self.client.call("submit/assets", params)
                self._main(lambda: self.presenter.load_assets(assets))
            except Exception as exc:
                text = "Could not list the assets: %s" % exc
                self._main(lambda: self.presenter.set(message=text))
        worker = threading.Thread(target=work, name="rayvision-assets")
        worker.daemon = True
        worker.start()
        return worker

    def _call_on_main_params(self, method, params_fn):
        # The params depend on the menus just loaded on the main thread: build them there, call from here.
        box, ready = {}, threading.Event()

        def build():
            box["params"] = params_fn()
            ready.set()
        self._main(build)
        ready.wait()
        return self.client.call(method, box["params"])

    def _login(self, values):
        self.client.connect()
        if not self.client.call("session/status").get("loggedIn"):
            self.client.call("session/login", plugin_settings.login_params(values))

    def submit(self, save=True):
        """Validate, keep the choices in the scene, save it when it has unsaved changes (the dialog's
        "Save and submit"), then hand the whole flow to a worker thread; returns the blocking errors."""
        errors = self.presenter.validate()
        if errors:
            return errors
        scene_settings.store(self.host, self.presenter.kept_settings())
        if self.presenter.needs_save() == "unsaved":
            if not save:
                return ["The scene has unsaved changes: press Save and submit (the farm renders the file on disk)"]
            try:
                self.host.save_scene()
            except Exception as exc:  # a read-only file, a full disk: say so, submit nothing
                return ["Could not save the scene: %s" % exc]
            self.presenter.unsaved = False
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

    def continue_task(self):
        """After the scout frames: the farm renders the rest of the task (task/start, from a worker thread)."""
        if not self.presenter.can_continue():
            return False
        task_id = self.presenter.task_id

        def done(result, error):
            text = ("Could not continue task %s: %s" % (task_id, error)) if error else \
                "Task %s renders the rest after the scout frames" % task_id
            self._main(lambda: self.presenter.set(message=text))
        self.client.call_async("task/start", {"taskIds": [task_id]}, done)
        return True

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
