"""Rayvision render-farm plugin for Maya: shelf, the in-process scene walk, loading frames back.

Only host.py imports `maya`; the rest is plain Python on top of the common client (rayvision_client).
"""
