// The contract between the sidecar and its clients. Imports nothing of ours.
export * from './progress';
export * from './scene';
