/**
 * Maps anything a handler throws to a JSON-RPC error object: SDK errors (`FarmError` families) to
 * the reserved range with `data: { code, farmCode, details }`, cancels to `Aborted`, and the rest to
 * `InternalError`. Messages come from the errors themselves, which are scrubbed of secrets at birth.
 */
import { JSONRPCErrorException } from 'json-rpc-2.0';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import type { RpcError } from '../../../protocol/src/index';
import { FarmError } from '../errors';

/** An error that already knows its JSON-RPC code (thrown by the rpc layer itself). */
export class RpcException extends JSONRPCErrorException {
  constructor(code: number, message: string, data?: unknown) {
    super(message, code, data);
    // json-rpc-2.0's ES5 base class resets the prototype to its own: restore ours for instanceof.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'RpcException';
  }
}

function isAbort(err: unknown): boolean {
  return (
    (err instanceof FarmError && err.code === 'ERR_ABORTED') ||
    (err instanceof Error && (err.name === 'AbortError' || err.name === 'AbortedError'))
  );
}

/** The JSON-RPC error object for a thrown value. */
export function toRpcError(err: unknown): RpcError {
  if (err instanceof JSONRPCErrorException) {
    return err.data === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, data: err.data };
  }
  if (isAbort(err)) {
    // The abort's reason (job/cancel, logout, shutdown) says why; the SDK's own message is generic.
    const cause = (err as Error).cause;
    const why = cause instanceof Error && cause.message ? cause.message : (err as Error).message;
    return { code: ErrorCodes.Aborted, message: why || 'The operation was cancelled.', data: { code: 'ERR_ABORTED' } };
  }
  if (err instanceof FarmError) {
    const data: Record<string, unknown> = { code: err.code };
    if (err.farmCode !== undefined) data.farmCode = err.farmCode;
    if (err.details !== undefined) data.details = err.details;
    return { code: ErrorCodes.SdkError, message: err.message, data };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCodes.InternalError, message: `Internal error in the sidecar: ${message}` };
}

/** Shorthand for the "log in first" error. */
export function notLoggedIn(): RpcException {
  return new RpcException(ErrorCodes.NotLoggedIn, 'Not logged in: call session/login first (credentials or farm: "local").');
}

/** Shorthand for an SDK capability this build does not have. */
export function unsupported(what: string): RpcException {
  return new RpcException(ErrorCodes.Unsupported, `${what} is not available in this sidecar build.`);
}
