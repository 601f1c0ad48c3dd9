/** Reads a small request body as text, refusing bodies over `limit` bytes or slower than `timeoutMs`. */
import type { IncomingMessage } from 'node:http';

/** Largest REST or control body the farm reads. */
export const REST_BODY_LIMIT = 16 * 1024 * 1024;

/** The body was larger than the caller allows. */
export class BodyTooLargeError extends Error {}

/** The body did not arrive in time (trickled, or a Content-Length that promised more than was sent). */
export class BodyTimeoutError extends Error {}

/** The declared Content-Length, or undefined when the body is chunked or the header is garbage. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const text = req.headers['content-length'];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Collects the body (UTF-8) of a request whose size is bounded (REST and control calls). A declared
 * size over `limit` is refused before a byte is read; `timeoutMs` bounds the whole body.
 */
export async function readBodyText(req: IncomingMessage, limit = REST_BODY_LIMIT, timeoutMs = 30_000): Promise<string> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw new BodyTooLargeError(`Request body of ${declared} bytes is over ${limit} bytes.`);
  const collect = (async () => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes.`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  })();
  collect.catch(() => {}); // after a timeout nobody awaits it; the socket's end is logged elsewhere
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError(`The request body did not arrive within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    return await Promise.race([collect, late]);
  } finally {
    clearTimeout(timer);
  }
}
