/** Reads a small request body as text, refusing bodies over `limit` bytes. */
import type { IncomingMessage } from 'node:http';

/** The body was larger than the caller allows. */
export class BodyTooLargeError extends Error {}

/** Collects the body (UTF-8) of a request whose size is bounded (REST and control calls). */
export async function readBodyText(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
