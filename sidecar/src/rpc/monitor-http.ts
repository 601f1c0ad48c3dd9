/**
 * The monitor page's HTTP routes, on the sidecar's own port (127.0.0.1 only):
 * - `GET /monitor/open?code=…` spends a one-time code: session cookie (HttpOnly, SameSite=Strict)
 *   and a redirect to the page; a used, expired or missing code gets 401 and nothing else;
 * - `GET /monitor/` and its static files, only with a live session cookie (else 401, no content).
 * The page's data never travels here: it comes over the page's WebSocket (JSON-RPC, like any client).
 * Requests must name our host (`127.0.0.1:<port>`), which defeats DNS-rebinding pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { MONITOR_COOKIE, type MonitorAuth } from './monitor-auth';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const REFUSED = 'This monitor link is not valid (used already, expired, or opened without one). '
  + 'Run `rayvision monitor` or the Tasks shelf tool for a new link.\n';

function securityHeaders(port: number): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ws://127.0.0.1:${port}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  };
}

/** Loads the page's files once (a few KB); names outside this list are 404. */
function loadFiles(dir: string | undefined): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (!dir) return files;
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { body: readFileSync(path.join(dir, name)), type });
  }
  return files;
}

/** The request handler for `/monitor…` paths; answers false for every other path. */
export function monitorHttp(auth: MonitorAuth, pageDir: string | undefined): (req: IncomingMessage, res: ServerResponse, port: number) => boolean {
  const files = loadFiles(pageDir);
  return (req, res, port) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/monitor' && !url.pathname.startsWith('/monitor/')) return false;
    req.resume();
    const headers = securityHeaders(port);
    const refuse = (status: number, text: string) => void res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
    if (req.headers.host !== `127.0.0.1:${port}`) return (refuse(403, 'Open the monitor at 127.0.0.1 (the link the CLI prints).\n'), true);
    if (req.method !== 'GET' && req.method !== 'HEAD') return (refuse(405, 'The monitor page is read with GET.\n'), true);
    if (url.pathname === '/monitor/open') {
      const sid = auth.redeem(url.searchParams.get('code'));
      if (!sid) return (refuse(401, REFUSED), true);
      res.writeHead(303, {
        ...headers,
        'Set-Cookie': `${MONITOR_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Strict`,
        Location: '/monitor/',
      }).end();
      return true;
    }
    if (!auth.validCookie(req.headers.cookie)) return (refuse(401, REFUSED), true);
    if (url.pathname === '/monitor') {
      res.writeHead(308, { ...headers, Location: '/monitor/' }).end();
      return true;
    }
    const name = url.pathname === '/monitor/' ? 'index.html' : url.pathname.slice('/monitor/'.length);
    const file = files.get(name);
    if (!file) {
      refuse(files.size === 0 ? 500 : 404, files.size === 0 ? 'The monitor page files are missing from this installation (npm run build).\n' : 'Not found.\n');
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Type': file.type, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  };
}
