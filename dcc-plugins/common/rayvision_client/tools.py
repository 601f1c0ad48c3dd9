"""The shelf tools every host offers — Submit, Tasks, Settings — written once on top of a host adapter.

With Qt the Submit tool opens the dialog; without Qt (Clarisse, or a host built without PySide) it
submits with the scene's own settings and reports through host.message. The Tasks tool opens the
job monitor page in the browser; Settings writes plugin_settings.json.
"""
import threading
import webbrowser

from . import qt_compat
from . import settings as plugin_settings
from .dispatch import guarded
from .generated.methods import ERROR_CODES
from .jsonrpc import RpcError
from .submitter import Submitter, shared_client

_OPEN = []  # keep dialogs and submitters alive while they run (Qt and threads hold no reference)


class _MessageView(object):
    """Headless view: reports the end of the job through the host."""

    def __init__(self, host):
        self.host = host
        self._last = None

    def refresh(self, presenter):
        if presenter.status in ("done", "failed") and presenter.status != self._last:
            self._last = presenter.status
            self.host.message(presenter.message, "error" if presenter.status == "failed" else "message")


def submit(host, environ=None):
    """The Submit tool: analyse the open scene in-process, then the dialog (or a headless submit)."""
    submitter = Submitter(host, environ=environ)
    _OPEN.append(submitter)
    submitter.open()
    if qt_compat.available() and getattr(host, "main_window", None) is not None:
        from . import submit_dialog
        dialog = submit_dialog.build(submitter, host.main_window())
        dialog.show()
        _OPEN.append(dialog)
        submitter.prepare()  # the farm's menus and the asset list arrive while the dialog is open
        return submitter
    submitter.presenter.view = _MessageView(host)

    def go():
        errors = submitter.submit()
        if errors:
            host.message("\n".join(errors), "error")
    # Headless: the menus' preselections (a GPU machine, the closest plugin version) apply first.
    submitter.prepare(then=go)
    return submitter


def tasks(host, environ=None, on_result=None, open_url=None):
    """The Tasks tool: open the job monitor (the sidecar's web page) in the default browser.

    Logs the sidecar in with the plugin settings first when nobody has, asks for a one-time link
    (monitor/open) and hands it to the browser; all of it on a worker thread, the outcome on the main
    thread. A sidecar without the monitor gets the old text list of the newest tasks instead.
    `open_url(url)` replaces the browser (tests); `on_result(result, error)` replaces the message.
    """
    client = shared_client(host, environ)
    opener = open_url or webbrowser.open

    def work():
        try:
            client.connect()
            status = client.call("session/status")
            if not status.get("loggedIn"):
                values = plugin_settings.load(environ)
                if values.get("farm") == "local" or values.get("accessId"):
                    client.call("session/login", plugin_settings.login_params(values))
            link = client.call("monitor/open", {})
        except RpcError as exc:
            if exc.code == ERROR_CODES["MethodNotFound"]:  # an older sidecar: the text list
                client.call_async("task/list", {"pageNum": 1, "pageSize": 20}, _show_list)
                return
            host.dispatch(guarded(lambda: _done(None, exc)))
            return
        except Exception as exc:  # every failure reaches the user as a message on the main thread
            host.dispatch(guarded(lambda: _done(None, exc)))
            return
        opened = bool(opener(link["url"]))
        host.dispatch(guarded(lambda: _done(dict(link, opened=opened), None)))

    def _done(result, error):
        if on_result is not None:
            on_result(result, error)
        elif error is not None:
            host.message("Could not open the job monitor: %s" % error, "error")
        elif result["opened"]:
            host.message("The job monitor is open in your browser.")
        else:
            host.message("Open this link in a browser (it works once): %s" % result["url"])

    def _show_list(result, error):
        if on_result is not None:
            on_result(result, error)
            return
        if error is not None:
            host.message("Could not list tasks: %s" % error, "error")
            return
        items = (result or {}).get("items", []) if isinstance(result, dict) else []
        lines = ["%s  %s  %s" % (t.get("id"), t.get("taskStatusText", t.get("taskStatus")), t.get("sceneName", ""))
                 for t in items[:20]]
        host.message("\n".join(lines) or "No tasks yet")

    worker = threading.Thread(target=work, name="rayvision-tasks")
    worker.daemon = True
    worker.start()
    return worker


def edit_settings(host, environ=None):
    """The Settings shelf tool: the Qt form, or (without Qt) where the settings file is."""
    if qt_compat.available():
        from . import settings_dialog
        parent = host.main_window() if getattr(host, "main_window", None) is not None else None
        dialog = settings_dialog.build(host, environ, parent)
        _OPEN.append(dialog)
        dialog.show()
        return dialog
    host.message("Edit %s (farm, domain, platform, accessId, accessKey, downloadPath), or call "
                 "tools.settings(farm=..., accessId=..., accessKey=...)" % plugin_settings.settings_path(environ))
    return None


def settings(host, environ=None, **values):
    """The Settings tool: save the given values (farm, domain, platform, accessId, accessKey, downloadPath)."""
    current = plugin_settings.load(environ)
    current.update(values)
    saved = plugin_settings.save(current, environ)
    host.message("Settings saved (%s farm)" % saved["farm"])
    return saved


class ShelfTools(object):
    """The shelf's entry points bound to one host adapter: each host's tools.py is one line of it."""

    def __init__(self, host):
        self.host = host

    def submit(self):
        """Analyse the open scene and open the submit dialog."""
        return submit(self.host)

    def tasks(self):
        """Open the job monitor in the browser."""
        return tasks(self.host)

    def edit_settings(self):
        """Open the settings form (or say where the settings file is)."""
        return edit_settings(self.host)

    def settings(self, **values):
        """Save plugin settings (farm, domain, platform, accessId, accessKey, downloadPath)."""
        return settings(self.host, **values)
