"""Stand-in for `maya.utils`: executeDeferred queues for the main thread; in batch mode it never runs
the callable (host-apis.md §2.9), so plugin code must not depend on it there."""
import threading

import host_loop
from maya import _scene


def executeDeferred(fn, *args, **kwargs):
    if _scene.STATE["batch"]:
        return None
    host_loop.LOOP.post(lambda: fn(*args, **kwargs))
    return None


def executeInMainThreadWithResult(fn, *args, **kwargs):
    if _scene.STATE["batch"]:
        raise RuntimeError("executeInMainThreadWithResult is not available in batch mode")
    if threading.get_ident() == host_loop.LOOP.thread_id:
        return fn(*args, **kwargs)
    return host_loop.LOOP.post_and_wait(lambda: fn(*args, **kwargs))
