/**
 * The farm's one HTTP server: injects faults first, then sends `/storage/…` to the storage server
 * and everything else to the REST handler. Hostile clients (resets, trickled or lying bodies, a
 * 10 GB Content-Length) cost one connection, never the process (net-guard.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FarmContext } from './context';
import { gatewayPage } from './faults';
import { guardExchange, guardFarmServer } from './net-guard';
import { declaredLength, REST_BODY_LIMIT } from './read-body';
import { Code, envelope, sendEnvelope } from './rest/envelope';
import { handleApi } from './rest/handle-api';
import type { RouteTable } from './rest/route';
import { sendStorageError } from './storage/reply';
import { handleStorage } from './storage/server';
import { MAX_CHUNK_BYTES } from './storage/upload';
import { handleThumbnail, isThumbnailPath } from './thumbnails';

const MAX_LOG = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function dispatch(ctx: FarmContext, routes: RouteTable, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://farm.invalid');
  // Decide on the raw path: URL parsing would fold "/storage/../x" into "/x".
  const kind = (req.url ?? '/').startsWith('/storage/') ? 'storage' : 'api';
  const held = ctx.faults.heldUntil(kind);
  if (held) await held;
  const latency = ctx.faults.latency(kind, url.pathname);
  if (latency > 0) await sleep(latency);
  const fault = ctx.faults.decide(kind, url.pathname);
  ctx.requests.push({ method: req.method ?? '', path: (req.url ?? '/').split('?')[0]!, kind, fault: fault?.kind, at: ctx.now() });
  if (ctx.requests.length > MAX_LOG) ctx.requests.splice(0, ctx.requests.length - MAX_LOG);
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'hang') return; // never answered; close() destroys the socket
  if (fault?.kind === 'error') {
    req.resume();
    if (fault.html) {
      const page = gatewayPage(fault.status);
      res.writeHead(fault.status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page) });
      res.end(page);
    } else if (kind === 'storage') {
      sendStorageError(res, fault.status, 'INJECTED_FAULT', 'Storage server error (injected fault); retry.');
    } else {
      sendEnvelope(res, fault.status, envelope(500, 'Internal server error (injected fault)', null, ctx.now()));
    }
    return;
  }
  // A declared body over what any call of this kind accepts is refused before a byte is read.
  const declared = declaredLength(req);
  if (declared !== undefined && declared > (kind === 'api' ? REST_BODY_LIMIT : MAX_CHUNK_BYTES)) {
    res.setHeader('Connection', 'close');
    if (kind === 'storage') sendStorageError(res, 413, 'BODY_TOO_LARGE', `A storage request may carry at most ${MAX_CHUNK_BYTES} bytes; send chunks.`);
    else sendEnvelope(res, 413, envelope(Code.PARAMETER_INVALID, 'The request body is too large.', null, ctx.now()));
    return;
  }
  if (kind === 'storage') await handleStorage(ctx, req, res, url);
  else if (isThumbnailPath(url.pathname)) handleThumbnail(ctx, req, res, url.pathname);
  else await handleApi(ctx, routes, req, res, (req.url ?? '/').split('?')[0]!);
}

/** Creates (not yet listening) the HTTP server of a farm. */
export function createFarmServer(ctx: FarmContext, routes: RouteTable): Server {
  const t = ctx.requestTimeoutMs;
  const server = createServer({ headersTimeout: t, requestTimeout: 10 * t, connectionsCheckingInterval: Math.max(100, Math.min(1000, t / 4)) }, (req, res) => {
    guardExchange(req, res, ctx.log);
    // An answer given before the body was read (a refusal) ends the connection instead of
    // reading the rest of a body that may be 10 GB long.
    res.once('finish', () => {
      if (!req.complete) req.socket?.destroySoon();
    });
    dispatch(ctx, routes, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendEnvelope(res, 500, envelope(500, `Internal farm error: ${(err as Error).message}`, null, ctx.now()));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.timeout = t; // a transfer that stalls this long (no byte either way) is dropped
  server.on('timeout', (socket) => {
    ctx.log(`connection stalled for ${t} ms: dropped`);
    socket.destroy();
  });
  guardFarmServer(server, ctx.log, t);
  return server;
}
