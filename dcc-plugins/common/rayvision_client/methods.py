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


def incomplete_read_tips():
    """Tip codes saying a scene was read incompletely (generated INCOMPLETE_READ_TIPS), or []."""
    return list(getattr(_generated, "INCOMPLETE_READ_TIPS", None) or [])


def error_codes():
    """The generated ERROR_CODES mapping (name -> number), or {} when it is not there."""
    return dict(getattr(_generated, "ERROR_CODES", None) or {})


def client_info(name, version, host=None):
    """session/initialize's `client` object by the protocol's rule (generated CLIENT_INFO): a field
    that is not nullable is left out when None; a host outside the protocol's names is a ValueError
    here, in the client, instead of a refusal from the sidecar."""
    fields = dict(getattr(_generated, "CLIENT_INFO", None) or {})
    info = {"name": name, "version": version, "host": host}
    for key in list(info):
        rule = fields.get(key) or {}
        value = info[key]
        if value is None:
            if not rule.get("nullable"):
                del info[key]
            continue
        allowed = rule.get("values")
        if allowed and value not in allowed:
            raise ValueError("host %r is not one the protocol knows (%s); pass one of them or None for a client "
                             "without a host" % (value, ", ".join(allowed)))
    return info
