"""The plugin layout rules as tests: Python 3.7 syntax everywhere, stdlib-only common code, host
modules imported only by host.py, no transport code in the host folders."""
import ast
import os
import sys
import tokenize
import unittest

import support

HOST_MODULES = {"hou", "hdefereval", "maya", "pymel", "ix", "toolutils", "stateutils", "mtoa"}
TRANSPORT = {"socket", "ssl", "http", "urllib", "websocket", "select", "selectors", "asyncio"}
CLIENT_TRANSPORT = {"rayvision_client.websocket", "rayvision_client.jsonrpc", "rayvision_client.launcher",
                    "rayvision_client.discovery"}
QT = {"PySide6", "PySide2", "shiboken6", "shiboken2"}


def python_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def imports(tree):
    """(top-level module, full dotted name) of every import; relative imports are skipped."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.module
            for alias in node.names:
                yield node.module.split(".")[0], "%s.%s" % (node.module, alias.name)


def code_without_strings(path):
    """The source with comments and string literals (docstrings) removed: only code is checked."""
    with open(path, "rb") as handle:
        tokens = tokenize.tokenize(handle.readline)
        return " ".join(t.string for t in tokens if t.type not in (tokenize.COMMENT, tokenize.STRING))


def parse(path):
    with open(path, "rb") as handle:
        return ast.parse(handle.read(), path, feature_version=(3, 7))


class LayoutTest(unittest.TestCase):
    def test_every_plugin_file_parses_as_python_3_7(self):
        files = list(python_files(support.PLUGINS))
        self.assertGreater(len(files), 20)
        for path in files:
            with self.subTest(path=os.path.relpath(path, support.REPO)):
                parse(path)

    def test_common_imports_only_the_standard_library(self):
        stdlib = set(getattr(sys, "stdlib_module_names", ()))
        if not stdlib:
            self.skipTest("sys.stdlib_module_names needs Python 3.10+")
        common = os.path.join(support.COMMON, "rayvision_client")
        for path in python_files(common):
            name = os.path.basename(path)
            for top, full in imports(parse(path)):
                allowed = stdlib | {"rayvision_client"} | (QT if name in ("qt_compat.py", "submit_dialog.py") else set())
                with self.subTest(path=name, module=full):
                    self.assertIn(top, allowed)
                    self.assertNotIn(top, HOST_MODULES)

    def test_host_modules_only_in_host_py(self):
        for host in ("houdini", "maya", "clarisse"):
            for path in python_files(os.path.join(support.PLUGINS, host)):
                found = set(top for top, _ in imports(parse(path))) & HOST_MODULES
                with self.subTest(path=os.path.relpath(path, support.PLUGINS)):
                    if os.path.basename(path) == "host.py":
                        self.assertTrue(found, "host.py should import its host module")
                    else:
                        self.assertEqual(found, set())

    def test_no_transport_in_host_folders(self):
        for host in ("houdini", "maya", "clarisse"):
            for path in python_files(os.path.join(support.PLUGINS, host)):
                names = list(imports(parse(path)))
                with self.subTest(path=os.path.relpath(path, support.PLUGINS)):
                    self.assertEqual(set(top for top, _ in names) & TRANSPORT, set())
                    self.assertEqual(set(full for _, full in names) & CLIENT_TRANSPORT, set())

    def test_no_host_names_in_common_code(self):
        common = os.path.join(support.COMMON, "rayvision_client")
        for path in python_files(common):
            if os.sep + "generated" + os.sep in path:
                continue
            text = code_without_strings(path)
            for word in ("import hou", "maya.cmds", "import ix", "hdefereval", "executeDeferred"):
                with self.subTest(path=os.path.basename(path), word=word):
                    self.assertNotIn(word, text)


if __name__ == "__main__":
    unittest.main()
