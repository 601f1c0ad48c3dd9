/**
 * Error codes on the wire. The JSON-RPC 2.0 codes keep their meaning; the sidecar's own codes sit in
 * the range the spec reserves for implementation-defined server errors (-32000 … -32099), after
 * LSP's `ErrorCodes` ranges (jsonrpc/src/common/messages.ts).
 *
 * An SDK error (a `FarmError` of any family) is answered with `SdkError` (or `Aborted` when it was a
 * cancel) and `data: { code, farmCode?, details? }`: `code` is the SDK's stable string
 * (`ERR_SIGNATURE` …, see docs/errors.md), `farmCode` the farm's documented number (spec/api.md §8).
 * Messages say what happened and what to do; they never carry secrets.
 * @since 1.0
 *
 * The codes alone, without zod: the sidecar's start-up path and the CLI need them before any schema loads.
 */
export const ErrorCodes = {
  /** Invalid JSON was received. */
  ParseError: -32700,
  /** The JSON sent is not a valid Request object (or an empty batch). */
  InvalidRequest: -32600,
  /** The method does not exist. */
  MethodNotFound: -32601,
  /** Params do not match the method's schema; `data.issues` lists what is wrong. */
  InvalidParams: -32602,
  /** A bug in the sidecar; the message says what failed. */
  InternalError: -32603,

  /** An SDK operation failed: `data = { code, farmCode?, details? }`. */
  SdkError: -32000,
  /** The operation or job was cancelled (`job/cancel`, or its client went away). */
  Aborted: -32001,
  /** A method other than `session/initialize` / `rpc.discover` was called before `session/initialize`. */
  NotInitialized: -32002,
  /** `session/initialize` with a protocol version whose major differs from the sidecar's. */
  IncompatibleProtocol: -32003,
  /** The method needs credentials: call `session/login` first. */
  NotLoggedIn: -32004,
  /** No job with that id (it never existed, or it ended and was forgotten). */
  JobNotFound: -32005,
  /** A message over the sidecar's size limit; the connection is closed with 1009 after this. */
  MessageTooLarge: -32006,
  /** The sidecar was built without the SDK part this method needs, or the operation is not possible here. */
  Unsupported: -32007,
  /** `session/logout` while jobs run on the login: cancel them first, or pass `force: true`. */
  SessionBusy: -32008,
  /**
   * The answer to this call is over the sidecar's message limit (alone, or with the answers before it
   * in the same batch): ask for less, or send fewer calls per batch. The connection stays open.
   * @since 1.0
   */
  ReplyTooLarge: -32009,
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
