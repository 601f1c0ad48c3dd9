// A small JSON-RPC client over a real WebSocket, as the plugins use it: requests by id,
// notifications collected, raw frames for conformance checks.
import { WebSocket } from 'ws';
import { findMethod, findNotification } from '../../../protocol/src/index';

export interface RpcResponse {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: any;
  error?: { code: number; message: string; data?: any };
}
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params: any;
}

export class TestClient {
  readonly notifications: RpcNotification[] = [];
  readonly raw: unknown[] = [];
  private nextId = 1;
  private readonly waiters = new Map<string | number, (r: RpcResponse) => void>();
  private readonly rawWaiters: ((m: unknown) => void)[] = [];
  private readonly noteWaiters: { pred: (n: RpcNotification) => boolean; resolve: (n: RpcNotification) => void }[] = [];
  closeCode: number | undefined;
  /** Notifications or job results that broke the declared contract (tests assert it stays empty). */
  readonly contractErrors: string[] = [];
  private readonly jobMethods = new Map<string, string>();
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((r) => ws.on('close', (code) => ((this.closeCode = code), r(code))));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      this.raw.push(msg);
      const rw = this.rawWaiters.shift();
      if (rw) rw(msg);
      if (!Array.isArray(msg) && msg.method) {
        // Every notification must match its declared schema (the contract, checked on the wire).
        const spec = findNotification(msg.method);
        if (!spec) this.contractErrors.push(`undeclared notification ${msg.method}`);
        else if (!spec.params.safeParse(msg.params).success) this.contractErrors.push(`${msg.method} params do not match: ${JSON.stringify(msg.params).slice(0, 200)}`);
        if (msg.method === 'job/end' && msg.params.ok) {
          const method = this.jobMethods.get(msg.params.jobId);
          const job = method ? findMethod(method)?.jobResult : undefined;
          if (job && !job.safeParse(msg.params.result).success) this.contractErrors.push(`${method} job result does not match its schema`);
        }
        this.notifications.push(msg);
        for (const w of [...this.noteWaiters]) {
          if (w.pred(msg)) {
            this.noteWaiters.splice(this.noteWaiters.indexOf(w), 1);
            w.resolve(msg);
          }
        }
        return;
      }
      for (const r of Array.isArray(msg) ? msg : [msg]) {
        const w = r.id !== null ? this.waiters.get(r.id) : undefined;
        if (w) {
          this.waiters.delete(r.id);
          w(r);
        }
      }
    });
  }

  /** Opens a connection; resolves once open (rejects with the HTTP status on a refused upgrade). */
  static open(port: number, token: string | undefined, headers: Record<string, string> = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`, {
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      });
      ws.on('open', () => resolve(new TestClient(ws)));
      ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.on('error', (e) => reject(e));
    });
  }

  /** Sends a request and resolves with the whole response object. */
  request(method: string, params?: unknown): Promise<RpcResponse> {
    const id = this.nextId++;
    const p = new Promise<RpcResponse>((r) => this.waiters.set(id, r));
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
    return p;
  }

  /** Sends a request and returns its result, throwing on an error answer. */
  async call<T = any>(method: string, params?: unknown): Promise<T> {
    const r = await this.request(method, params);
    if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
    if (r.result && typeof r.result.jobId === 'string') this.jobMethods.set(r.result.jobId, method);
    return r.result as T;
  }

  /** Sends raw text and resolves with the next message received. */
  sendRaw(text: string): Promise<any> {
    const p = new Promise<unknown>((r) => this.rawWaiters.push(r));
    this.ws.send(text);
    return p;
  }

  /** Resolves with the first notification (already received or future) matching. */
  waitNotification(pred: (n: RpcNotification) => boolean): Promise<RpcNotification> {
    const seen = this.notifications.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.noteWaiters.push({ pred, resolve }));
  }

  /** Resolves with the `job/end` params of a job. */
  async jobEnd(jobId: string): Promise<{ jobId: string; ok: boolean; result?: any; error?: any }> {
    return (await this.waitNotification((n) => n.method === 'job/end' && n.params.jobId === jobId)).params;
  }

  async initialize(name = 'test'): Promise<any> {
    return this.call('session/initialize', { protocolVersion: '1.0', client: { name, version: '0' } });
  }

  close(): void {
    this.ws.close();
  }
}
