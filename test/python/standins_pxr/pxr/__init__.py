"""Stand-in for USD's Python package (`pxr`), which cannot be installed here: UsdUtils answers with
the results OpenUSD itself recorded for its own test layers (../shared/scenes/usd/expected.json),
so a plugin's live walk can be compared with the sidecar's static reader on the same stage."""
