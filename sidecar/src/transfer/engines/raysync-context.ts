/**
 * Builds the `raysyncproxy` engine from an upload context, for the engine registry. The upload
 * context carries no Raysync settings, so the client is found through the child environment:
 * `RAYVISION_RAYSYNC_URL` (control URL) or `RAYVISION_RAYSYNC_DIR` (its folder, port from cluster.xml);
 * `RAYVISION_RAYSYNC_POLL_MS` changes the status poll interval (default 5000, as the old SDK).
 */
import { RaysyncProxyEngine } from './raysyncproxy';
import type { EngineContext } from './registry';
import { LINE_NAMES, raysyncControlUrl, raysyncUserKey, vendorLine } from './vendor-setup';

/** The raysyncproxy engine for an upload context. */
export async function raysyncFromContext(ctx: EngineContext): Promise<RaysyncProxyEngine> {
  const env = ctx.childEnv;
  const controlUrl = await raysyncControlUrl({ controlUrl: env.RAYVISION_RAYSYNC_URL, raysyncDir: env.RAYVISION_RAYSYNC_DIR }, 'set RAYVISION_RAYSYNC_URL or RAYVISION_RAYSYNC_DIR');
  const line = vendorLine(ctx.transferConfig, LINE_NAMES.raysyncproxy, ctx.internetProvider);
  const userKey = await raysyncUserKey(ctx.api as unknown as Parameters<typeof raysyncUserKey>[0], ctx.signal);
  const info = ctx.api.userInfo;
  return new RaysyncProxyEngine({
    controlUrl,
    serverIp: line.ip,
    serverPort: line.port,
    userName: String(info.user_name ?? ''),
    userKey,
    platform: String(info.platform ?? ''),
    inputBid: String(info.input_bid ?? ''),
    ...(env.RAYVISION_RAYSYNC_POLL_MS ? { pollMs: Number(env.RAYVISION_RAYSYNC_POLL_MS) } : {}),
  });
}
