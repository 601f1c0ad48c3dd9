"""Stand-in for maya.app.renderSetup."""
