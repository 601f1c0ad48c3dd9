/**
 * The one request path: build and sign (fresh timestamp and nonce per attempt), POST through axios,
 * map the envelope, and loop on the pure retry decision. Owns timeouts, cancel and error mapping.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { AbortedError, FarmError, throwIfAborted } from '../errors';
import { buildRequest, randomNonce, unixSeconds, type BuiltRequest } from './build-request';
import { apiErrorFor, parseEnvelope } from './envelope';
import { RayvisionNetworkError } from './errors';
import { silentLogger, type ApiLogger } from './logger';
import { decideRetry, parseRetryAfter, type ApiAttemptOutcome, type ApiRetryPolicy } from './retry';
import type { Signer } from './sign';

export interface TransportOptions {
  domain: string;
  platform: string;
  protocol: 'https' | 'http';
  accessId: string;
  signer: Signer;
  /** Per-request timeout in seconds (the old SDK's `timeout`, default 60). */
  timeout: number;
  retry: ApiRetryPolicy;
  logger: ApiLogger;
  /** Extra headers, signed like the base set. */
  headers?: Record<string, string>;
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
  /** Clock in ms and nonce source, injectable for tests. */
  now?: () => number;
  nonce?: () => number;
  random?: () => number;
}

/** What a call needs to know about its endpoint. */
export interface SendTarget {
  name: string;
  path: string;
  idempotent: boolean;
}

/** Per-call options every API method accepts as its last argument. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Override the retry policy for this call; `false` means one attempt only. */
  retry?: Partial<ApiRetryPolicy> | false;
  /** Timeout of this call in seconds. */
  timeout?: number;
}

type AttemptResult = { ok: true; data: unknown } | { ok: false; error: FarmError; outcome: ApiAttemptOutcome };

export class Transport {
  private readonly http: AxiosInstance;
  private readonly agents: Array<http.Agent | https.Agent> = [];
  private readonly freshAgents: { http: http.Agent; https: https.Agent };
  /** Requests sent (attempts), for diagnostics and tests. */
  requestCount = 0;

  constructor(private readonly options: TransportOptions) {
    const keep = { keepAlive: true, maxSockets: 16 };
    const httpAgent = options.httpAgent ?? this.own(new http.Agent(keep));
    const httpsAgent = options.httpsAgent ?? this.own(new https.Agent(keep));
    // Non-idempotent calls go over a fresh connection: a stale keep-alive socket would fail them
    // in a way that looks like "may have reached the server", which forbids the retry.
    this.freshAgents = { http: this.own(new http.Agent({ keepAlive: false })), https: this.own(new https.Agent({ keepAlive: false })) };
    this.http = axios.create({ httpAgent, httpsAgent, maxRedirects: 0, responseType: 'text', transformResponse: [(d) => d] });
    Object.defineProperty(this, 'options', { enumerable: false });
  }

  private own<T extends http.Agent | https.Agent>(agent: T): T {
    this.agents.push(agent);
    return agent;
  }

  get domain(): string {
    return this.options.domain;
  }

  get platform(): string {
    return this.options.platform;
  }

  /** Closes the connections this transport opened. */
  close(): void {
    for (const agent of this.agents) agent.destroy();
  }

