/**
 * What the vendor engines (transmitter, raysyncproxy) need from the farm and the machine, shared by
 * the upload registry and the download factory: their line in getConfig (under the old SDK's name or
 * the farm's), the Raysync client's control URL, and the Raysync user key.
 */
import { TransferLineError } from '../errors';
import { selectTransferLine, type TransferConfig } from '../transfer-line';
import { controlPortFromClusterXml } from './raysync-control';

/** getConfig names for each vendor engine: the old SDK looked up the first, the farm lists the second. */
export const LINE_NAMES = { transmitter: ['aspera', 'transmitter'], raysyncproxy: ['raysyncproxy', 'raysync'] } as const;

/** The caller's explicit server ip/port, else the first of `names` that getConfig lists. */
export function vendorLine(
  config: TransferConfig,
  names: readonly string[],
  provider?: string,
  explicit: { serverIp?: string | null; serverPort?: string | number | null } = {},
): { ip: string; port: string } {
  if (explicit.serverIp && explicit.serverPort) return { ip: explicit.serverIp, port: String(explicit.serverPort) };
  let last: unknown;
  for (const name of names) {
    try {
      const line = selectTransferLine(config, name, provider);
      return { ip: line.serverIp, port: String(line.serverPort) };
    } catch (error) {
      last = error;
    }
  }
  throw last ?? new TransferLineError(`No transfer line for ${names.join('/')}; pass serverIp and serverPort.`);
}

/** The Raysync client's control URL: given, or from the port in `<raysyncDir>/cluster.xml`. */
export async function raysyncControlUrl(where: { controlUrl?: string; raysyncDir?: string }, hint: string): Promise<string> {
  if (where.controlUrl) return where.controlUrl;
  if (where.raysyncDir) return `http://127.0.0.1:${await controlPortFromClusterXml(where.raysyncDir)}`;
  throw new TransferLineError(`Engine "raysyncproxy" needs the local Raysync client: ${hint}.`);
}

interface RaysyncKeyApi {
  query?: { getRaySyncUserKey?: (o?: { signal?: AbortSignal }) => Promise<unknown> };
}

/** The account's Raysync user key (asked only when this engine is used). */
export async function raysyncUserKey(api: RaysyncKeyApi, signal?: AbortSignal): Promise<string> {
  if (!api.query?.getRaySyncUserKey) throw new TransferLineError('This API client has no getRaySyncUserKey; the raysyncproxy engine needs it.');
  const key = (await api.query.getRaySyncUserKey(signal ? { signal } : {})) as { raySyncUserKey?: string } | null;
  return String(key?.raySyncUserKey ?? '');
}
