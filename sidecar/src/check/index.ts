// Public surface of the check layer; re-exported by sidecar/src/index.ts.
export {};
