# Rayvision startup script for Clarisse (CLARISSE_STARTUP_SCRIPT, set by `rayvision install-plugins`).
# Clarisse executes it with `ix` in globals and without __file__: paths come from RAYVISION_PLUGIN_ROOT.
import os
import sys

_root = os.environ.get("RAYVISION_PLUGIN_ROOT", "")
for _path in (os.path.join(_root, "clarisse"), os.path.join(_root, "common")):
    if _root and _path not in sys.path:
        sys.path.insert(0, _path)

try:
    _shelf = os.path.join(_root, "clarisse", "shelf")
    _app = ix.application  # noqa: F821 (ix is in the startup script's globals)
    for _title, _script in (("Submit", "submit.py"), ("Tasks", "tasks.py"), ("Settings", "settings.py")):
        with open(os.path.join(_shelf, _script)) as _handle:
            _code = _handle.read()
        _app.get_main_menu().add_command_as_script("ScriptingPython", "Rayvision>%s" % _title, _code)
        try:  # a shelf item too, when this build has the runtime shelf API
            _app.get_shelf().add_item(0, "Rayvision", _title, "Rayvision %s" % _title, os.path.join(_shelf, _script), "")
        except Exception:
            pass
except Exception as _exc:  # an exception escaping a startup script must not stop Clarisse
    ix.log_warning("rayvision: menu not installed: %s" % _exc)  # noqa: F821
