// Public surface of the farm layer; re-exported by sidecar/src/index.ts.
export {};
