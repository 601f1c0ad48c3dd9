// Public surface of the api layer; re-exported by sidecar/src/index.ts.
export {};
