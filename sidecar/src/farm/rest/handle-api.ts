/**
 * One REST call from bytes to envelope: POST only, known path, JSON body, authentication,
 * validation, handler. Every failure becomes an envelope with a documented code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FarmContext } from '../context';
import { parsePyJson, type PyValue } from '../py-json';
import { BodyTimeoutError, BodyTooLargeError, readBodyText } from '../read-body';
import { authenticate } from './auth';
import { Code, envelope, FarmApiError, sendEnvelope } from './envelope';
import type { RouteTable } from './route';
import { validateBody } from './validate';

/** Answers one REST request. */
export async function handleApi(ctx: FarmContext, routes: RouteTable, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `No endpoint ${path}: check the path (spec/api.md §3).`, 404);
    if (req.method !== 'POST') throw new FarmApiError(Code.ILLEGAL_PROTOCOL, `${path} only accepts POST.`, 405);
    let text: string;
    try {
      text = await readBodyText(req, undefined, ctx.requestTimeoutMs);
    } catch (err) {
      if (err instanceof BodyTooLargeError || err instanceof BodyTimeoutError) res.setHeader('Connection', 'close');
      if (err instanceof BodyTooLargeError) throw new FarmApiError(Code.PARAMETER_INVALID, 'The request body is too large.', 413);
      if (err instanceof BodyTimeoutError) throw new FarmApiError(Code.PARAMETER_INVALID, `The request body did not arrive within ${ctx.requestTimeoutMs} ms; send it again.`, 408);
      throw err;
    }
    let signedBody: PyValue;
    let body: unknown;
    try {
      signedBody = text.trim() === '' ? {} : parsePyJson(text);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new FarmApiError(Code.PARAMETER_INVALID, 'The request body is not valid JSON.');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new FarmApiError(Code.PARAMETER_INVALID, 'The request body must be a JSON object.');
    }
    const account = authenticate(ctx, req.headers, path, signedBody, req.rawHeaders);
    const objectBody = body as Record<string, unknown>;
    if (route.schema) validateBody(objectBody, route.schema, signedBody as Record<string, PyValue>);
    const platformHeader = req.headers.platform;
    const data = await route.handle({
      ctx, account, body: objectBody,
      platform: Number(Array.isArray(platformHeader) ? platformHeader[0] : platformHeader),
      domain: req.headers.host ?? '',
    });
    sendEnvelope(res, 200, envelope(Code.SUCCESS, 'success', data ?? null, ctx.now()));
  } catch (err) {
    if (res.headersSent) return;
    if (err instanceof FarmApiError) {
      sendEnvelope(res, err.httpStatus, envelope(err.code, err.message, null, ctx.now()));
      return;
    }
    sendEnvelope(res, 500, envelope(Code.INTERNAL_ERROR, `Internal farm error: ${(err as Error).message}`, null, ctx.now()));
  }
}
