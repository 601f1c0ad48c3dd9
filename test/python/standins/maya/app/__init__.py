"""Stand-in for maya.app."""
