# Rayvision shelf item / menu command: show where settings live (executed with ix in globals).
try:
    from rayvision_client import settings as s
    ix.log_info("rayvision: settings in %s: farm=%s" % (s.settings_path(), s.load()["farm"]))  # noqa: F821
except Exception as exc:  # never let an exception escape into Clarisse
    ix.log_error("rayvision: %s" % exc)  # noqa: F821
