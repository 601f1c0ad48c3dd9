"""The files each host loads (shelf, package, module, startup script) are well formed and call
functions that exist."""
import ast
import json
import os
import re
import unittest
import xml.dom.minidom

import support
from rayvision_client import settings_dialog

PLUGINS = support.PLUGINS


def tool_functions(host):
    with open(os.path.join(PLUGINS, host, "rayvision_%s" % host, "tools.py")) as handle:
        tree = ast.parse(handle.read())
    names = set(n.name for n in tree.body if isinstance(n, ast.FunctionDef))
    # Entry points may also be bound at module level (`submit = _BOUND.submit`).
    names.update(t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name))
    return names


def called_tools(code):
    return set(re.findall(r"tools\.(\w+)\(", code))


class HostFilesTest(unittest.TestCase):
    def test_houdini_shelf(self):
        doc = xml.dom.minidom.parse(os.path.join(PLUGINS, "houdini", "toolbar", "rayvision.shelf"))
        tools = dict((t.getAttribute("name"), t) for t in doc.getElementsByTagName("tool"))
        self.assertEqual(sorted(tools), ["rayvision_settings", "rayvision_submit", "rayvision_tasks"])
        members = [m.getAttribute("name") for m in doc.getElementsByTagName("memberTool")]
        self.assertEqual(sorted(members), sorted(tools))
        for name, tool in tools.items():
            code = tool.getElementsByTagName("script")[0].firstChild.data
            ast.parse(code)
            self.assertTrue(called_tools(code) and called_tools(code) <= tool_functions("houdini"), name)

    def test_houdini_package_template(self):
        with open(os.path.join(PLUGINS, "houdini", "package", "rayvision.json")) as handle:
            package = json.load(handle)
        self.assertIn("__PLUGIN_ROOT__", package["env"][0]["RAYVISION_PLUGIN_ROOT"])
        self.assertEqual(package["hpath"], "$RAYVISION_PLUGIN_ROOT/houdini")

    def test_maya_module_and_shelf(self):
        with open(os.path.join(PLUGINS, "maya", "rayvision.mod")) as handle:
            lines = handle.read().rstrip("\n").split("\n")
        self.assertTrue(lines[0].startswith("+ rayvision "))
        self.assertNotIn("", lines)  # a blank line ends a module entry
        self.assertTrue(any(line.startswith("MAYA_SHELF_PATH+:=shelves") for line in lines))
        with open(os.path.join(PLUGINS, "maya", "shelves", "shelf_Rayvision.mel")) as handle:
            mel = handle.read()
        self.assertIn("global proc shelf_Rayvision", mel)
        commands = re.findall(r'-command "([^"]*)"', mel)
        self.assertEqual(len(commands), 3)
        for command in commands:
            code = command.replace("\\n", "\n")
            ast.parse(code)
            self.assertTrue(called_tools(code) <= tool_functions("maya"))

    def test_clarisse_startup_and_shelf_scripts(self):
        for path in [os.path.join(PLUGINS, "clarisse", "startup", "rayvision_startup.py")] + [
                os.path.join(PLUGINS, "clarisse", "shelf", n) for n in ("submit.py", "tasks.py", "settings.py")]:
            with open(path) as handle:
                code = handle.read()
            names = set(n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name))
            self.assertNotIn("__file__", names)  # Clarisse runs these without __file__
            self.assertTrue(called_tools(code) <= tool_functions("clarisse"), path)


class ClarisseStartupTest(unittest.TestCase):
    """Run the startup script the way Clarisse does: exec'd with `ix` in its globals, no __file__."""

    def test_startup_adds_the_menu_and_a_command_runs(self):
        import sys
        sys.path.insert(0, support.STANDINS)
        import host_loop
        import ix
        host_loop.reset()
        ix._load_fixture({})
        previous = os.environ.get("RAYVISION_PLUGIN_ROOT")
        os.environ["RAYVISION_PLUGIN_ROOT"] = PLUGINS
        self.addCleanup(lambda: os.environ.pop("RAYVISION_PLUGIN_ROOT") if previous is None
                        else os.environ.__setitem__("RAYVISION_PLUGIN_ROOT", previous))
        with open(os.path.join(PLUGINS, "clarisse", "startup", "rayvision_startup.py")) as handle:
            exec(compile(handle.read(), "<startup>", "exec"), {"ix": ix})
        menu = ix._STATE["menu"]
        self.assertEqual(sorted(menu), ["Rayvision>Settings", "Rayvision>Submit", "Rayvision>Tasks"])
        exec(compile(menu["Rayvision>Settings"], "<menu>", "exec"), {"ix": ix})
        self.assertIn("plugin_settings.json", ix._STATE["log"][-1][1])


class SettingsFormTest(unittest.TestCase):
    def test_validate(self):
        current = {"farm": "remote", "accessId": "id", "accessKey": "secret", "platform": "2"}
        merged, errors = settings_dialog.validate({"accessKey": "", "platform": " 6 "}, current)
        self.assertEqual((merged["accessKey"], merged["platform"], errors), ("secret", "6", []))
        _, errors = settings_dialog.validate({"farm": "cloud"}, current)
        self.assertEqual(errors, ["Farm must be 'remote' or 'local'"])
        _, errors = settings_dialog.validate({"accessId": ""}, current)
        self.assertIn("access id", errors[0])
        self.assertEqual(settings_dialog.validate({"farm": "local", "accessId": ""}, current)[1], [])


if __name__ == "__main__":
    unittest.main()
