"""Stand-in for Maya's `maya` package (host-apis.md §2, §5): cmds, mel, utils, OpenMaya, OpenMayaUI,
app.renderSetup. Scene state lives in maya._scene and is loaded from a fixture dict."""
