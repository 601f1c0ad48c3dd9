// Public surface of the jobfiles layer; re-exported by sidecar/src/index.ts.
export {};
