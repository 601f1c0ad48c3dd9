/**
 * How a method or a notification is declared: one constant bundle per method, after LSP's
 * `ProtocolRequestType` (protocol.typeDefinition.ts). Everything else — the server's types, the
 * OpenRPC document served by `rpc.discover`, the Python method table — is derived from these bundles.
 * @since 1.0
 */
import type { z } from 'zod';

/** Who sends the message: the client asks the sidecar, or the sidecar notifies the client. */
export type Direction = 'clientToServer' | 'serverToClient';

export interface MethodSpec<
  M extends string = string,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  J extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** The method-name literal on the wire, `<area>/<verb>`. */
  readonly method: M;
  readonly direction: 'clientToServer';
  /** By-name params: always one object. */
  readonly params: P;
  /** The immediate result; for long work it is `{ jobId }`. */
  readonly result: R;
  /**
   * Long work only: the `result` carried by the final `job/end` notification. Its presence marks the
   * method as a job: progress notifications (`job/progress`) follow the immediate `{ jobId }`.
   */
  readonly jobResult: J;
  /** JSON-RPC error codes (protocol/src/error-codes.ts) this method can answer besides the generic ones. */
  readonly errors: readonly number[];
  /** Which progress counters the job reports (documentation for clients drawing a bar). */
  readonly progress?: readonly ('bytes' | 'files' | 'frames')[];
  /** True when the method needs a logged-in session (`session/login` first). */
  readonly needsLogin: boolean;
  readonly summary: string;
  readonly since: string;
}

export interface NotificationSpec<M extends string = string, P extends z.ZodType = z.ZodType> {
  readonly method: M;
  readonly direction: Direction;
  readonly params: P;
  readonly summary: string;
  readonly since: string;
}

/** Declares a request method; keeps the literal types so the server's handler types follow. */
export function defineMethod<
  const M extends string,
  P extends z.ZodType,
  R extends z.ZodType,
  J extends z.ZodType | undefined = undefined,
>(spec: {
  method: M;
  params: P;
  result: R;
  jobResult?: J;
  errors?: readonly number[];
  progress?: readonly ('bytes' | 'files' | 'frames')[];
  needsLogin?: boolean;
  summary: string;
  since: string;
}): MethodSpec<M, P, R, J> {
  return {
    direction: 'clientToServer',
    errors: [],
    needsLogin: false,
    ...spec,
    jobResult: spec.jobResult as J,
  };
}

/** Declares a notification (no id, no answer). */
export function defineNotification<const M extends string, P extends z.ZodType>(spec: {
  method: M;
  params: P;
  direction?: Direction;
  summary: string;
  since: string;
}): NotificationSpec<M, P> {
  return { direction: 'serverToClient', ...spec };
}

/** The params type a handler receives (after zod defaults are applied). */
export type ParamsOf<S extends MethodSpec> = z.output<S['params']>;
/** The params type a client sends (defaults optional). */
export type ParamsIn<S extends MethodSpec> = z.input<S['params']>;
export type ResultOf<S extends MethodSpec> = z.input<S['result']>;
export type JobResultOf<S extends MethodSpec> = S['jobResult'] extends z.ZodType ? z.input<S['jobResult']> : never;
