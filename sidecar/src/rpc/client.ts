/**
 * A TypeScript client of the sidecar over any reader/writer (CLI, demo, benches, tests): typed
 * requests via json-rpc-2.0's JSONRPCClient, notification listeners, and `runJob` which starts a
 * long method and resolves with its `job/end` result.
 */
import { JSONRPCClient, type JSONRPCResponse } from 'json-rpc-2.0';
import { PROTOCOL_VERSION } from '../../../protocol/src/version';
import type { MethodByName, MethodName, ParamsIn, Progress } from '../../../protocol/src/index';
import type { z } from 'zod';
import { RpcException } from './rpc-errors';
import type { MessageReader, MessageWriter } from './transport';

type Note = { method: string; params: any };

/** The connection to the sidecar was lost while a job ran (the sidecar stopped or was killed). */
export class ConnectionLostError extends Error {
  constructor(readonly jobId: string) {
    super('The sidecar connection closed during the job.');
  }
}

/** A connection to the sidecar, seen from the client side. */
export class SidecarClient {
  private readonly rpc: JSONRPCClient;
  private readonly listeners = new Set<(n: Note) => void>();
  private closedFlag = false;
  readonly closed: Promise<void>;

  constructor(reader: MessageReader, private readonly writer: MessageWriter) {
    this.rpc = new JSONRPCClient((req) => {
      writer.write(JSON.stringify(req));
    });
    reader.onMessage((text) => {
      const msg = JSON.parse(text) as JSONRPCResponse | Note | JSONRPCResponse[];
      for (const m of Array.isArray(msg) ? msg : [msg]) {
        if ('method' in m) for (const l of this.listeners) l(m as Note);
        else this.rpc.receive(m as JSONRPCResponse);
      }
    });
    this.closed = new Promise((r) =>
      reader.onClose(() => {
        this.closedFlag = true;
        this.rpc.rejectAllPendingRequests('The sidecar connection closed.');
        r();
      }),
    );
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** Calls a method; an error answer throws an RpcException with the same code and data. */
  async call<N extends MethodName>(method: N, params: ParamsIn<MethodByName<N>>): Promise<z.output<MethodByName<N>['result']>> {
    const response = await this.rpc.requestAdvanced({ jsonrpc: '2.0', id: this.nextId(), method, params });
    if (response.error) throw new RpcException(response.error.code, response.error.message, response.error.data);
    return response.result;
  }

  /** Listens to every notification; returns the unsubscribe function. */
  onNotification(listener: (n: Note) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `session/initialize` with this package's protocol version. */
  initialize(name: string, version = '0', extra: { host?: 'houdini' | 'maya' | 'clarisse'; loadFrames?: boolean; profile?: string } = {}) {
    return this.call('session/initialize', {
      protocolVersion: PROTOCOL_VERSION,
      client: { name, version, ...(extra.host ? { host: extra.host } : {}) },
      capabilities: { loadFrames: extra.loadFrames ?? false },
      ...(extra.profile ? { profile: extra.profile } : {}),
    });
  }

  /**
   * Starts a long method and resolves with its job result (rejects with the job's error).
   * `onNote` sees every notification of the job (progress, download/frame …).
   */
  async runJob<N extends MethodName>(
    method: N,
    params: ParamsIn<MethodByName<N>>,
    onNote: (n: Note) => void = () => {},
    onStarted: (jobId: string) => void = () => {},
    /** Called instead of nothing when the sidecar answered with a same-work job that still runs. */
    onAttached: (jobId: string) => void = () => {},
  ): Promise<any> {
    let jobId: string | undefined;
    const early: Note[] = [];
    let settle!: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
    const done = new Promise((resolve, reject) => (settle = { resolve, reject }));
    const handle = (n: Note) => {
      if (n.params?.jobId !== jobId) return;
      if (n.method === 'job/end') {
        if (n.params.ok) settle.resolve(n.params.result);
        else settle.reject(new RpcException(n.params.error.code, n.params.error.message, n.params.error.data));
      } else onNote(n);
    };
    const off = this.onNotification((n) => (jobId === undefined ? early.push(n) : handle(n)));
    try {
      const started = (await this.call(method, params)) as { jobId: string; attached?: boolean };
      jobId = started.jobId;
      onStarted(jobId);
      if (started.attached) onAttached(jobId);
      for (const n of early) handle(n);
      const id = jobId;
      return await Promise.race([done, this.closed.then(() => Promise.reject(new ConnectionLostError(id)))]);
    } finally {
      off();
    }
  }

  close(): void {
    this.writer.close(1000, 'bye');
  }

  private id = 0;
  private nextId(): number {
    this.id += 1;
    return this.id;
  }
}

/** Formats a progress object as one short line (CLI, demo). */
export function progressLine(p: Progress): string {
  const parts: string[] = [];
  if (p.stage) parts.push(`[${p.stage}]`);
  if (p.title) parts.push(p.title);
  const c = (name: string, x?: { transferred: number; total?: number }) => x && parts.push(`${name} ${x.transferred}${x.total !== undefined ? `/${x.total}` : ''}`);
  c('files', p.files);
  c('frames', p.frames);
  c('bytes', p.bytes);
  if (p.message) parts.push(p.message);
  return parts.join(' ');
}
