"""The frame-spec grammar of the dialog, the same as protocol/src/frame-spec.ts (the sidecar checks it
again): items separated by commas, each N, A-B, A-BxS (step S) or the farm's A-B[S], e.g.
"1-100x2, 120, 200-210". Negative frames are allowed."""
import re

MAX_FRAMES = 100000
_ITEM = re.compile(r"^(-?\d+)(?:\s*-\s*(-?\d+)(?:\s*(?:[xX:]\s*(\d+)|\[\s*(\d+)\s*\]))?)?$")


def parse(text):
    """[(start, end, step)] of a spec; raises ValueError saying what is wrong (without the field name)."""
    parts = [p.strip() for p in str(text if text is not None else "").split(",")]
    if all(p == "" for p in parts):
        raise ValueError("is empty: give frames like 1-100x2, 120, 200-210")
    items, count = [], 0
    for part in parts:
        if part == "":
            raise ValueError("has an empty item between commas")
        match = _ITEM.match(part)
        if not match:
            raise ValueError('has "%s", which is not a frame, a range A-B or a stepped range A-BxS' % part)
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) is not None else start
        step_text = match.group(3) or match.group(4)
        step = int(step_text) if step_text is not None else 1
        if end < start:
            raise ValueError('has "%s": the range ends before it starts' % part)
        if step < 1:
            raise ValueError('has "%s": the step must be 1 or more' % part)
        count += (end - start) // step + 1
        if count > MAX_FRAMES:
            raise ValueError("names more than %d frames" % MAX_FRAMES)
        items.append((start, end, step))
    return items


def problem(text):
    """The error text of a bad spec, or None."""
    try:
        parse(text)
        return None
    except ValueError as exc:
        return str(exc)


def expand(text):
    """The frames a spec names, sorted, each once."""
    frames = set()
    for start, end, step in parse(text):
        frames.update(range(start, end + 1, step))
    return sorted(frames)


def from_range(rng):
    """A SceneFacts FrameRange {start, end, step} as a spec ("1-10", "1-10x2", "5")."""
    start, end = int(rng["start"]), int(rng["end"])
    step = int(rng.get("step", 1) or 1)
    if start == end:
        return str(start)
    return "%d-%d" % (start, end) + ("x%d" % step if step != 1 else "")
