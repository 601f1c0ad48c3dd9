"""rayvision_client: the one Python client of the rayvision sidecar (stdlib only, Python 3.7+).

It finds the sidecar through `<sdk home>/sidecar.json`, starts the bundled one when none runs, and
speaks JSON-RPC 2.0 over its own RFC 6455 WebSocket client. Nothing here knows about a DCC: each
host passes a `dispatch(fn)` that runs callbacks on its main thread (see dispatch.py).
"""
from .client import SidecarClient, SidecarUnavailable
from .discovery import Discovery, discovery_path, read_discovery, sdk_home
from .jobs import JobHandle
from .jsonrpc import ConnectionLost, RpcError, RpcTimeout
from .launcher import (SidecarNotFound, SidecarStartFailed, find_bundle, find_node, find_release_executable,
                       sidecar_command, start_sidecar)

__all__ = [
    "SidecarClient", "SidecarUnavailable", "Discovery", "discovery_path", "read_discovery", "sdk_home",
    "JobHandle", "ConnectionLost", "RpcError", "RpcTimeout", "SidecarNotFound", "SidecarStartFailed",
    "find_bundle", "find_node", "find_release_executable", "sidecar_command", "start_sidecar",
]
__version__ = "0.1.0"
