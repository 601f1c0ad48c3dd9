/** Small answer helpers of the storage server (JSON bodies, error shape of docs/storage-protocol.md). */
import type { ServerResponse } from 'node:http';

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends the protocol's error shape `{ error, message, ...extra }`. */
export function sendStorageError(
  res: ServerResponse, status: number, error: string, message: string, extra: Record<string, unknown> = {},
): void {
  sendJson(res, status, { error, message, ...extra });
}

/** An error a storage handler throws to answer with a given status and code. */
export class StorageHttpError extends Error {
  constructor(readonly status: number, readonly error: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** Raised to cut a transfer on purpose (fault injection): the connection is destroyed, no answer. */
export class CutConnectionError extends Error {}
