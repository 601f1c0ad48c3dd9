// A pass-through HTTP proxy in front of a farm that counts what reaches the farm. Clients use the
// proxy's host:port as their domain; the Host header (part of the signature) is forwarded unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  domain: string;
  /** Paths of requests forwarded to the farm, in order. */
  paths: string[];
  count(path?: string): number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1:0 forwarding to `target` (host:port). */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const paths: string[] = [];
  const agent = new http.Agent({ keepAlive: false });
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy()); // the farm dropped it: drop the client too
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    paths,
    count: (path) => (path === undefined ? paths.length : paths.filter((p) => p === path).length),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
