/** `rpc.discover`: the OpenRPC document, built once from the protocol package. */
import { buildOpenRpc } from '../../../protocol/src/index';
import type { PartialHandlers } from './dispatcher';

let cached: Record<string, unknown> | undefined;

export const discoverHandlers: PartialHandlers<'rpc.discover'> = {
  'rpc.discover': (_p, { sidecar }) => (cached ??= buildOpenRpc(sidecar.version)),
};
