/**
 * The SDK as a library: `import { RayvisionAPI, AnalyzeHoudini, RayvisionCheck, RayvisionUpload,
 * RayvisionDownload, updateTaskInfo, appendToTask, appendToUpload, startFarm } from 'rayvision-sidecar'`.
 * Each layer owns its index; this file only gathers them.
 */
export * from './errors';
export * from './preflight/index';
export { ensurePrivateDir, ensurePrivateFile } from './private-files';
export * from './api/index';
export * from './jobfiles/index';
export * from './analyze/index';
export * from './check/index';
export * from './transfer/index';
// Named profiles and their secrets (the OS keychain, or a 0600 file where there is none).
export * from './credentials/index';
// The local farm is part of the library: users test their own pipeline against it offline, as our tests do.
export { startFarm, type Farm, type StartFarmOptions, type FarmFaults, type FarmRequestRecord } from './farm/index';
// The job monitor's farm side (polling, local outputs, the desktop opener); the page itself is served by rpc/.
export * from './monitor/index';
