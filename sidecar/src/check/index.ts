// Public surface of the check layer; re-exported by sidecar/src/index.ts.
export * from './errors';
export { problemsOf, nodeOf, MAX_PROBLEMS, type CheckProblem } from './problems';
export { RayvisionCheck, type CheckAnalyzer, type CheckExecuteOptions, type CheckResult } from './check';
export { selectHardware, type HardwareRequest, type HardwareChoice, type FarmHardwareConfig, type HardwareInput } from './hardware';
export { resolveTips } from './tips';
export { checkSoftwareVersion } from './version-check';
export { fillTaskIds, stringifyParams, STRING_PARAMS } from './task-ids';
export type { CheckApi } from './api-shape';
