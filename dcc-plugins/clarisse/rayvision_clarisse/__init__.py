"""Rayvision render-farm plugin for Clarisse: startup script, shelf item, the in-process scene walk.

Only host.py imports `ix`; the rest is plain Python on top of the common client (rayvision_client).
"""
