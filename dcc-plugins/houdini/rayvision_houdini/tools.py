"""Shelf entry points for Houdini: Submit, Tasks, Settings (the logic is common; this binds the host)."""
from rayvision_client import tools as _tools
from rayvision_houdini import host

_BOUND = _tools.ShelfTools(host)
submit = _BOUND.submit
tasks = _BOUND.tasks
edit_settings = _BOUND.edit_settings
settings = _BOUND.settings
