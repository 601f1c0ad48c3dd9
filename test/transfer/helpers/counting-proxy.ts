/**
 * A front door for the farm's storage that counts every request the farm receives, by operation
 * and by server path, then forwards it untouched. Tests point the http engine's line at it to assert
 * exactly which files reached the farm.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  port: number;
  /** Requests seen, keyed `<op>` (init, chunk, commit, get …). */
  byOp: Map<string, number>;
  /** Server paths (decoded, below the bid) that received any request. */
  paths: Set<string>;
  /** Response body bytes the farm sent back through the proxy (downloads). */
  bytesDown: number;
  reset(): void;
  close(): Promise<void>;
}

/** Start a counting proxy to `target` (host, port) on 127.0.0.1 port 0. */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const byOp = new Map<string, number>();
  const paths = new Set<string>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let bytesDown = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const op = url.searchParams.get('op') ?? req.method!.toLowerCase();
    byOp.set(op, (byOp.get(op) ?? 0) + 1);
    const m = /^\/storage\/[^/]+(\/.*)$/.exec(url.pathname);
    if (m) paths.add(m[1]!.split('/').map(decodeURIComponent).join('/'));
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.on('data', (chunk: Buffer) => (bytesDown += chunk.length));
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    byOp,
    paths,
    get bytesDown() {
      return bytesDown;
    },
    reset() {
      byOp.clear();
      paths.clear();
      bytesDown = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
