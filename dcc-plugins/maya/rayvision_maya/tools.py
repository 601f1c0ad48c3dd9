"""Shelf entry points for Maya: Submit, Tasks, Settings (the logic is common; this binds the host)."""
from rayvision_client import tools as _tools
from rayvision_maya import host


def submit():
    """Analyse the open scene and open the submit dialog."""
    return _tools.submit(host)


def tasks():
    """List the account's newest tasks."""
    return _tools.tasks(host)


def edit_settings():
    """Open the settings form (or say where the settings file is)."""
    return _tools.edit_settings(host)


def settings(**values):
    """Save plugin settings (farm, domain, platform, accessId, accessKey, downloadPath)."""
    return _tools.settings(host, **values)
