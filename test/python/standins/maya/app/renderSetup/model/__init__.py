"""Stand-in for maya.app.renderSetup.model."""
