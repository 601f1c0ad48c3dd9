/**
 * Registers the `transmitter` engine (old "aspera") with the shared engine registry, so
 * RayvisionUpload can use it: the line comes from getConfig (engine "Aspera"), the binary from
 * `transmitterExe`, and the child gets the RAYVISION_LOG the upload side resolved (§3.6).
 */
import { TransferLineError } from '../errors';
import { selectTransferLine } from '../transfer-line';
import { registerEngine, type EngineContext } from './registry';
import { TransmitterEngine } from './transmitter';

/** The transmitter engine for an upload context. */
export function transmitterFromContext(ctx: EngineContext): TransmitterEngine {
  if (!ctx.transmitterExe) {
    throw new TransferLineError('Engine "transmitter" (aspera) needs the vendor binary: pass transmitterExe (no binary is bundled), or use engine "http".');
  }
  let line;
  try {
    line = selectTransferLine(ctx.transferConfig, 'aspera', ctx.internetProvider);
  } catch {
    line = selectTransferLine(ctx.transferConfig, 'transmitter', ctx.internetProvider);
  }
  return new TransmitterEngine({ exe: ctx.transmitterExe, host: line.serverIp, port: line.serverPort, env: ctx.childEnv });
}

registerEngine('transmitter', transmitterFromContext);
