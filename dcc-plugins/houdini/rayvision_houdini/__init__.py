"""Rayvision render-farm plugin for Houdini: shelf tools, the in-process scene walk, frame loading.

Only host.py imports `hou`; the rest is plain Python on top of the common client (rayvision_client).
"""
