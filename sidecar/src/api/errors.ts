/**
 * Errors of the REST client. `code` is the stable string code (docs/errors.md), `farmCode` the
 * numeric code of spec/api.md §8 (the envelope `code` for API errors). Secrets never enter these
 * objects: they carry the URL, endpoint name and request id, never headers, key or signature.
 */
import { FarmError, type FarmErrorOptions } from '../errors';

/** Local SDK error with a documented numeric code (the old `RayvisionError`, 1000000 family). */
export class RayvisionError extends FarmError {
  constructor(farmCode: number, message: string, options: Omit<FarmErrorOptions, 'farmCode'> & { code?: string } = {}) {
    super(options.code ?? 'ERR_RAYVISION', message, { ...options, farmCode });
  }
}

export interface RayvisionAPIErrorOptions extends FarmErrorOptions {
  url: string;
  requestId?: string | null;
  endpoint?: string;
}

/** The farm answered with an envelope `code` other than 200 (`farmCode` is that code). */
export class RayvisionAPIError extends FarmError {
  readonly url: string;
  readonly requestId: string | null;
  readonly endpoint?: string;

  constructor(farmCode: number, message: string, options: RayvisionAPIErrorOptions, code = 'ERR_API') {
    super(code, message, { ...options, farmCode });
    this.url = options.url;
    this.requestId = options.requestId ?? null;
    if (options.endpoint !== undefined) this.endpoint = options.endpoint;
  }

  /** The farm's numeric code, as the old SDK's `error.code` carried it. */
  get apiCode(): number {
    return this.farmCode ?? 0;
  }
}

/** The farm refused who we are: bad signature (611), expired timestamp (610), login/permission codes. */
export class RayvisionAuthError extends RayvisionAPIError {}

/** A request body failed the client-side schema; nothing was sent. `details.field` names the field. */
export class RayvisionValidationError extends FarmError {
  readonly field: string;
  constructor(field: string, message: string, options: FarmErrorOptions = {}) {
    super('ERR_VALIDATION', message, { ...options, details: { field, ...options.details } });
    this.field = field;
  }
}

/** Access id or access key missing or empty; nothing was sent. */
export class RayvisionCredentialsError extends FarmError {
  constructor(message: string) {
    super('ERR_CREDENTIALS', message);
  }
}

/** A task id that is not a positive integer (old `RayvisonTaskIdError`); nothing was sent. */
export class RayvisionTaskIdError extends FarmError {
  constructor(value: unknown) {
    super('ERR_TASK_ID', `The task id must be an integer, got ${describe(value)}: pass the number createTask returned.`, {
      farmCode: 10006,
      details: { field: 'taskId' },
    });
  }
}

/** No usable HTTP answer: connection refused/reset, DNS failure, or a non-JSON body (gateway page). */
export class RayvisionNetworkError extends FarmError {
  readonly url: string;
  readonly status?: number;
  constructor(code: 'ERR_NETWORK' | 'ERR_TIMEOUT' | 'ERR_HTTP', message: string, options: FarmErrorOptions & { url: string; status?: number }) {
    super(code, message, options);
    this.url = options.url;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** A short, secret-free description of a bad value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : `the non-integer ${value}`;
  return `a ${Array.isArray(value) ? 'list' : typeof value}`;
}
