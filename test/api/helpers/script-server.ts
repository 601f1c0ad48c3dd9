// A tiny scripted HTTP server on 127.0.0.1:0 for transport tests: it records every request and
// answers each one with the next scripted reply (an envelope, a raw page, a dropped connection, a hang).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { kind: 'envelope'; code?: number; data?: unknown; message?: string; status?: number; requestId?: string; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'drop' }
  | { kind: 'hang' };

export interface ScriptServer {
  domain: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server answering request n with `script(n, request)` (n counts from 0). */
export async function startScriptServer(script: (n: number, req: SeenRequest) => Reply): Promise<ScriptServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const reply: Reply = script(seen.length - 1, request) ?? { kind: 'hang' }; // past the script: hang
      if (reply.kind === 'drop') return req.socket.destroy();
      if (reply.kind === 'hang') return;
      if (reply.kind === 'raw') {
        res.writeHead(reply.status, { 'content-type': 'text/html', ...reply.headers });
        return res.end(reply.body);
      }
      const envelope = { version: '2.0.0', result: (reply.code ?? 200) === 200, message: reply.message ?? 'success', code: reply.code ?? 200, data: reply.data ?? null, serverTime: Date.now(), requestId: reply.requestId ?? null };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(envelope));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ok = (data: unknown = null): Reply => ({ kind: 'envelope', code: 200, data });
