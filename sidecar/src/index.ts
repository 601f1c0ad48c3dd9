/**
 * The SDK as a library: `import { RayvisionAPI, AnalyzeHoudini, RayvisionCheck, RayvisionUpload,
 * RayvisionDownload, updateTaskInfo, appendToTask, appendToUpload } from 'rayvision-sidecar'`.
 * Each layer owns its index; this file only gathers them.
 */
export * from './errors';
export * from './api/index';
export * from './jobfiles/index';
export * from './analyze/index';
export * from './check/index';
export * from './transfer/index';
