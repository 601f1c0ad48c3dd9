/**
 * Outgoing answers are bounded like incoming messages: an answer over the limit becomes a
 * ReplyTooLarge error for the same id, and a batch answer keeps the answers that fit (in order)
 * and gives each call after them its own short ReplyTooLarge (docs/protocol.md "Messages").
 */
import type { JSONRPCResponse } from 'json-rpc-2.0';
import { ErrorCodes } from '../../../protocol/src/error-codes';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function tooLarge(id: JSONRPCResponse['id'], limit: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: { code: ErrorCodes.ReplyTooLarge, message: `Reply over ${limit} bytes: ask for less or send fewer calls per batch.` },
  });
}

/** The JSON text of one answer, or of its ReplyTooLarge when the answer is over `limit`. */
export function answerText(answer: JSONRPCResponse, limit: number): string {
  const text = JSON.stringify(answer);
  return bytes(text) <= limit ? text : tooLarge(answer.id, limit);
}

/**
 * The JSON text of a batch answer. An answer is kept while it fits with room left for the short
 * errors of the calls after it; once one does not fit, it and all later calls get ReplyTooLarge
 * (their results are never serialised). The text stays within `limit` unless the short errors
 * alone are over it (a batch of many tiny calls).
 */
export function batchText(answers: JSONRPCResponse[], limit: number): string {
  const errorBytes = bytes(tooLarge(Number.MAX_SAFE_INTEGER, limit)) + 1;
  const parts: string[] = [];
  let size = 2;
  let full = false;
  answers.forEach((answer, i) => {
    const reserve = (answers.length - i - 1) * errorBytes;
    if (!full) {
      const text = JSON.stringify(answer);
      if (size + bytes(text) + 1 + reserve <= limit) {
        parts.push(text);
        size += bytes(text) + 1;
        return;
      }
      full = true;
    }
    parts.push(tooLarge(answer.id, limit));
  });
  return `[${parts.join(',')}]`;
}
