// Public surface of the rpc layer; re-exported by sidecar/src/index.ts.
export {};
