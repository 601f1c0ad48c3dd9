/**
 * Turns the handler table into a json-rpc-2.0 server: per method it checks the lifecycle
 * (initialize first, login when the method needs it), validates params with the method's zod
 * schema (-32602 with the issues), then calls the handler. The table's type has one entry per
 * protocol method, so a method without a handler does not compile.
 */
import { JSONRPCServer } from 'json-rpc-2.0';
import type { z } from 'zod';
import {
  ErrorCodes,
  methods,
  type MethodByName,
  type MethodName,
  type MethodSpec,
  type ParamsOf,
  type ResultOf,
} from '../../../protocol/src/index';
import type { HandlerContext } from './context';
import { notLoggedIn, RpcException, toRpcError } from './rpc-errors';

export type Handler<S extends MethodSpec> = (params: ParamsOf<S>, ctx: HandlerContext) => Promise<ResultOf<S>> | ResultOf<S>;
export type HandlerTable = { [N in MethodName]: Handler<MethodByName<N>> };
/** A part of the table, as each domain file exports it. */
export type PartialHandlers<N extends MethodName> = { [K in N]: Handler<MethodByName<K>> };

const beforeInitialize = new Set(['session/initialize', 'rpc.discover']);

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Builds the json-rpc-2.0 server that dispatches single, already well-formed requests.
 * `checkResults` also validates every answer against the method's result schema (tests turn it
 * on so a handler cannot drift from the contract).
 */
export function createDispatcher(handlers: HandlerTable, options: { checkResults?: boolean } = {}): JSONRPCServer<HandlerContext> {
  const server = new JSONRPCServer<HandlerContext>({ errorListener: () => {} });
  server.mapErrorToJSONRPCErrorResponse = (id, error) => ({ jsonrpc: '2.0', id, error: toRpcError(error) });
  for (const spec of methods as readonly MethodSpec[]) {
    const handler = (handlers as Record<string, Handler<MethodSpec>>)[spec.method];
    server.addMethod(spec.method, async (rawParams: unknown, ctx: HandlerContext) => {
      if (!ctx.conn.initialized && !beforeInitialize.has(spec.method)) {
        throw new RpcException(ErrorCodes.NotInitialized, `Call session/initialize before "${spec.method}".`);
      }
      if (spec.needsLogin && !ctx.session.isLoggedIn()) throw notLoggedIn();
      const parsed = spec.params.safeParse(rawParams ?? {});
      if (!parsed.success) {
        throw new RpcException(ErrorCodes.InvalidParams, `Invalid params for ${spec.method}: ${parsed.error.issues[0]?.message ?? 'see data.issues'}`, {
          issues: issuesOf(parsed.error),
        });
      }
      const result = await handler(parsed.data, ctx);
      if (options.checkResults) {
        const checked = spec.result.safeParse(result);
        if (!checked.success) {
          throw new RpcException(ErrorCodes.InternalError, `The answer of ${spec.method} does not match its result schema.`, { issues: issuesOf(checked.error) });
        }
      }
      return result;
    });
  }
  return server;
}
