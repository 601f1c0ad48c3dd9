# Rayvision shelf item / menu command: settings (executed by Clarisse with ix in globals).
try:
    from rayvision_clarisse import tools
    tools.edit_settings()
except Exception as exc:  # never let an exception escape into Clarisse
    ix.log_error("rayvision: %s" % exc)  # noqa: F821
