// Public surface of the jobfiles layer; re-exported by sidecar/src/index.ts.
export * from './types';
export * from './errors';
export { defaultTaskInfo, defaultTaskJson } from './defaults';
export { formatJson, writeFileAtomic, writeJsonAtomic } from './atomic-write';
export { readJsonFile, readTaskJson, readUploadJson, readAssetJson, readTipsJson, assetEntryPath, parseAssetEntry, type AssetEntry } from './read';
export { writeTaskJson, writeUploadJson, writeAssetJson, writeTipsJson, addTip } from './write';
export { convertPath, parseWinMntMap, type ConvertPathOptions, type WinMntMap } from './convert-path';
export { updateTaskInfo, appendToTask } from './update-task';
export { appendToUpload } from './append-upload';
export { readUploadAssetBatches, type StreamUploadOptions } from './stream-upload';
export { removeFromUpload } from './remove-upload';
export { applySubmitSettings, updateSubmitSettings, pickSubmitSettings, settingError, renderingNodes } from './submit-settings';
export { gpuNodes, gpuReason } from './gpu-nodes';
