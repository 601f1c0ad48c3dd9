/**
 * One client connection over any reader/writer: JSON parsing, request-envelope checks, batches
 * (answered as an array, per JSON-RPC 2.0 §6), the size limit both ways, and outgoing notifications.
 * It knows nothing of WebSockets.
 */
import { randomUUID } from 'node:crypto';
import type { JSONRPCRequest, JSONRPCResponse } from 'json-rpc-2.0';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import { DEFAULT_PROFILE } from '../credentials/profiles-file';
import { answerText, batchText } from './bounded-reply';
import type { ClientHello, ConnectionState, HandlerContext, SidecarServices } from './context';
import type { MessageReader, MessageWriter } from './transport';

type Id = string | number | null;

/** Answers one well-formed request (the json-rpc-2.0 server's `receive`, possibly still loading). */
export type Dispatch = (request: JSONRPCRequest, ctx: HandlerContext) => PromiseLike<JSONRPCResponse | null>;

const errorResponse = (id: Id, code: number, message: string): JSONRPCResponse => ({ jsonrpc: '2.0', id, error: { code, message } });

function validId(id: unknown): id is Id {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/** The envelope rules of JSON-RPC 2.0 §4: jsonrpc "2.0", a string method, a valid id, object/array params. */
function isRequest(v: unknown): v is JSONRPCRequest {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  if (r.jsonrpc !== '2.0' || typeof r.method !== 'string') return false;
  if ('id' in r && !validId(r.id)) return false;
  if ('params' in r && (typeof r.params !== 'object' || r.params === null)) return false;
  return true;
}

/** The server side of one client connection. */
export class Connection implements ConnectionState {
  readonly id = randomUUID();
  initialized = false;
  client?: ClientHello;
  profile = DEFAULT_PROFILE;
  private closed = false;
  private readonly ctx: HandlerContext;

  constructor(
    private readonly reader: MessageReader,
    private readonly writer: MessageWriter,
    private readonly dispatch: Dispatch,
    private readonly sidecar: SidecarServices,
    private readonly onGone: (conn: Connection) => void = () => {},
  ) {
    const conn = this;
    // The session is looked up per call: session/login { profile } switches the connection's profile.
    this.ctx = { sidecar, conn, get session() { return sidecar.sessions.get(conn.profile); } };
    reader.onMessage((text) => void this.receive(text));
    reader.onClose(() => this.gone());
  }

  /** Sends a notification unless the peer is gone. */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Closes the channel (the peer sees `code`). */
  close(code = 1000, reason = ''): void {
    this.writer.close(code, reason);
    this.gone();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async receive(text: string): Promise<void> {
    if (this.closed) return; // e.g. dropped as a slow reader: the rest of its input is not worth running
    if (Buffer.byteLength(text, 'utf8') > this.sidecar.maxMessageBytes) {
      this.send(errorResponse(null, ErrorCodes.MessageTooLarge, `Message over ${this.sidecar.maxMessageBytes} bytes: send less at once.`));
      this.close(1009, 'Message too big');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      this.send(errorResponse(null, ErrorCodes.ParseError, 'Parse error: the message is not valid JSON.'));
      return;
    }
    if (Array.isArray(payload)) {
      if (payload.length === 0) {
        this.send(errorResponse(null, ErrorCodes.InvalidRequest, 'Invalid Request: empty batch.'));
        return;
      }
      const answers = await Promise.all(payload.map((p) => this.handle(p)));
      const responses = answers.filter((a): a is JSONRPCResponse => a !== null);
      if (responses.length > 0) this.sendText(batchText(responses, this.sidecar.maxMessageBytes));
      return;
    }
    const answer = await this.handle(payload);
    if (answer) this.sendText(answerText(answer, this.sidecar.maxMessageBytes));
  }

  private async handle(request: unknown): Promise<JSONRPCResponse | null> {
    if (!isRequest(request)) {
      const id = typeof request === 'object' && request !== null && validId((request as { id?: unknown }).id) ? ((request as { id: Id }).id) : null;
      return errorResponse(id, ErrorCodes.InvalidRequest, 'Invalid Request: expected {"jsonrpc":"2.0","method":string,"id"?,"params"?:object}.');
    }
    return (await this.dispatch(request, this.ctx)) ?? null;
  }

  private send(message: unknown): void {
    if (this.closed) return;
    this.writer.write(JSON.stringify(message));
  }

  private sendText(text: string): void {
    if (!this.closed) this.writer.write(text);
  }

  private gone(): void {
    if (this.closed) return;
    this.closed = true;
    this.onGone(this);
  }
}
