/**
 * Who may see the monitor page: a browser that redeemed a one-time code (from `monitor/open`,
 * asked for by an authorised client) and holds the session cookie it got for it. Codes live one
 * minute and work once; sessions end after 12 hours unused, or with the sidecar (kept in memory).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const MONITOR_COOKIE = 'rayvision_monitor';
const CODE_TTL_MS = 60_000;
const SESSION_IDLE_MS = 12 * 3600_000;
const MAX_SESSIONS = 32;

const secret = (): string => randomBytes(32).toString('base64url');

function findSecret(map: Map<string, number>, given: string): string | undefined {
  const g = Buffer.from(given);
  for (const key of map.keys()) {
    const k = Buffer.from(key);
    if (k.length === g.length && timingSafeEqual(k, g)) return key;
  }
  return undefined;
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** One-time codes and the browser sessions they became. */
export class MonitorAuth {
  private readonly codes = new Map<string, number>(); // code → expires at
  private readonly sessions = new Map<string, number>(); // session id → last used

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh one-time code. */
  issue(): { code: string; expiresAt: number } {
    this.prune();
    const code = secret();
    const expiresAt = this.now() + CODE_TTL_MS;
    this.codes.set(code, expiresAt);
    return { code, expiresAt };
  }

  /** Spends a code: a new session id, or undefined when the code is unknown, used or expired. */
  redeem(code: string | null | undefined): string | undefined {
    this.prune();
    if (!code) return undefined;
    const found = findSecret(this.codes, code);
    if (!found) return undefined;
    this.codes.delete(found);
    const sid = secret();
    this.sessions.set(sid, this.now());
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return sid;
  }

  /** True when the Cookie header carries a live session (and marks it used). */
  validCookie(cookieHeader: string | undefined): boolean {
    const sid = cookieValue(cookieHeader, MONITOR_COOKIE);
    if (!sid) return false;
    this.prune();
    const found = findSecret(this.sessions, sid);
    if (!found) return false;
    this.sessions.set(found, this.now());
    return true;
  }

  private prune(): void {
    const now = this.now();
    for (const [c, exp] of this.codes) if (exp <= now) this.codes.delete(c);
    for (const [s, used] of this.sessions) if (now - used > SESSION_IDLE_MS) this.sessions.delete(s);
  }
}
