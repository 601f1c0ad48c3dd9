/**
 * Builds the download engine a call asks for: `http` (the local farm's storage), `aspera`/
 * `transmitter` (the vendor binary) or `raysyncproxy` (the local Raysync client), from getConfig's
 * lines or the caller's explicit server ip/port. The default is `http` when the farm offers it.
 */
import type { TransferEngine } from '../engines/engine';
import { HttpEngine } from '../engines/http';
import { httpDownload, type HttpDownloadOptions } from '../engines/http-download';
import { controlPortFromClusterXml } from '../engines/raysync-control';
import { RaysyncProxyEngine, type RaysyncEngineOptions } from '../engines/raysyncproxy';
import { engineNameOf } from '../engines/registry';
import { TransmitterEngine, type TransmitterEngineOptions } from '../engines/transmitter';
import { TransferLineError } from '../errors';
import { selectTransferLine, type TransferConfig } from '../transfer-line';
import type { DownloadApi } from './api-shape';
import type { EngineType, NormalisedCall } from './call-options';

export interface EngineFactoryOptions {
  /** Line name to prefer in getConfig (old `internet_provider`); default: each engine's default line. */
  internetProvider?: string;
  /** http engine tuning (concurrency, attempts, backoff). */
  http?: HttpDownloadOptions;
  /** Path of the vendor's rayvision_transmitter (required for engine "aspera"/"transmitter"; none is bundled). */
  transmitterExe?: string;
  /** Transmitter tuning and the child's environment (e.g. RAYVISION_LOG). */
  transmitter?: Partial<Omit<TransmitterEngineOptions, 'exe' | 'host' | 'port'>>;
  /** The Raysync client: its control URL, or its install folder (port read from cluster.xml), plus tuning. */
  raysync?: Partial<Omit<RaysyncEngineOptions, 'userKey'>> & { raysyncDir?: string };
}

/** True when getConfig lists an engine of that name (case-insensitive). */
function offers(config: TransferConfig, name: string): boolean {
  return (config.resqEngines ?? []).some((e) => (e.engineName ?? '').toLowerCase() === name);
}

/** Creates the engine for `type` (or the default one). */
export async function createEngine(api: DownloadApi, type: EngineType | undefined, options: EngineFactoryOptions, call: Partial<NormalisedCall>): Promise<TransferEngine> {
  const config = ((await api.transmit.getTransferConfig({ signal: call.signal })) ?? {}) as TransferConfig;
  const name = type ? engineNameOf(type) : offers(config, 'http') ? 'http' : 'transmitter';
  if (name === 'http') {
    return HttpEngine.fromTransferConfig(config, {
      ...(options.internetProvider ? { internetProvider: options.internetProvider } : {}),
      download: (request, client) => httpDownload(request, client, options.http),
    });
  }
  return createVendorEngine(name, api, config, options, call);
}

/** The explicit server ip/port of the call, else the engine's line in getConfig (old keys first). */
function lineFor(config: TransferConfig, names: string[], call: Partial<NormalisedCall>, provider?: string): { ip: string; port: string } {
  if (call.serverIp && call.serverPort) return { ip: call.serverIp, port: String(call.serverPort) };
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

async function createVendorEngine(
  name: 'transmitter' | 'raysyncproxy',
  api: DownloadApi,
  config: TransferConfig,
  options: EngineFactoryOptions,
  call: Partial<NormalisedCall>,
): Promise<TransferEngine> {
  if (name === 'transmitter') {
    if (!options.transmitterExe) {
      throw new TransferLineError('Engine "aspera" needs the vendor transmitter: pass transmitterExe (no binary is bundled), or use engineType "http".');
    }
    const line = lineFor(config, ['aspera', 'transmitter'], call, options.internetProvider);
    return new TransmitterEngine({ ...options.transmitter, exe: options.transmitterExe, host: line.ip, port: line.port, networkMode: call.networkMode ?? options.transmitter?.networkMode });
  }
  // The old SDK looked up "raysyncproxy" while getConfig names the engine "RaySync" (spec §2.1): accept both.
  const line = lineFor(config, ['raysyncproxy', 'raysync'], call, options.internetProvider);
  const rs = options.raysync ?? {};
  const controlUrl = rs.controlUrl ?? (rs.raysyncDir ? `http://127.0.0.1:${await controlPortFromClusterXml(rs.raysyncDir)}` : undefined);
  if (!controlUrl) throw new TransferLineError('Engine "raysyncproxy" needs the local Raysync client: pass raysync.controlUrl or raysync.raysyncDir.');
  if (!api.query.getRaySyncUserKey) throw new TransferLineError('This API client has no getRaySyncUserKey; the raysyncproxy engine needs it.');
  const key = (await api.query.getRaySyncUserKey({ signal: call.signal })) as { raySyncUserKey?: string } | null;
  const info = api.userInfo;
  return new RaysyncProxyEngine({
    ...rs,
    controlUrl,
    serverIp: line.ip,
    serverPort: line.port,
    userName: String(rs.userName ?? info.user_name ?? ''),
    userKey: String(key?.raySyncUserKey ?? ''),
    platform: String(rs.platform ?? info.platform ?? ''),
    inputBid: String(info.input_bid ?? ''),
    networkMode: call.networkMode ?? rs.networkMode,
    proxyIp: call.proxyIp ?? rs.proxyIp,
    proxyPort: call.proxyPort ?? rs.proxyPort,
    enableHash: call.enableHash ?? rs.enableHash,
    downloadNum: call.downloadNum ?? rs.downloadNum,
  });
}
