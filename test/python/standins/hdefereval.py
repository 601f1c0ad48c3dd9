"""Stand-in for Houdini's `hdefereval`: importable only in a graphical session (host-apis.md §1.6)."""
import threading

import hou
import host_loop

if not hou.isUIAvailable():
    raise ImportError("hdefereval is only available in a graphical Houdini session")


def executeDeferred(fn, *args, **kwargs):
    """Run `fn` on the main thread at the next idle."""
    host_loop.LOOP.post(lambda: fn(*args, **kwargs))


def executeDeferredAfterWaiting(fn, num_waits, *args, **kwargs):
    host_loop.LOOP.post(lambda: fn(*args, **kwargs))


def executeInMainThreadWithResult(fn, *args, **kwargs):
    """Block the calling worker thread until the main thread ran `fn`; deadlocks on the main thread."""
    if threading.get_ident() == host_loop.LOOP.thread_id:
        raise RuntimeError("executeInMainThreadWithResult called from the main thread would deadlock")
    return host_loop.LOOP.post_and_wait(lambda: fn(*args, **kwargs))


execute_deferred = executeDeferred
execute_in_main_thread_with_result = executeInMainThreadWithResult
