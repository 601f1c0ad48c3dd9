"""The last submit's choices, kept with the scene so the next submit starts from them: the host
adapter stores one text value (Houdini: user data on the root node; Maya: a fileInfo entry; Clarisse:
a side file next to the project) and this module turns it into a dict and back."""
import codecs
import json

KEY = "rayvision_submit"
VERSION = 1


def encode(values):
    """The text the host stores: compact JSON with a version."""
    return json.dumps(dict(values, version=VERSION), sort_keys=True, separators=(",", ":"))


def decode(text):
    """The stored dict, or {} for nothing / something unreadable (a scene without settings gets defaults)."""
    if not text:
        return {}
    for candidate in (text, _unescape(text)):
        try:
            data = json.loads(candidate)
        except (TypeError, ValueError):
            continue
        if isinstance(data, dict) and data.get("version") == VERSION:
            data.pop("version", None)
            return data
    return {}


def _unescape(text):
    # Maya's fileInfo hands back stored quotes and backslashes escaped.
    try:
        return codecs.decode(str(text), "unicode_escape")
    except (UnicodeDecodeError, ValueError):
        return text


def load(host):
    """The settings stored in the open scene, through host.read_scene_setting (absent = {})."""
    reader = getattr(host, "read_scene_setting", None)
    return decode(reader(KEY)) if reader is not None else {}


def store(host, values):
    """Keep `values` in the open scene; True when the host could store them."""
    writer = getattr(host, "write_scene_setting", None)
    if writer is None:
        return False
    writer(KEY, encode(values))
    return True
