/**
 * Builds the `transmitter` engine (old "aspera") from an upload context, for the engine registry:
 * the line comes from getConfig (engine "Aspera"), the binary from `transmitterExe`, and the child gets
 * the RAYVISION_LOG the upload side resolved (§3.6). No `dbIni`: RayvisionUpload plans skip-unchanged
 * and writes the records itself, so the binary runs with `-C None` and never opens a DB of its own.
 */
import { TransferLineError } from '../errors';
import type { EngineContext } from './registry';
import { TransmitterEngine } from './transmitter';
import { LINE_NAMES, vendorLine } from './vendor-setup';

/** The transmitter engine for an upload context. */
export function transmitterFromContext(ctx: EngineContext): TransmitterEngine {
  if (!ctx.transmitterExe) {
    throw new TransferLineError('Engine "transmitter" (aspera) needs the vendor binary: pass transmitterExe (no binary is bundled), or use engine "http".');
  }
  const line = vendorLine(ctx.transferConfig, LINE_NAMES.transmitter, ctx.internetProvider);
  return new TransmitterEngine({ exe: ctx.transmitterExe, host: line.ip, port: line.port, env: ctx.childEnv });
}
