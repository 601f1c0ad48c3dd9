/** The REST response envelope (spec/api.md §2.3) and the error a handler throws to fail with a code. */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Envelope codes the farm answers with (spec/api.md §8.1). */
export const Code = {
  SUCCESS: 200,
  FAIL: 100,
  RESOURCE_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
  PARAMETER_INVALID: 600,
  PARAMETER_CANT_BE_EMPTY: 601,
  ILLEGAL_PROTOCOL: 603,
  VINSUFFICIENT_PERMISSIONS: 605,
  SIGNATURE_EXPIRED: 610,
  SIGNATURE_INVALID: 611,
  DO_NOT_HAVE_ANY_MORE_RECORD: 700,
  ACCOUNT_NOT_FOUND: 800,
} as const;

/** Thrown by handlers: answered as an envelope with `code` and `message` (HTTP 200, as the farm does). */
export class FarmApiError extends Error {
  constructor(readonly code: number, message: string, readonly httpStatus = 200) {
    super(message);
  }
}

/** Builds the envelope `{version, result, message, code, data, serverTime, requestId}`. */
export function envelope(code: number, message: string, data: unknown, now: number): Record<string, unknown> {
  return { version: '2.0.0', result: code === 200, message, code, data, serverTime: now, requestId: randomUUID() };
}

/** Sends an envelope with the given HTTP status. */
export function sendEnvelope(res: ServerResponse, httpStatus: number, body: Record<string, unknown>): void {
  // Python json.dumps escapes non-ASCII; the farm does too, so clients see `\uXXXX` like the real one.
  const text = JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  res.writeHead(httpStatus, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
