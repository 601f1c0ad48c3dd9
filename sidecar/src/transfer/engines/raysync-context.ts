/**
 * Builds the `raysyncproxy` engine from an upload context, for the engine registry. The upload
 * context carries no Raysync settings, so the client is found through the child environment:
 * `RAYVISION_RAYSYNC_URL` (control URL) or `RAYVISION_RAYSYNC_DIR` (its folder, port from cluster.xml);
 * `RAYVISION_RAYSYNC_POLL_MS` changes the status poll interval (default 5000, as the old SDK).
 */
import { TransferLineError } from '../errors';
import { selectTransferLine } from '../transfer-line';
import { controlPortFromClusterXml } from './raysync-control';
import { RaysyncProxyEngine } from './raysyncproxy';
import type { EngineContext } from './registry';

/** The raysyncproxy engine for an upload context. */
export async function raysyncFromContext(ctx: EngineContext): Promise<RaysyncProxyEngine> {
  const env = ctx.childEnv;
  const controlUrl =
    env.RAYVISION_RAYSYNC_URL ?? (env.RAYVISION_RAYSYNC_DIR ? `http://127.0.0.1:${await controlPortFromClusterXml(env.RAYVISION_RAYSYNC_DIR)}` : undefined);
  if (!controlUrl) throw new TransferLineError('Engine "raysyncproxy" needs the local Raysync client: set RAYVISION_RAYSYNC_URL or RAYVISION_RAYSYNC_DIR.');
  let line;
  try {
    line = selectTransferLine(ctx.transferConfig, 'raysyncproxy', ctx.internetProvider);
  } catch {
    line = selectTransferLine(ctx.transferConfig, 'raysync', ctx.internetProvider);
  }
  const query = (ctx.api as unknown as { query?: { getRaySyncUserKey?: (o?: { signal?: AbortSignal }) => Promise<unknown> } }).query;
  if (!query?.getRaySyncUserKey) throw new TransferLineError('This API client has no getRaySyncUserKey; the raysyncproxy engine needs it.');
  const key = (await query.getRaySyncUserKey({ signal: ctx.signal })) as { raySyncUserKey?: string } | null;
  const info = ctx.api.userInfo;
  return new RaysyncProxyEngine({
    controlUrl,
    serverIp: line.serverIp,
    serverPort: line.serverPort,
    userName: String(info.user_name ?? ''),
    userKey: String(key?.raySyncUserKey ?? ''),
    platform: String(info.platform ?? ''),
    inputBid: String(info.input_bid ?? ''),
    ...(env.RAYVISION_RAYSYNC_POLL_MS ? { pollMs: Number(env.RAYVISION_RAYSYNC_POLL_MS) } : {}),
  });
}