  /** Signs and POSTs `body` to `target`, retrying per policy; resolves to the envelope's `data`. */
  async post<T = unknown>(target: SendTarget, body: Record<string, unknown>, call: CallOptions = {}): Promise<T> {
    const policy: ApiRetryPolicy = call.retry === false ? { ...this.options.retry, retries: 0 } : { ...this.options.retry, ...call.retry };
    const log = this.options.logger ?? silentLogger;
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(call.signal);
      const request = this.build(target, body);
      log.debug?.(`POST ${request.url} (${target.name}, attempt ${attempt})`);
      const result = await this.attempt(target, request, call);
      if (result.ok) return result.data as T;
      const random = (this.options.random ?? Math.random)();
      const decision = decideRetry({ outcome: result.outcome, attempt, idempotent: target.idempotent, policy, random });
      if (!decision.retry) {
        log.debug?.(`${target.name} failed, not retried: ${decision.reason}`);
        throw result.error;
      }
      log.warn?.(`${target.name} attempt ${attempt} failed (${result.error.code}); retrying in ${decision.delayMs} ms`);
      await sleep(decision.delayMs, call.signal);
    }
  }

  private build(target: SendTarget, body: Record<string, unknown>): BuiltRequest {
    const o = this.options;
    const now = (o.now ?? Date.now)();
    return buildRequest(
      { domain: o.domain, path: target.path, platform: o.platform, protocol: o.protocol, headers: o.headers },
      body,
      { accessId: o.accessId, signer: o.signer },
      unixSeconds(now),
      (o.nonce ?? randomNonce)(),
    );
  }

  private async attempt(target: SendTarget, request: BuiltRequest, call: CallOptions): Promise<AttemptResult> {
    const fresh = !target.idempotent;
    this.requestCount += 1;
    try {
      const response = await this.http.request<string>({
        method: 'POST',
        url: request.url,
        headers: request.headers,
        data: request.body,
        timeout: Math.round((call.timeout ?? this.options.timeout) * 1000),
        signal: call.signal,
        validateStatus: () => true,
        ...(fresh ? { httpAgent: this.freshAgents.http, httpsAgent: this.freshAgents.https } : {}),
      });
      return this.interpret(target, request.url, response.status, String(response.data ?? ''), response.headers['retry-after']);
    } catch (error) {
      return this.failure(target, request.url, error, call.signal);
    }
  }

  private interpret(target: SendTarget, url: string, status: number, text: string, retryAfterHeader: unknown): AttemptResult {
    const envelope = parseEnvelope(text);
    const retryAfterMs = parseRetryAfter(retryAfterHeader);
    if (!envelope) {
      const error = new RayvisionNetworkError(
        'ERR_HTTP',
        `The farm answered ${target.name} with HTTP ${status} and no API envelope (a gateway or proxy page?): check the domain and protocol, or try again later.`,
        { url, status, details: { endpoint: target.name, status } },
      );
      return { ok: false, error, outcome: { kind: 'http', status, retryAfterMs } };
    }
    if (envelope.code === 200) return { ok: true, data: envelope.data ?? null };
    this.options.logger?.debug?.(`${target.name}: farm code ${envelope.code}`);
    return { ok: false, error: apiErrorFor(envelope, url, target.name), outcome: { kind: 'farm', farmCode: envelope.code, status, retryAfterMs } };
  }

  private failure(target: SendTarget, url: string, error: unknown, signal: AbortSignal | undefined): AttemptResult {
    if (signal?.aborted || axios.isCancel(error)) {
      return { ok: false, error: new AbortedError(`${target.name} was cancelled.`), outcome: { kind: 'fatal' } };
    }
    const code = (error instanceof AxiosError ? error.code : (error as { code?: string })?.code) ?? 'UNKNOWN';
    // Keep a secret-free cause: the axios error carries the signed headers.
    const cause = new Error(`${code}: ${(error as Error)?.message ?? String(error)}`);
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      const timeout = new RayvisionNetworkError('ERR_TIMEOUT', `${target.name} timed out: the farm did not answer in time; check the network or raise the timeout.`, { url, cause, details: { endpoint: target.name } });
      return { ok: false, error: timeout, outcome: { kind: 'timeout' } };
    }
    const network = new RayvisionNetworkError('ERR_NETWORK', `Could not reach the farm for ${target.name} (${code}): check the network, the domain and any proxy.`, { url, cause, details: { endpoint: target.name, errorCode: code } });
    return { ok: false, error: network, outcome: { kind: 'network', errorCode: code } };
  }
}

/** Waits `ms`, or rejects with AbortedError as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError(undefined, { cause: signal.reason }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(undefined, { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
