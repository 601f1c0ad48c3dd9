"""JobHandle: what a plugin holds while the sidecar runs long work (`{jobId}` then notifications)."""
import threading

from .dispatch import guarded


class JobHandle(object):
    """Routes job/progress, download/frame and job/end of one job to callbacks on the main thread.
    `wait(timeout)` is for worker threads and tests; `done`, `ok`, `result`, `error` after the end."""

    def __init__(self, job_id, on_progress=None, on_frame=None, on_end=None, resume=None):
        self.job_id = job_id
        # The farm task, once a notification names it (download/frame, or progress carrying taskId).
        self.task_id = None
        # How to pick the job up again on a fresh sidecar: {"login": params, "download": {"localPath", ...}}.
        self.resume = resume
        # Job ids this handle followed before a sidecar restart (the newest last).
        self.resumed_from = []
        self.on_progress = on_progress
        self.on_frame = on_frame
        self.on_end = on_end
        self.done = False
        self.ok = None
        self.result = None
        self.error = None
        self.frames = []
        self.last_progress = None
        self._delivered = set()
        self._event = threading.Event()

    def handle(self, method, params, dispatch):
        """Apply one notification; the user callback runs through `dispatch`."""
        if self.done:
            return
        if method == "job/progress":
            self.last_progress = params.get("progress")
            if isinstance(self.last_progress, dict) and self.last_progress.get("taskId") is not None:
                self.task_id = self.last_progress["taskId"]
            if self.on_progress is not None:
                dispatch(guarded(lambda: self.on_progress(params.get("progress") or {})))
        elif method == "download/frame":
            if params.get("taskId") is not None:
                self.task_id = params["taskId"]
            key = params.get("localPath")
            if key in self._delivered:  # a resumed download never hands the host the same file twice
                return
            self._delivered.add(key)
            self.frames.append(params)
            if self.on_frame is not None:
                dispatch(guarded(lambda: self.on_frame(params)))
        elif method == "job/end":
            self.done = True
            self.ok = bool(params.get("ok"))
            self.result = params.get("result")
            if self.resumed_from and isinstance(self.result, dict) and "taskId" not in self.result:
                self.result = dict(self.result, taskId=self.task_id)  # download/start's result names no task
            self.error = params.get("error")
            self._event.set()
            if self.on_end is not None:
                dispatch(guarded(lambda: self.on_end(self)))

    def replay_early(self, early, deliver):
        """Apply notifications that arrived before the plugin started following the job."""
        for method, params in early:
            deliver(self, method, params)

    def wait(self, timeout=None):
        """Block a worker thread until the job ends; returns True when it did."""
        return self._event.wait(timeout)
