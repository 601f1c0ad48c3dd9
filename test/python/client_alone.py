"""Drives the plugins' common client with no host at all (a pipeline script's view), against the real
sidecar bundle. Run by test_client_alone.py in a fresh interpreter whose sys.path holds only
dcc-plugins/common, so no host module can sneak in. Prints one JSON line with what it saw."""
import json
import os
import shutil
import sys
import tempfile
import threading


def main(common, scene, out_dir):
    sys.path.insert(0, common)
    from rayvision_client.client import SidecarClient
    from rayvision_client.discovery import discovery_path, pid_alive, read_discovery

    seen = {"progress": [], "frames": [], "notifications": []}
    lock = threading.Lock()
    client = SidecarClient(auto_start=True)  # no host, no dispatch: callbacks run on the reader thread
    info = client.connect()
    found = read_discovery(discovery_path())
    home = os.path.dirname(discovery_path())
    seen["modes"] = dict((name, oct(os.stat(os.path.join(home, name)).st_mode & 0o777))
                         for name in (".", "sidecar.json", "sidecar.log"))
    seen["discovery"] = {"pid": found.pid, "alive": pid_alive(found.pid), "port": found.port}
    seen["initialize"] = {"protocolVersion": info["protocolVersion"], "methods": len(info["capabilities"]["methods"])}
    doc = client.call("rpc.discover")
    seen["discover"] = {"openrpc": doc.get("openrpc"), "methods": sorted(m["name"] for m in doc["methods"])}
    seen["status_before"] = client.call("session/status")
    client.call("session/login", {"farm": "local", "frameDurationMs": 20})
    seen["status_after"] = client.call("session/status")
    client.on("job/progress", lambda params: seen["notifications"].append("job/progress"))
    work = tempfile.mkdtemp(prefix="rv-alone-")
    try:
        cg_file = os.path.join(work, os.path.basename(scene))
        shutil.copyfile(scene, cg_file)
        started = client.call("submit/scene", {"scenePath": cg_file, "mode": "static", "softwareVersion": "2018",
                                               "download": {"localPath": out_dir, "sleepTime": 0.2}})

        def on_progress(progress):
            with lock:
                seen["progress"].append({k: progress.get(k) for k in ("kind", "stage")})

        def on_frame(frame):
            with lock:
                seen["frames"].append(frame)

        handle = client.follow(started["jobId"], on_progress=on_progress, on_frame=on_frame)
        finished = handle.wait(240)
        seen["end"] = {"finished": bool(finished), "ok": handle.ok, "result": handle.result, "error": handle.error}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    client.call("session/shutdown")
    client.close()
    print("RESULT " + json.dumps(seen))


if __name__ == "__main__":
    main(*sys.argv[1:4])
