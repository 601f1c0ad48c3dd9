"""PySide6 / PySide2 shim: Houdini 21 and Maya 2025+ ship PySide6, older hosts PySide2, Clarisse none.

`load()` returns (QtCore, QtWidgets) or (None, None) when the host has no Qt binding.
"""


def load():
    """Import QtCore and QtWidgets from whichever binding the host ships."""
    try:
        from PySide6 import QtCore, QtWidgets
        return QtCore, QtWidgets
    except ImportError:
        pass
    try:
        from PySide2 import QtCore, QtWidgets
        return QtCore, QtWidgets
    except ImportError:
        return None, None


def available():
    return load()[0] is not None
