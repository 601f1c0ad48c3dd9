"""JobHandle: what a plugin holds while the sidecar runs long work (`{jobId}` then notifications)."""
import threading

from .dispatch import guarded


class JobHandle(object):
    """Routes job/progress, download/frame and job/end of one job to callbacks on the main thread.
    `wait(timeout)` is for worker threads and tests; `done`, `ok`, `result`, `error` after the end."""

    def __init__(self, job_id, on_progress=None, on_frame=None, on_end=None):
        self.job_id = job_id
        self.on_progress = on_progress
        self.on_frame = on_frame
        self.on_end = on_end
        self.done = False
        self.ok = None
        self.result = None
        self.error = None
        self.frames = []
        self.last_progress = None
        self._event = threading.Event()

    def handle(self, method, params, dispatch):
        """Apply one notification; the user callback runs through `dispatch`."""
        if self.done:
            return
        if method == "job/progress":
            self.last_progress = params.get("progress")
            if self.on_progress is not None:
                dispatch(guarded(lambda: self.on_progress(params.get("progress") or {})))
        elif method == "download/frame":
            self.frames.append(params)
            if self.on_frame is not None:
                dispatch(guarded(lambda: self.on_frame(params)))
        elif method == "job/end":
            self.done = True
            self.ok = bool(params.get("ok"))
            self.result = params.get("result")
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
