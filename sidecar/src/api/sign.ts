/**
 * The request signature of spec/api.md §1: merge the signed headers with the body, flatten nested
 * objects and arrays, sort keys by code point, render Python-style scalars, and HMAC-SHA256 the line
 * `[POST]<domain>:<path>&k=v&…` with the access key (Base64). Pure functions only.
 */
import { createHmac } from 'node:crypto';
import { PyFloat, pythonStr } from './python-format';

/** Header names that are sent but never signed. */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set(['signature', 'Content-Type', 'languageFlag']);

export interface StringToSignInput {
  /** The signed headers (accessId, channel, platform, UTCTimestamp, nonce, version, custom ones). */
  headers: Record<string, string>;
  /** The request body object; absent means `{}`. */
  body?: Record<string, unknown>;
  /** The configured host string exactly as given (a port included when configured). */
  domain: string;
  /** The endpoint path, `/v2` suffix included. */
  path: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

/** Flattens a body the SDK way: `a.b` for objects, `a0` for arrays, empty containers vanish. */
export function flattenForSigning(value: Record<string, unknown>, parent = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue; // JSON drops undefined, so the signer must too
    const name = parent ? `${parent}.${key}` : key;
    flattenValue(name, child, out);
  }
  return out;
}

function flattenValue(name: string, value: unknown, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => flattenValue(`${name}${index}`, item, out));
  } else if (isPlainObject(value)) {
    flattenForSigning(value, name, out);
  } else {
    out.set(name, value);
  }
}

/** The exact text that is signed (§1.3). */
export function stringToSign({ headers, body = {}, domain, path }: StringToSignInput): string {
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) if (!UNSIGNED_HEADERS.has(name)) merged[name] = value;
  Object.assign(merged, body); // body keys shadow header keys in the signature only
  const flat = flattenForSigning(merged);
  // Code-unit order equals Python's code-point order except for astral characters: compare code points.
  const keys = [...flat.keys()];
  keys.sort(keys.some((k) => /[\uD800-\uDFFF]/.test(k)) ? compareCodePoints : undefined);
  const pairs = keys.map((key) => `${key}=${pythonStr(flat.get(key))}`);
  return `[POST]${domain}:${path}&${pairs.join('&')}`;
}

function compareCodePoints(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i += 1) {
    const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Base64 HMAC-SHA256 of `message` with `key` (both UTF-8). */
export function hmacBase64(key: string, message: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');
}

/** A function that signs a message; it holds the access key in its closure, nowhere else. */
export type Signer = (message: string) => string;

/** Builds a `Signer` around an access key, so the key never sits in an object field. */
export function keySigner(accessKey: string): Signer {
  return (message) => hmacBase64(accessKey, message);
}

/** The signature of one request: `sign({headers, body, domain, path}, accessKeyOrSigner)`. */
export function sign(input: StringToSignInput, key: string | Signer): string {
  const signer = typeof key === 'function' ? key : keySigner(key);
  return signer(stringToSign(input));
}
