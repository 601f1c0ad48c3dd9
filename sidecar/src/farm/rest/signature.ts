/**
 * The farm's own check of a request signature (spec/api.md §1.3–1.4), written independently of the
 * client's signer on purpose: a client bug must not be hidden by the same bug here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PyFloat, PyInt, pyStr, type PyValue } from '../py-json';

/** The request headers that take part in the string to sign, with their canonical spelling. */
export const SIGNED_HEADERS = ['accessId', 'channel', 'platform', 'UTCTimestamp', 'nonce', 'version'] as const;

function isContainer(v: PyValue): v is PyValue[] | { [key: string]: PyValue } {
  return v !== null && typeof v === 'object' && !(v instanceof PyInt) && !(v instanceof PyFloat);
}

/** Flattens like the SDK: `a.b` for objects, `a0` for arrays, empty containers vanish. */
export function flattenForSignature(value: PyValue, parent: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const key = `${parent}${index}`;
      if (isContainer(item)) flattenForSignature(item, key, out);
      else out.set(key, pyStr(item));
    });
    return;
  }
  if (isContainer(value)) {
    for (const [childKey, item] of Object.entries(value)) {
      const key = parent ? `${parent}.${childKey}` : childKey;
      if (isContainer(item)) flattenForSignature(item, key, out);
      else out.set(key, pyStr(item));
    }
  }
}

/** Code-point order, as Python's `sorted` on str (JS sort compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let k = 0; k < Math.min(ca.length, cb.length); k += 1) {
    const d = ca[k]!.codePointAt(0)! - cb[k]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Rebuilds `[POST]<domain>:<path>&k=v&…` from the signed headers and the parsed body. */
export function buildStringToSign(domain: string, path: string, headers: Record<string, string>, body: PyValue): string {
  const merged: { [key: string]: PyValue } = { ...headers };
  if (isContainer(body) && !Array.isArray(body)) Object.assign(merged, body);
  const flat = new Map<string, string>();
  flattenForSignature(merged, '', flat);
  const pairs = [...flat.keys()].sort(byCodePoint).map((k) => `${k}=${flat.get(k)}`);
  return `[POST]${domain}:${path}&${pairs.join('&')}`;
}

/** Base64 HMAC-SHA256 of the string to sign with the account's access key. */
export function computeSignature(accessKey: string, stringToSign: string): string {
  return createHmac('sha256', Buffer.from(accessKey, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/** Constant-time comparison of the expected and received signatures. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
