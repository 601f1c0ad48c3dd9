/**
 * The WebSocket transport, the only file that imports `ws`. An HTTP server on 127.0.0.1 accepts
 * upgrades that pass `checkUpgrade` (token, Origin) and refuses the rest with 401/403 before a
 * WebSocket exists; `maxPayload` (a hard cap above the RPC limit) makes ws close larger messages with 1009.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { checkUpgrade } from './auth';
import type { MessageReader, MessageWriter } from './transport';

export interface WsListenOptions {
  host?: string;
  port?: number;
  token: string;
  maxPayload: number;
  onConnection(reader: MessageReader, writer: MessageWriter): void;
}

export interface WsListener {
  port: number;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/** Adapts one WebSocket to the reader/writer pair the RPC connection takes. */
export function wsChannel(ws: WebSocket): { reader: MessageReader; writer: MessageWriter } {
  return {
    reader: {
      onMessage: (l) => void ws.on('message', (data, isBinary) => l(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString())),
      onClose: (l) => void ws.on('close', () => l()),
    },
    writer: {
      write: (text) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      },
      close: (code, reason) => ws.close(code, reason),
    },
  };
}

/** Listens on 127.0.0.1 (port 0 = any free port). */
export async function listenWs(opts: WsListenOptions): Promise<WsListener> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('This is the rayvision sidecar: connect with a WebSocket.');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload });
  let port = 0;
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(req.headers, opts.token, port);
    if (!verdict.ok) {
      refuse(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {}); // e.g. 1009 on an oversized frame: ws closes it; others keep going
      const { reader, writer } = wsChannel(ws);
      opts.onConnection(reader, writer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
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
  });
}
