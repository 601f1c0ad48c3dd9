/**
 * Transfer lines from `api.transmit.getTransferConfig()` (spec/transfer.md §2.1): which server and
 * port each engine uses, and (for the local farm's `HTTP` engine) the storage account.
 * Line choice as in the old SDK: the line named `internetProvider` if given, else the default one;
 * unlike the old SDK, an engine without a default line falls back to its first line.
 */
import { TransferLineError } from './errors';

export interface TransferConfigLine {
  name?: string;
  server?: string;
  port?: string | number;
  isDefault?: number | boolean;
  lineId?: number;
  type?: number;
}

export interface TransferConfigEngine {
  engineName?: string;
  isDefault?: number | boolean;
  resqEngineAccounts?: { bid?: string | number; name?: string; password?: string }[] | null;
  respTaskEngineLines?: TransferConfigLine[] | null;
}

/** The `data` of getConfig, as the farm sends it (camelCase). */
export interface TransferConfig {
  inputBid?: string | number;
  outputBid?: string | number;
  configBid?: string | number;
  parentInputBid?: string | number;
  resqEngines?: TransferConfigEngine[] | null;
}

export interface TransferLine {
  engine: string;
  serverName: string;
  serverIp: string;
  serverPort: number;
  /** Storage account; the password is not enumerable so it never lands in logs or JSON. */
  account?: { name: string; readonly password: string };
}

/** Pick the line of `engineName` (case-insensitive) from a getConfig answer. */
export function selectTransferLine(config: TransferConfig | null | undefined, engineName: string, internetProvider = ''): TransferLine {
  if (!config) throw new TransferLineError('Unable to obtain a transmission line: getConfig returned nothing. Check the login and the farm, then retry.');
  const wanted = engineName.toLowerCase();
  const engine = (config.resqEngines ?? []).find((e) => (e.engineName ?? '').toLowerCase() === wanted);
  if (!engine) {
    const have = (config.resqEngines ?? []).map((e) => e.engineName).join(', ') || 'none';
    throw new TransferLineError(`The farm offers no "${engineName}" transfer engine (it offers: ${have}); choose another engine.`);
  }
  const lines = engine.respTaskEngineLines ?? [];
  const line =
    (internetProvider ? lines.find((l) => l.name === internetProvider) : lines.find((l) => !!l.isDefault)) ?? (internetProvider ? undefined : lines[0]);
  if (!line?.server || line.port === undefined) {
    throw new TransferLineError(`No "${internetProvider || 'default'}" line for the ${engineName} engine; pick one of: ${lines.map((l) => l.name).join(', ') || 'none'}.`);
  }
  const result: TransferLine = { engine: wanted, serverName: line.name ?? '', serverIp: line.server, serverPort: Number(line.port) };
  const acc = engine.resqEngineAccounts?.[0];
  if (acc?.name !== undefined) {
    const account = { name: acc.name } as { name: string; readonly password: string };
    Object.defineProperty(account, 'password', { value: acc.password ?? '', enumerable: false });
    result.account = account;
  }
  return result;
}
