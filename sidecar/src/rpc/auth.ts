/**
 * Who may open a connection: the bearer token from the discovery file, and no browser Origin other
 * than the sidecar's own. Checked at the HTTP upgrade, before any method can run.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A fresh random token (256 bits, hex). */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks an upgrade request's headers: `Authorization: Bearer <token>`, Origin absent or our own.
 * A browser cannot send that header: the monitor page instead presents its session cookie
 * (`cookieOk`), which counts only from our own origin, on our own host name.
 */
export function checkUpgrade(headers: IncomingHttpHeaders, token: string, port: number, cookieOk?: (cookie: string | undefined) => boolean): AuthVerdict {
  const origin = headers.origin;
  const own = `http://127.0.0.1:${port}`;
  if (origin !== undefined && origin !== own) {
    return { ok: false, status: 403, reason: 'Cross-origin connections are refused.' };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (m) return sameToken(m[1]!, token) ? { ok: true } : { ok: false, status: 401, reason: 'Wrong token.' };
  if (origin === own && headers.host === `127.0.0.1:${port}` && cookieOk?.(headers.cookie)) return { ok: true };
  return { ok: false, status: 401, reason: 'Missing bearer token (see sidecar.json).' };
}
