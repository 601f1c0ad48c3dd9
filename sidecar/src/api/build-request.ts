/**
 * Builds one signed request purely from (endpoint, params, credentials, clock, nonce): no I/O, no
 * randomness of its own, so the signature vectors of spec/api.md §1.6 can be checked byte for byte.
 */
import { randomInt } from 'node:crypto';
import { languageFlag } from './domains';
import { sign, keySigner, type Signer } from './sign';
import { pythonJsonDumps } from './wire-json';

export const API_VERSION = '2.0.0';
export const CHANNEL = '4';

export interface Credentials {
  accessId: string;
  /** Either the access key itself (tests, one-off use) or a signer holding it in a closure. */
  accessKey?: string;
  signer?: Signer;
}

export interface RequestTarget {
  /** Host[:port] exactly as configured; it is part of the signed text. */
  domain: string;
  path: string;
  platform: string | number;
  protocol?: 'https' | 'http';
  /** Extra headers: merged into the base set and signed, like `Connect(headers=…)`. */
  headers?: Record<string, string>;
}

export interface BuiltRequest {
  url: string;
  headers: Record<string, string>;
  /** Body text in Python `json.dumps` form. */
  body: string;
}

/** Unix time in whole seconds (truncated), as the `UTCTimestamp` header carries it. */
export function unixSeconds(now: number = Date.now()): number {
  return Math.trunc(now / 1000);
}

/** A 6-digit nonce in [100000, 999999), fresh per attempt. */
export function randomNonce(): number {
  return randomInt(100000, 999999);
}

/** The signed request for `target` with `params` as body; `clock` is Unix seconds. */
export function buildRequest(
  target: RequestTarget,
  params: Record<string, unknown> | undefined,
  credentials: Credentials,
  clock: number,
  nonce: number | string,
): BuiltRequest {
  const signer = credentials.signer ?? (credentials.accessKey !== undefined ? keySigner(credentials.accessKey) : undefined);
  if (!signer) throw new TypeError('buildRequest needs credentials.accessKey or credentials.signer.');
  const body = params ?? {};
  const signed: Record<string, string> = {
    accessId: credentials.accessId,
    channel: CHANNEL,
    platform: String(target.platform),
    UTCTimestamp: String(clock),
    nonce: String(nonce),
    version: API_VERSION,
    ...target.headers,
  };
  const signature = sign({ headers: signed, body, domain: target.domain, path: target.path }, signer);
  const headers = {
    ...signed,
    signature,
    'Content-Type': 'application/json',
    // Added after signing, as the old SDK does: it is not part of the signed text.
    languageFlag: languageFlag(target.domain),
  };
  const url = `${target.protocol ?? 'https'}://${target.domain}${target.path}`;
  return { url, headers, body: pythonJsonDumps(body) };
}
