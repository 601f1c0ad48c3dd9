/**
 * Keeps the farm's one HTTP server alive whatever a client does: every request, response and socket
 * has an error listener, a broken request (reset mid-headers, garbage, the header timeout) is
 * answered if the socket still takes it and dropped, and each dropped connection is logged once
 * with its cause. The farm's own copy (farm/ shares no code paths with the client side).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type FarmLog = (line: string) => void;

/** Writes `rayvision farm: <line>` to stderr. */
export const stderrFarmLog: FarmLog = (line) => void process.stderr.write(`rayvision farm: ${line}\n`);

const logged = new WeakSet<Duplex>();
const peers = new WeakMap<Duplex, string>();

function cause(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code} ${message}` : message;
}

/** Logs the end of `socket` once: the first cause wins, later errors (after close) are dropped. */
export function logDrop(log: FarmLog, socket: Duplex | null | undefined, what: string, err?: unknown): void {
  if (!socket || logged.has(socket)) return;
  logged.add(socket);
  log(`connection from ${peers.get(socket) ?? 'unknown peer'} dropped ${what}${err === undefined ? '' : `: ${cause(err)}`}`);
}

/** Answers (if possible) and closes a connection whose request is broken or refused. */
export function closeWith(socket: Duplex, statusLine: string): void {
  socket.on('error', () => {});
  if (socket.writable) socket.write(`HTTP/1.1 ${statusLine}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** Installs the server-level guards; `headersTimeoutMs` is the server's header timeout, for the log. */
export function guardFarmServer(server: Server, log: FarmLog, headersTimeoutMs: number): void {
  server.on('connection', (socket: Socket) => {
    if (socket.remoteAddress) peers.set(socket, `${socket.remoteAddress}:${socket.remotePort}`);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    logDrop(log, socket, timeout ? `after the request timeout (${headersTimeoutMs} ms)` : 'on a broken request', err);
    if (err.code === 'ECONNRESET') socket.destroy();
    else closeWith(socket, timeout ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request');
  });
  server.on('error', (err) => log(`server error: ${cause(err)}`));
}

/** Gives one request and its response error listeners (a reset mid-body reaches them). */
export function guardExchange(req: IncomingMessage, res: ServerResponse, log: FarmLog): void {
  const drop = (err: unknown): void => {
    logDrop(log, req.socket, 'mid-request', err);
    req.socket?.destroy();
  };
  req.on('error', drop);
  res.on('error', drop);
}
