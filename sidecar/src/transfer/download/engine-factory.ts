/**
 * Builds the download engine a call asks for: `http` (the local farm's storage), `aspera`/
 * `transmitter` (the vendor binary) or `raysyncproxy` (the local Raysync client), from getConfig's
 * lines or the caller's explicit server ip/port. The default is `http` when the farm offers it.
 */
import type { TransferEngine } from '../engines/engine';
import { HttpEngine } from '../engines/http';
import { httpDownload, type HttpDownloadOptions } from '../engines/http-download';
import { RaysyncProxyEngine, type RaysyncEngineOptions } from '../engines/raysyncproxy';
import { engineNameOf } from '../engines/registry';
import { TransmitterEngine, type TransmitterEngineOptions } from '../engines/transmitter';
import { LINE_NAMES, raysyncControlUrl, raysyncUserKey, vendorLine } from '../engines/vendor-setup';
import { TransferLineError } from '../errors';
import type { TransferConfig } from '../transfer-line';
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
    const line = vendorLine(config, LINE_NAMES.transmitter, options.internetProvider, call);
    return new TransmitterEngine({ ...options.transmitter, exe: options.transmitterExe, host: line.ip, port: line.port, networkMode: call.networkMode ?? options.transmitter?.networkMode });
  }
  // The old SDK looked up "raysyncproxy" while getConfig names the engine "RaySync" (spec §2.1): accept both.
  const line = vendorLine(config, LINE_NAMES.raysyncproxy, options.internetProvider, call);
  const rs = options.raysync ?? {};
  const controlUrl = await raysyncControlUrl(rs, 'pass raysync.controlUrl or raysync.raysyncDir');
  const userKey = await raysyncUserKey(api, call.signal);
  const info = api.userInfo;
  return new RaysyncProxyEngine({
    ...rs,
    controlUrl,
    serverIp: line.ip,
    serverPort: line.port,
    userName: String(rs.userName ?? info.user_name ?? ''),
    userKey,
    platform: String(rs.platform ?? info.platform ?? ''),
    inputBid: String(info.input_bid ?? ''),
    networkMode: call.networkMode ?? rs.networkMode,
    proxyIp: call.proxyIp ?? rs.proxyIp,
    proxyPort: call.proxyPort ?? rs.proxyPort,
    enableHash: call.enableHash ?? rs.enableHash,
    downloadNum: call.downloadNum ?? rs.downloadNum,
  });
}
