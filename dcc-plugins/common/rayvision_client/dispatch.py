"""Main-thread delivery: how results reach the host's UI thread.

Host APIs (hou, maya.cmds, ix) are main-thread only. The client calls `dispatch(fn)` for every callback
it hands to plugin code; each host.py supplies a dispatcher built on its deferral hook (hdefereval,
maya.utils.executeDeferred, ix.application.add_to_event_loop_single). Without a host, `call_now` runs
the callable on the calling thread (command-line tools, tests of the transport).
"""
import sys
import traceback


def call_now(fn):
    """Dispatcher for code that has no main thread to return to."""
    fn()


def guarded(fn, log=None):
    """Wrap `fn` so an exception is printed instead of escaping into the host's event loop
    (an exception escaping a Clarisse callback crashes Clarisse; in Houdini/Maya it spams the console)."""
    def run():
        try:
            fn()
        except Exception:  # the host loop must survive plugin bugs
            (log or sys.stderr.write)(traceback.format_exc())
    return run
