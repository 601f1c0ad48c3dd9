// Public surface of the monitor's SDK side; re-exported by sidecar/src/index.ts.
export { TaskWatch, type TaskWatchOptions, type WatchParts } from './task-watch';
export { LocalOutputs, type LocalTaskOutputs } from './local-outputs';
export { openExternal } from './open-external';
export { toMonitorAccount, toMonitorTask, toMonitorFrame, type MonitorAccount, type MonitorTask, type MonitorFrame } from './summarize';
