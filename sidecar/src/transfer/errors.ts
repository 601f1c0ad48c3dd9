/**
 * Errors of the transfer layer (upload, record DB, engines). Each keeps the documented numeric code
 * where the old SDK had one (spec/transfer.md §6.1) and says what to do next. No secret (storage
 * password, Redis password) is ever put in a message or in `details`.
 */
import { FarmError, type FarmErrorOptions } from '../errors';

/** Base of every transfer failure. */
export class TransferError extends FarmError {
  constructor(code: string, message: string, options: FarmErrorOptions = {}) {
    super(code, message, options);
  }
}

/** db_config.ini is unreadable or has an invalid value. */
export class DbConfigError extends TransferError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_DB_CONFIG', message, options);
  }
}

/** `[DATABASE_CONFIG] type` is neither sqlite nor redis (old `UnsupportedDatabaseError`). */
export class UnsupportedDatabaseError extends TransferError {
  constructor(type: string) {
    super('ERR_UNSUPPORTED_DATABASE', `"${type}" is not a supported database, only support 'redis' or 'sqlite'. Fix [DATABASE_CONFIG] type in db_config.ini.`, {
      details: { type },
    });
  }
}

/** The engine name is not one of http, transmitter, raysyncproxy (old `UnsupportedEngineType`). */
export class UnsupportedEngineTypeError extends TransferError {
  constructor(engine: string) {
    super('ERR_UNSUPPORTED_ENGINE', `Transfer engine "${engine}" is not supported; use "http", "transmitter" (alias "aspera") or "raysyncproxy".`, {
      details: { engine },
    });
  }
}

/** The upload-record database (SQLite file or Redis) cannot be opened or reached. */
export class RecordDbUnavailableError extends TransferError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_RECORD_DB_UNAVAILABLE', message, options);
  }
}

/** A local file to upload does not exist or is not a regular file. */
export class LocalFileMissingError extends TransferError {
  constructor(path: string, farmCode?: number) {
    super('ERR_LOCAL_FILE_MISSING', `${path} does not exist or is not a file; fix the path in the job file or restore the file, then upload again.`, {
      ...(farmCode === undefined ? {} : { farmCode }),
      details: { path },
    });
  }
}

/** A config JSON (task/tips/asset/upload.json) failed to upload after the bounded retries (old 20004). */
export class ConfigUploadError extends TransferError {
  constructor(path: string, options: FarmErrorOptions = {}) {
    super('ERR_CONFIG_UPLOAD', `${path} upload failed; check the network and the farm's storage, then retry.`, {
      farmCode: 20004,
      ...options,
      details: { path, ...options.details },
    });
  }
}

/** Some asset files could not be uploaded after the bounded retries (old 200025 / 200024). */
export class UploadFailedError extends TransferError {
  readonly failed: { local: string; server: string; reason: string }[];
  /**
   * `failed` lists the files (a caller may list only the first ones of a huge set); `total` is how
   * many failed in all, when more than listed.
   */
  constructor(failed: { local: string; server: string; reason: string }[], options: FarmErrorOptions & { total?: number } = {}) {
    const { total = failed.length, ...rest } = options;
    const first = failed.slice(0, 5).map((f) => `${f.local}: ${f.reason}`).join('; ');
    super('ERR_UPLOAD_FAILED', `${total} file(s) could not be uploaded (${first}${total > 5 ? '; …' : ''}). Check that the files exist and the farm is reachable, then upload again: finished files are not sent twice.`, {
      farmCode: 200025,
      ...rest,
      details: { count: total, ...rest.details },
    });
    this.failed = failed;
  }
}

/** A storage HTTP request failed (status, network); `retryable` tells the retry loop whether to try again. */
export class StorageRequestError extends TransferError {
  readonly status?: number;
  readonly retryable: boolean;
  constructor(message: string, opts: { status?: number; retryable: boolean; serverCode?: string; cause?: unknown; path?: string }) {
    super('ERR_STORAGE_REQUEST', message, {
      cause: opts.cause,
      details: { status: opts.status, serverCode: opts.serverCode, path: opts.path },
    });
    if (opts.status !== undefined) this.status = opts.status;
    this.retryable = opts.retryable;
  }
}

/** No transfer line for the wanted engine in getTransferConfig (old `EnvironmentError`). */
export class TransferLineError extends TransferError {
  constructor(message: string) {
    super('ERR_TRANSFER_LINE', message);
  }
}

/** `max_speed` is not a number of KB/s (negative, text, NaN); nothing was sent. */
export class MaxSpeedError extends TransferError {
  constructor(maxSpeed: unknown) {
    super('ERR_MAX_SPEED', `max_speed must be a number of KB/s (0 or empty = unlimited), got ${JSON.stringify(String(maxSpeed))}.`, {
      details: { maxSpeed: String(maxSpeed) },
    });
  }
}
