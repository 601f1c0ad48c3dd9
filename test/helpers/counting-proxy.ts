/**
 * A counting HTTP proxy in front of a local farm: every request of the client (REST and storage)
 * passes through it and is counted here, independently of the SDK's and the farm's own bookkeeping.
 * The farm advertises its own port for storage (transfer lines, Raysync settings); the proxy rewrites
 * those numbers in JSON answers to its own port, so storage traffic cannot go around it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** "127.0.0.1:<port>": give it to the client as `domain`. */
  domain: string;
  port: number;
  /** Every request seen, in order: method and path (query included). */
  readonly seen: readonly { method: string; path: string }[];
  /** Requests whose path starts with `prefix` (e.g. "/storage/", "/api/render/task/createTask"). */
  count(prefix: string): number;
  close(): Promise<void>;
}

/** Rewrites port numbers (keys containing "port") equal to `from` into `to`, anywhere in a JSON value. */
function rewritePorts(value: unknown, from: number, to: number, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => rewritePorts(v, from, to, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewritePorts(v, from, to, k)]));
  }
  if (/port/i.test(key) && (value === from || value === String(from))) return typeof value === 'number' ? to : String(to);
  return value;
}

/** Starts a proxy on 127.0.0.1 port 0 forwarding to `target` (host, port). */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const seen: { method: string; path: string }[] = [];
  let own = 0;
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    // The Host header is forwarded as the client sent it: the farm checks signatures against it.
    const out = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const json = /json/i.test(String(up.headers['content-type'] ?? ''));
      if (!json) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        try {
          body = Buffer.from(JSON.stringify(rewritePorts(JSON.parse(body.toString('utf8')), target.port, own)));
        } catch {
          // not JSON after all: pass it on as it came
        }
        const headers = { ...up.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  own = (server.address() as AddressInfo).port;
  return {
    domain: `127.0.0.1:${own}`,
    port: own,
    seen,
    count: (prefix) => seen.filter((s) => s.path.startsWith(prefix)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
