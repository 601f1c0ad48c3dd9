/**
 * The WebSocket transport, the only file that imports `ws`. An HTTP server on 127.0.0.1 accepts
 * upgrades that pass `checkUpgrade` (token, Origin) and refuses the rest with 401/403 before a
 * WebSocket exists; `maxPayload` (a hard cap above the RPC limit) makes ws close larger messages with 1009.
 * Every socket has an error listener from accept to after close (a reset ends that connection, never
 * the process), headers must arrive within the handshake timeout (slowloris), and a connection whose
 * unsent answers pass `maxBufferedBytes` is dropped (a client that does not read).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { checkUpgrade, type AuthVerdict } from './auth';
import { describeError, guardSocket, logOnce, notePeer, peerOf, rateLimited, stderrLog, type ConnLog } from './conn-log';
import type { MessageReader, MessageWriter } from './transport';

export interface WsListenOptions {
  host?: string;
  port?: number;
  token: string;
  maxPayload: number;
  /** Unsent bytes one connection may hold before it is dropped as a slow reader. */
  maxBufferedBytes: number;
  /** The whole upgrade request must arrive within this (default 10 s). */
  handshakeTimeoutMs?: number;
  log?: ConnLog;
  onConnection(reader: MessageReader, writer: MessageWriter): void;
  /** Decides an upgrade instead of the bearer-token check alone (the sidecar adds the monitor's cookie). */
  authorize?(headers: IncomingMessage['headers'], port: number): AuthVerdict;
  /** Plain HTTP requests (the monitor page); answers true when it handled the request. */
  onHttpRequest?(req: IncomingMessage, res: ServerResponse, port: number): boolean;
}

/** What the server side of a channel does with a peer that does not read. */
interface SlowReaderGuard {
  maxBufferedBytes: number;
  /** Logs the connection's end, once. */
  log: ConnLog;
  peer: string;
}

export interface WsListener {
  port: number;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, reason: string, lingerMs: number): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  // A peer that never closes its side must not keep the socket open.
  (socket as Socket).setTimeout?.(lingerMs, () => socket.destroy());
}

/**
 * Adapts one WebSocket to the reader/writer pair the RPC connection takes. With `guard` (the
 * server side), a write or pong that would pass `maxBufferedBytes` of unsent data drops the peer:
 * the close listeners run at once, so the connection stops working for it.
 */
export function wsChannel(ws: WebSocket, guard?: SlowReaderGuard): { reader: MessageReader; writer: MessageWriter } {
  const closeListeners: (() => void)[] = [];
  let gone = false;
  const fireClose = (): void => {
    if (gone) return;
    gone = true;
    for (const l of closeListeners) l();
  };
  ws.on('close', fireClose);
  const overLimit = (extra: number): boolean => {
    if (!guard || ws.bufferedAmount + extra <= guard.maxBufferedBytes) return false;
    guard.log(`connection from ${guard.peer} dropped: it does not read its answers (slow reader, ${ws.bufferedAmount} bytes unsent)`);
    ws.terminate();
    fireClose();
    return true;
  };
  if (guard) {
    // ws answers each ping with a pong and terminates a peer with 60 pongs unsent (a ping flood).
    ws.on('ping', () => {
      if (ws.readyState !== WebSocket.OPEN) guard.log(`connection from ${guard.peer} dropped: ping flood (its pongs are not read)`);
      if (ws.readyState !== WebSocket.OPEN) fireClose();
      else overLimit(0);
    });
  }
  return {
    reader: {
      onMessage: (l) => void ws.on('message', (data, isBinary) => l(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString())),
      onClose: (l) => void closeListeners.push(l),
    },
    writer: {
      write: (text) => {
        if (ws.readyState !== WebSocket.OPEN || overLimit(Buffer.byteLength(text))) return;
        ws.send(text);
      },
      close: (code, reason) => ws.close(code, reason),
    },
  };
}

