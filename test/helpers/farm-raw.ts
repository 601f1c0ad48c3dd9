/**
 * Raw HTTP against a local farm, without the SDK's client: signed REST calls whose headers a test can
 * bend (stale time, wrong key, missing header), and storage requests with Basic auth. Signing uses
 * the farm's own string builder, which test/farm/signature.test.ts pins to the spec vectors.
 */
import http from 'node:http';
import type { Farm } from '../../sidecar/src/farm';
import { parsePyJson } from '../../sidecar/src/farm/py-json';
import { buildStringToSign, computeSignature } from '../../sidecar/src/farm/rest/signature';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = any>(): T;
}

/** One HTTP request to the farm; resolves with the full answer. */
export function rawRequest(farm: Farm, method: string, path: string, headers: Record<string, string | number> = {}, body?: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: farm.host, port: farm.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, json: () => JSON.parse(buf.toString('utf8')) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignOptions {
  accessId?: string;
  accessKey?: string;
  /** UTCTimestamp override (seconds). */
  timestamp?: number;
  /** Domain to sign with (default: the farm's domain, which is also the Host header). */
  signDomain?: string;
  /** Path to sign with (default: the requested path). */
  signPath?: string;
  /** Headers to leave out. */
  omit?: string[];
  /** Replace the computed signature. */
  signature?: string;
  /** Extra headers sent and signed (the SDK's `Connect(headers=…)`). */
  extraHeaders?: Record<string, string>;
}

/** A signed REST call built by hand; `bodyText` is sent verbatim. */
export async function signedCall(farm: Farm, path: string, bodyText = '{}', o: SignOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {
    accessId: o.accessId ?? farm.accessId, channel: '4', platform: '2',
    UTCTimestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)), nonce: '123456', version: '2.0.0', ...o.extraHeaders,
  };
  let parsed: ReturnType<typeof parsePyJson> = {};
  try {
    parsed = parsePyJson(bodyText);
  } catch {
    // Malformed bodies are sent on purpose by some tests; sign as if empty.
  }
  const str = buildStringToSign(o.signDomain ?? farm.domain, o.signPath ?? path, headers, parsed);
  const all: Record<string, string> = {
    ...headers, signature: o.signature ?? computeSignature(o.accessKey ?? farm.accessKey, str), 'Content-Type': 'application/json',
  };
  for (const h of o.omit ?? []) delete all[h];
  return rawRequest(farm, 'POST', path, all, bodyText);
}

/** The Basic auth header of the farm's storage account. */
export function storageAuth(farm: Farm): Record<string, string> {
  const { storageName, storagePassword } = farm.account;
  return { Authorization: `Basic ${Buffer.from(`${storageName}:${storagePassword}`).toString('base64')}` };
}

/** Polls `probe` until it returns a value other than undefined (the test timeout bounds the wait). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, intervalMs = 20): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
