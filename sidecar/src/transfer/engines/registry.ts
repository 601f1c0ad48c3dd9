/**
 * Engine names → factories. All three engines are listed here explicitly, so any importer (upload.ts
 * alone, the package index, the RPC layer) finds them; nothing depends on a module having been
 * imported for its side effects. The context builders only import this file's types (no cycle).
 */
import { UnsupportedEngineTypeError } from '../errors';
import type { TransferSettings } from '../db-config';
import type { UploadApi } from '../api-shape';
import type { EngineName, TransferEngine } from './engine';
import { HttpEngine } from './http';
import { raysyncFromContext } from './raysync-context';
import { transmitterFromContext } from './transmitter-context';
import type { TransferConfig } from '../transfer-line';

export interface EngineContext {
  api: UploadApi;
  /** `api.transmit.getTransferConfig()` answer (fetched once per RayvisionUpload/Download). */
  transferConfig: TransferConfig;
  settings: TransferSettings;
  /** Environment for child processes (RAYVISION_LOG set, §3.6); process.env is never changed. */
  childEnv: NodeJS.ProcessEnv;
  internetProvider?: string;
  transmitterExe?: string;
  signal?: AbortSignal;
}

export type EngineFactory = (ctx: EngineContext) => TransferEngine | Promise<TransferEngine>;

const factories = new Map<EngineName, EngineFactory>([
  ['http', (ctx) => HttpEngine.fromTransferConfig(ctx.transferConfig, ctx.internetProvider ? { internetProvider: ctx.internetProvider } : {})],
  ['transmitter', transmitterFromContext],
  ['raysyncproxy', raysyncFromContext],
]);

/** Replace the factory of an engine name (e.g. a test double or a studio's own wrapper). */
export function registerEngine(name: EngineName, factory: EngineFactory): void {
  factories.set(name, factory);
}

/** Normalise a caller's engine name; "aspera" (the old SDK's name) means the transmitter. */
export function engineNameOf(name: string): EngineName {
  const n = (name || 'http').toLowerCase();
  if (n === 'aspera' || n === 'transmitter') return 'transmitter';
  if (n === 'http' || n === 'raysyncproxy') return n;
  throw new UnsupportedEngineTypeError(name);
}

/** Build the engine `name`; an unregistered name is UnsupportedEngineTypeError. */
export async function createEngine(name: EngineName, ctx: EngineContext): Promise<TransferEngine> {
  const factory = factories.get(name);
  if (!factory) throw new UnsupportedEngineTypeError(name);
  return factory(ctx);
}
