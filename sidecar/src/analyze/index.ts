// Public surface of the analyze layer; re-exported by sidecar/src/index.ts.
export {};
