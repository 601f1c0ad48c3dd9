import { FarmError, type FarmErrorOptions } from '../errors';

/**
 * Errors of the job-file helpers. `farmCode` keeps the old SDK's RayvisionError codes
 * (spec/api.md §8.6): 1000002 key missing/duplicate, 1000004 file not found,
 * 1000005 wrong argument type, 1000006 upload.json missing.
 */
export class JobFileError extends FarmError {
  constructor(code: string, message: string, options: FarmErrorOptions = {}) {
    super(code, message, options);
  }
}

export const JOBFILE_CODES = {
  keyMissing: 1000002,
  fileNotFound: 1000004,
  badArgument: 1000005,
  uploadJsonMissing: 1000006,
} as const;
