/**
 * Errors of the download layer. They keep the old SDK's names (`DownloadFailed`) and add the
 * outcomes the old SDK could not express: a refused (unsafe) server path, a total timeout.
 */
import { FarmError, type FarmErrorOptions } from '../../errors';

/** A file or a whole download failed; `details.failed` lists what and why. Old SDK: `DownloadFailed`. */
export class DownloadFailed extends FarmError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_DOWNLOAD_FAILED', message, options);
  }
}

/** `timeoutMs` elapsed before every task ended; files already downloaded stay on disk and in the journal. */
export class DownloadTimeoutError extends FarmError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_DOWNLOAD_TIMEOUT', message, options);
  }
}

/** A server path that would land outside the local folder (`..`, absolute, drive letter, NUL, overlong). */
export class UnsafePathError extends FarmError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_UNSAFE_PATH', message, options);
  }
}

/** The downloaded bytes do not match the size or SHA-256 the server announced. */
export class VerifyError extends FarmError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_DOWNLOAD_VERIFY', message, options);
  }
}

/** A task id the farm does not know (for this account): nothing can ever be downloaded for it. */
export class TaskNotFoundError extends FarmError {
  constructor(taskIds: string[]) {
    super('ERR_TASK_NOT_FOUND', `No task ${taskIds.join(', ')} on this farm account; check the task id (see \`rayvision tasks\` or task/list).`, {
      details: { taskIds },
    });
  }
}

/** Bad arguments to a download call (no task ids and no server path, wrong types). */
export class DownloadArgumentError extends FarmError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_DOWNLOAD_ARGUMENT', message, options);
  }
}
