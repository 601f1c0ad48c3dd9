// Public surface of the check layer; re-exported by sidecar/src/index.ts.
export * from './errors';
export { problemsOf, nodeOf, MAX_PROBLEMS, type CheckProblem } from './problems';
export { RayvisionCheck, type CheckAnalyzer, type CheckExecuteOptions, type CheckResult } from './check';
export { selectHardware, type HardwareRequest, type HardwareChoice, type FarmHardwareConfig, type HardwareInput } from './hardware';
export { resolveTips } from './tips';
export { checkSoftwareVersion } from './version-check';
export { fillTaskIds, stringifyParams, STRING_PARAMS } from './task-ids';
export type { CheckApi } from './api-shape';
export { submitOptions, type SubmitOptions, type HardwareOption, type VersionMenu } from './submit-options';
export { closestVersions } from './closest-version';
export { gpuProblem, gpuReasons, isGpuConfig } from './gpu-check';
export { checkPluginVersions, softwareDetail } from './version-check';
