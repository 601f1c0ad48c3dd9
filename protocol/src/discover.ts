/**
 * `rpc.discover`: the OpenRPC service-discovery method (spec.open-rpc.org), answering the document
 * generated from this package (protocol/generated/openrpc.json). Callable before `session/initialize`.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';

export const discover = defineMethod({
  method: 'rpc.discover',
  params: z.object({}),
  result: z.record(z.string(), z.unknown()),
  summary: 'The OpenRPC document of this protocol.',
  since: '1.0',
});
