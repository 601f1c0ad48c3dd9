/**
 * Checks RayvisionAPI's options before anything is built, so a typo (an "ftp" protocol, a URL where a
 * host belongs, a negative timeout) is a RayvisionValidationError naming the option, not a client that
 * fails later with a puzzling network error.
 */
import { describe, RayvisionValidationError } from './errors';
import type { RayvisionAPIOptions } from './rayvision-api';

function need(ok: boolean, field: string, rule: string, value: unknown): void {
  if (!ok) throw new RayvisionValidationError(field, `${field} ${rule}, got ${describe(value)}. Nothing was sent.`);
}

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;
const atLeastZero = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Throws RayvisionValidationError for the first option that cannot work. */
export function checkApiOptions(o: RayvisionAPIOptions, domain: string): void {
  need(!/[/\s]|:\/\//.test(domain), 'domain',
    'must be a host with an optional port (task.renderbus.com, 127.0.0.1:8080) or China / Foreign; set http or https with protocol', o.domain);
  if (o.protocol !== undefined) need(o.protocol === 'http' || o.protocol === 'https', 'protocol', 'must be "https" or "http"', o.protocol);
  if (o.platform !== undefined) need(/^\d+$/.test(String(o.platform).trim()), 'platform', 'must be a platform id such as 2 or "4"', o.platform);
  if (o.timeout !== undefined) need(positive(o.timeout), 'timeout', 'must be a number of seconds above 0', o.timeout);
  const r = o.retry ?? {};
  if (r.retries !== undefined) need(Number.isInteger(r.retries) && r.retries >= 0, 'retry.retries', 'must be a whole number, 0 or more', r.retries);
  for (const key of ['minDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (r[key] !== undefined) need(atLeastZero(r[key]), `retry.${key}`, 'must be a number of milliseconds, 0 or more', r[key]);
  }
}
