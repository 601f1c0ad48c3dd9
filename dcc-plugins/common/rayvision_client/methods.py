"""The method table generated from protocol/ (generated/methods.py, written by `npm run gen`).

The client checks names against it so a typo fails here, in the plugin, with the list of real names,
instead of as a -32601 from the sidecar. When the generated table is absent (a source checkout before
`npm run gen`) every name is allowed.
"""
try:
    from .generated import methods as _generated
except ImportError:  # generated file not written yet
    _generated = None


def table():
    """The generated METHODS mapping, or {} when it is not there."""
    return dict(getattr(_generated, "METHODS", None) or {})


def check(method):
    """Raise ValueError when `method` is not in a non-empty generated table."""
    known = table()
    if known and method not in known:
        raise ValueError("unknown sidecar method %r; known: %s" % (method, ", ".join(sorted(known))))
