/**
 * Authenticates one REST call: the signed headers must be present, the accessId known, the
 * UTCTimestamp inside the freshness window, and the signature equal to the one rebuilt from the
 * Host header, the path, the signed headers and the parsed body (spec/api.md §1).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { findByAccessId, type Account } from '../accounts';
import type { FarmContext } from '../context';
import type { PyValue } from '../py-json';
import { Code, FarmApiError } from './envelope';
import { buildStringToSign, computeSignature, SIGNED_HEADERS, signaturesMatch } from './signature';

// Transport headers no client signs; anything else beyond the six may be a custom signed header.
const UNSIGNED = new Set(['host', 'content-type', 'content-length', 'user-agent', 'accept', 'accept-encoding', 'connection',
  'signature', 'languageflag', 'authorization', 'transfer-encoding', 'keep-alive', 'te', 'expect', 'cookie', 'origin', 'referer']);

/** Headers outside the signed six and the transport set, with the spelling the client used. */
function customHeaders(raw: string[]): Record<string, string> {
  const standard = new Set(SIGNED_HEADERS.map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (standard.has(lower) || UNSIGNED.has(lower) || lower.startsWith('x-forwarded-') || lower.startsWith('proxy-')) continue;
    out[raw[i]!] = raw[i + 1]!;
  }
  return out;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Returns the calling account or throws FarmApiError(603 | 800 | 610 | 611). */
export function authenticate(ctx: FarmContext, headers: IncomingHttpHeaders, path: string, body: PyValue, rawHeaders: string[] = []): Account {
  const signed: Record<string, string> = {};
  for (const name of SIGNED_HEADERS) {
    const value = header(headers, name);
    if (value !== undefined) signed[name] = value;
  }
  const signature = header(headers, 'signature');
  const missing = ['accessId', 'UTCTimestamp', 'nonce'].filter((n) => !signed[n]);
  if (!signature) missing.push('signature');
  if (missing.length > 0) {
    throw new FarmApiError(Code.ILLEGAL_PROTOCOL, `Unsigned request: missing header(s) ${missing.join(', ')}. Sign every call with your accessId and accessKey.`);
  }
  const account = findByAccessId(ctx.db, signed.accessId!);
  if (!account) throw new FarmApiError(Code.ACCOUNT_NOT_FOUND, 'Unknown accessId: check the access id in your settings (developer center).');
  const ts = signed.UTCTimestamp!;
  if (!/^\d+$/.test(ts) || Math.abs(Number(ts) - Math.floor(ctx.now() / 1000)) > ctx.signatureWindowSec) {
    throw new FarmApiError(Code.SIGNATURE_EXPIRED, `Signature expired: UTCTimestamp is more than ${ctx.signatureWindowSec} s away from the server clock. Check the computer's clock.`);
  }
  const domain = header(headers, 'host') ?? '';
  const expected = computeSignature(account.accessKey, buildStringToSign(domain, path, signed, body));
  // The SDK also signs extra headers given to Connect(headers=…): accept them when they are signed too.
  const extra = customHeaders(rawHeaders);
  const withExtra = (): string => computeSignature(account.accessKey, buildStringToSign(domain, path, { ...signed, ...extra }, body));
  if (!signaturesMatch(expected, signature!) && (Object.keys(extra).length === 0 || !signaturesMatch(withExtra(), signature!))) {
    throw new FarmApiError(Code.SIGNATURE_INVALID, 'Signature invalid: the request was not signed with the access key of this accessId, or was signed for another domain or path.');
  }
  return account;
}
