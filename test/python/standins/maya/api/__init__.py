"""Stand-in for maya.api."""
