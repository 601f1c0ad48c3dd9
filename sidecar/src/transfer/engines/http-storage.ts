/**
 * Client side of the local farm's HTTP storage protocol (docs/storage-protocol.md): URLs, Basic auth
 * and error mapping. Used by the http engine's upload (http-upload-file.ts) and available to the
 * download side. The storage password lives only in a closure, never on an enumerable field.
 */
import http from 'node:http';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { StorageRequestError } from '../errors';
import { AbortedError } from '../../errors';
import type { TransferLine } from '../transfer-line';

export interface StorageClient {
  /** Full URL of `serverPath` in storage `bid`, each segment URL-encoded. */
  url(bid: string, serverPath: string, query?: Record<string, string | number>): string;
  /** Send a request; non-2xx answers become StorageRequestError (except statuses in `accept`). */
  request<T = unknown>(config: AxiosRequestConfig, accept?: number[]): Promise<AxiosResponse<T>>;
}

/** Encode a server path ("/D/tex/a b.png") segment by segment; refuses empty/`..` segments early. */
export function encodeServerPath(serverPath: string): string {
  if (serverPath === '/') return ''; // the storage root (batch calls)
  const segments = serverPath.replace(/\\/g, '/').split('/').filter((s, i) => !(i === 0 && s === ''));
  if (segments.some((s) => s === '' || s === '..' || s === '.' || s.includes('\0'))) {
    throw new StorageRequestError(`Server path "${serverPath}" has an empty, "." or ".." segment; fix the "server" entry in upload.json.`, {
      retryable: false,
      path: serverPath,
    });
  }
  return segments.map(encodeURIComponent).join('/');
}

/** Statuses worth another attempt: timeouts, a busy or out-of-step upload (409), throttling, server faults. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 409 || status === 429 || status >= 500;

/** Make a storage client for one transfer line (protocol `http` on the local farm). */
export function createStorageClient(line: TransferLine, opts: { protocol?: 'http' | 'https'; timeoutMs?: number } = {}): StorageClient {
  const base = `${opts.protocol ?? 'http'}://${line.serverIp}:${line.serverPort}`;
  const auth = line.account ? `Basic ${Buffer.from(`${line.account.name}:${line.account.password}`).toString('base64')}` : undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const ax: AxiosInstance = axios.create({
    httpAgent: agent,
    timeout: opts.timeoutMs ?? 120_000,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    validateStatus: () => true,
    proxy: false,
    // The storage never redirects; without redirects axios uses Node's http directly (less per-request work).
    maxRedirects: 0,
  });
  return {
    url(bid, serverPath, query) {
      const qs = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
      return `${base}/storage/${encodeURIComponent(bid)}/${encodeServerPath(serverPath)}${qs}`;
    },
    async request<T>(config: AxiosRequestConfig, accept: number[] = []) {
      const headers = { ...(config.headers as Record<string, string> | undefined), ...(auth ? { Authorization: auth } : {}) };
      let res: AxiosResponse<T>;
      try {
        res = await ax.request<T>({ ...config, headers });
      } catch (cause) {
        if (config.signal && (config.signal as AbortSignal).aborted) throw new AbortedError('The transfer was cancelled.', { cause });
        const code = (cause as { code?: string }).code;
        throw new StorageRequestError(`Storage request failed (${code ?? 'network error'}); the farm may be unreachable.`, { retryable: true, cause: scrub(cause) });
      }
      if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) return res;
      const body = res.data as { error?: string; message?: string } | undefined;
      throw new StorageRequestError(`Storage answered ${res.status}${body?.message ? `: ${body.message}` : ''}.`, {
        status: res.status,
        retryable: isRetryableStatus(res.status),
        ...(body?.error ? { serverCode: body.error } : {}),
      });
    },
  };
}

/** Keep an axios error's message and code but drop its request config (it holds the auth header). */
function scrub(cause: unknown): Error {
  const e = new Error(cause instanceof Error ? cause.message : String(cause));
  const code = (cause as { code?: string }).code;
  if (code) Object.assign(e, { code });
  return e;
}
