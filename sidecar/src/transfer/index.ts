// Public surface of the transfer layer; re-exported by sidecar/src/index.ts.
export {};
