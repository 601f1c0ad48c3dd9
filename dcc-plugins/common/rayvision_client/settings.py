"""Plugin settings (the shelf's Settings tool): `<sdk home>/plugin_settings.json`, mode 0600.

Holds which farm to use and its credentials; the access key is written only to this file (never to a
log or message) and handed to the sidecar once per session with `session/login`.
"""
import json
import os

from .discovery import ensure_private_dir, sdk_home

DEFAULTS = {
    "farm": "remote",          # "remote" (Renderbus / Fox) or "local" (the sidecar's local farm)
    "domain": "task.renderbus.com",
    "platform": "2",
    "accessId": "",
    "accessKey": "",
    "downloadPath": "",        # default: <sdk home>/downloads
    "frameDurationMs": None,   # local farm only
    # saved folder -> folder on this machine, applied before the fallbacks ({"D:/projects": "/mnt/projects"})
    "pathMap": {},
}


def settings_path(environ=None):
    return os.path.join(sdk_home(environ), "plugin_settings.json")


def load(environ=None):
    """Settings with defaults filled in; a broken file counts as absent."""
    data = dict(DEFAULTS)
    try:
        with open(settings_path(environ)) as handle:
            stored = json.load(handle)
        if isinstance(stored, dict):
            data.update(dict((k, v) for k, v in stored.items() if k in DEFAULTS))
    except (OSError, IOError, ValueError):
        pass
    return data


def save(values, environ=None):
    """Write the settings (owner read/write only)."""
    path = settings_path(environ)
    folder = os.path.dirname(path)
    ensure_private_dir(folder)
    data = dict(DEFAULTS)
    data.update(dict((k, v) for k, v in values.items() if k in DEFAULTS))
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=1)
    os.replace(path + ".tmp", path)
    return data


def login_params(values):
    """`session/login` params from settings (only the keys that are set)."""
    if values.get("farm") == "local":
        params = {"farm": "local"}
        if values.get("frameDurationMs") is not None:
            params["frameDurationMs"] = int(values["frameDurationMs"])
        return params
    params = {"farm": "remote"}
    for key in ("domain", "platform", "accessId", "accessKey"):
        if values.get(key):
            params[key] = values[key]
    return params


def path_map(values):
    """The user's path map for analysis params, or None when empty or not a mapping/rule list."""
    value = values.get("pathMap")
    return value if isinstance(value, (dict, list)) and value else None


def download_path(values, environ=None):
    return values.get("downloadPath") or os.path.join(sdk_home(environ), "downloads")
