// Public surface of the analyze layer; re-exported by sidecar/src/index.ts.
export * from './errors';
export { TIPS, missingFileCode } from './tips-codes';
export { createAnalysisFolder } from './workspace';
export * from './tokens/index';
export { formatFrames, buildSceneInfo } from './jobs/scene-info';
export { writeJobFiles, buildTaskJson, jobFilePaths, cgIdOf, type JobFilesOptions, type JobFilesResult, type JobFilePaths } from './jobs/write-job-files';
export { resolveReferences, type ResolvedReferences, type ResolvedAsset } from './jobs/resolve-references';
export { intakeSceneFacts, parseFacts, type AnalyzeResult, type IntakeOptions } from './intake';
export { detectLocalOs, type AnalyzeOptions, type AnalyseCallOptions } from './options';
