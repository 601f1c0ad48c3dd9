/**
 * HTTP client of the local Raysync client's control API (spec/transfer.md §2.7): JSON POSTs to
 * `http://127.0.0.1:<port>/…`, always bypassing any configured HTTP proxy (`proxy: false`; the old
 * SDK had to work around HTTP_PROXY pointing at a socks5 proxy), `code != 0` → `RaysyncAPIError`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import { FarmError } from '../../errors';

/** A control-API answer with a non-zero `code` (old `RaysyncAPIError`). */
export class RaysyncAPIError extends FarmError {
  constructor(code: number, message: string, route: string) {
    super('ERR_RAYSYNC_API', `The Raysync client answered code ${code} on ${route}: ${message || 'no message'}.`, { farmCode: code, details: { route } });
  }
}

/** The control port from `<raysyncDir>/cluster.xml`: the `value` attribute of the first grandchild element. */
export async function controlPortFromClusterXml(raysyncDir: string): Promise<number> {
  const file = path.join(raysyncDir, 'cluster.xml');
  const xml = await readFile(file, 'utf8').catch(() => {
    throw new FarmError('ERR_RAYSYNC_NOT_FOUND', `No cluster.xml in ${raysyncDir}: install the Raysync client there or pass its control port (old NotfoundRaysyncInI).`);
  });
  // Skip the XML declaration and comments; the first element is the root, the next its first child.
  const elements = [...xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '').matchAll(/<([A-Za-z_][\w.-]*)([^>]*)>/g)];
  const value = /\bvalue\s*=\s*"([^"]*)"/.exec(elements[2]?.[2] ?? '')?.[1];
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0) throw new FarmError('ERR_RAYSYNC_NOT_FOUND', `cluster.xml in ${raysyncDir} has no control port value.`);
  return port;
}

/** The control API client: one JSON POST per call. */
export class RaysyncControl {
  private readonly http: AxiosInstance;

  constructor(readonly baseUrl: string, timeoutMs = 60_000) {
    this.http = axios.create({ baseURL: baseUrl, proxy: false, timeout: timeoutMs, validateStatus: () => true });
  }

  /** POSTs `body` to `route`; returns the JSON answer or throws `RaysyncAPIError`. */
  async post<T extends Record<string, unknown>>(route: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const res = await this.http.post(route, body, { signal });
    const data = (res.data ?? {}) as Record<string, unknown>;
    if (res.status >= 400) throw new RaysyncAPIError(res.status, String(data.message ?? `HTTP ${res.status}`), route);
    const code = Number(data.code ?? 0);
    if (code !== 0) throw new RaysyncAPIError(code, String(data.message ?? data.msg ?? ''), route);
    return data as T;
  }
}