/** Listens on 127.0.0.1 (port 0 = any free port). */
export async function listenWs(opts: WsListenOptions): Promise<WsListener> {
  const log = opts.log ?? stderrLog;
  const anonLog = rateLimited(log); // before the token is checked: anyone on the machine can flood it
  const handshakeMs = opts.handshakeTimeoutMs ?? 10_000;
  const http: Server = createServer(
    // Node checks the header timeout on this interval: a fraction of it keeps the drop prompt.
    { headersTimeout: handshakeMs, requestTimeout: handshakeMs, connectionsCheckingInterval: Math.max(100, Math.min(1000, handshakeMs / 4)) },
    (req, res) => {
      if (opts.onHttpRequest?.(req, res, port)) return;
      // Connection: close, so a body sent with the request (even a declared 10 GB) is not read.
      res.writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' }).end('This is the rayvision sidecar: connect with a WebSocket.');
    },
  );
  // Errors before the upgrade (a reset mid-headers, garbage, the handshake timeout) land here.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    logOnce(socket, anonLog, `connection from ${peerOf(socket)} dropped ${timeout ? `after the handshake timeout (${handshakeMs} ms)` : 'during the handshake'}: ${describeError(err)}`);
    socket.on('error', () => {}); // the socket may still fail while we answer it
    // As Node's default handler: a short answer if the socket still takes one, then gone.
    if (socket.writable && err.code !== 'ECONNRESET') socket.write(`HTTP/1.1 ${timeout ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    socket.destroy();
  });
  http.on('connection', notePeer);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload });
  let port = 0;
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP server lets go of the socket here: without this listener a reset kills the process.
    const verdict = opts.authorize ? opts.authorize(req.headers, port) : checkUpgrade(req.headers, opts.token, port);
    guardSocket(socket, verdict.ok ? 'connection' : `refused connection (${verdict.status})`, verdict.ok ? log : anonLog);
    if (!verdict.ok) {
      refuse(socket, verdict.status, verdict.reason, handshakeMs);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = peerOf(socket);
      // Protocol errors (bad frames, invalid UTF-8, 1009): ws closes that connection with the code.
      const once: ConnLog = (line) => logOnce(socket, log, line);
      ws.on('error', (err) => once(`connection from ${peer} closed: ${describeError(err)}`));
      const { reader, writer } = wsChannel(ws, { maxBufferedBytes: opts.maxBufferedBytes, log: once, peer });
      opts.onConnection(reader, writer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // After listen, e.g. EMFILE on accept: the server keeps listening, the log says why a client failed.
  http.on('error', (err) => log(`server error: ${describeError(err)}`));
  port = (http.address() as { port: number }).port;
  return {
    port,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      const closed = new Promise<void>((r) => http.close(() => r()));
      http.closeAllConnections(); // idle HTTP keep-alive sockets would hold close() open
      await closed;
    },
  };
}

/** True when a sidecar answers an authorised upgrade on `port` within `timeoutMs`. */
export function probeSidecar(port: number, token: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { headers: { Authorization: `Bearer ${token}` } });
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(false);
    }, timeoutMs);
    ws.on('open', () => {
      clearTimeout(timer);
      ws.close();
      resolve(true);
    });
    ws.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** Opens a client WebSocket to a sidecar; resolves with the reader/writer pair once open. */
export function connectWs(port: number, token: string, host = '127.0.0.1'): Promise<{ reader: MessageReader; writer: MessageWriter }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host}:${port}/`, { headers: { Authorization: `Bearer ${token}` }, maxPayload: 256 * 1024 * 1024 });
    ws.once('open', () => resolve(wsChannel(ws)));
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      reject(new Error(`The sidecar refused the connection (HTTP ${res.statusCode}): is sidecar.json current?`));
    });
    ws.once('error', (err) => reject(err));
    ws.on('error', () => {}); // after open, an error is followed by 'close', which the reader reports
  });
}
