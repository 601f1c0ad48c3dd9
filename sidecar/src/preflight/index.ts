/** Local validation before anything reaches the farm, and bounded, cancellable fs steps. */
export { bounded, StepTimeoutError, DEFAULT_STEP_TIMEOUT_MS, type BoundOptions } from './bounded';
export { ensureWritableFolder, FolderNotWritableError, type WritableFolderOptions } from './writable-folder';
export { runPreflight, PreflightError, problemOf, type PreflightCheck, type PreflightContext, type PreflightProblem } from './preflight';
