"""The "assets to review" list of the submit dialog, from `submit/assets`: upload.json's entries (with
size and whether the record DB says the farm has them) grouped for reading — a frame sequence or a UDIM
set is one row — plus the references the analysis left out (missing, or needing the DCC)."""
import os
import re

from . import facts as F

_NUMBER = re.compile(r"(\d+)(?=\D*$)")  # the last digit run of a file name


def _group_key(local):
    folder, name = os.path.split(local.replace("\\", "/"))
    match = _NUMBER.search(name)
    if not match:
        return local, None
    digits = match.group(1)
    return folder + "/" + name[:match.start()] + "#" * len(digits) + name[match.end():], int(digits)


def _kind(local, count, numbers):
    kind = F.kind_of(local)
    if count > 1:
        if all(1001 <= n <= 1999 for n in numbers):
            return "UDIM set"
        return "sequence"
    return {"scene_reference": "reference", "hda": "HDA", "other": "file"}.get(kind, kind)


def rows(entries, unresolved=()):
    """Rows {label, kind, files:[local], size, status} for the view; every entry in exactly one row."""
    groups, order = {}, []
    for entry in entries:
        key, number = _group_key(entry["local"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((entry, number))
    out = []
    for key in order:
        members = groups[key]
        if len(members) == 1:
            entry = members[0][0]
            out.append({"label": entry["local"], "kind": _kind(entry["local"], 1, []), "files": [entry["local"]],
                        "size": entry.get("size", 0), "status": _status(entry["status"])})
            continue
        numbers = [n for _, n in members]
        statuses = set(_status(e["status"]) for e, _ in members)
        out.append({"label": "%s (%d files)" % (key, len(members)), "kind": _kind(key, len(members), numbers),
                    "files": [e["local"] for e, _ in members], "size": sum(e.get("size", 0) for e, _ in members),
                    "status": statuses.pop() if len(statuses) == 1 else "partly on the farm"})
    for item in unresolved:
        out.append({"label": item["path"], "kind": "reference", "files": [], "size": 0,
                    "status": "needs the DCC" if item["status"] == "needs-dcc" else "missing"})
    return out


def _status(status):
    return {"upload": "present", "on-farm": "on the farm", "missing": "missing"}.get(status, status)


def human_size(size):
    size = float(size or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return ("%d %s" if unit == "B" else "%.1f %s") % (size, unit)
        size /= 1024.0
    return "%.1f TB" % size
