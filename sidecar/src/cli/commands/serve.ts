/** `sidecar` (start this user's sidecar) and `farm` (run a local farm in the foreground). */
import type { Command } from 'commander';
import { SidecarAlreadyRunningError, startSidecar } from '../../rpc/index';
import { ExitCode } from '../exit-codes';
import { seconds } from '../flag-values';

/** Registers sidecar and farm. */
export function registerServeCommands(program: Command): void {
  program
    .command('sidecar')
    .description('start the sidecar for this user (exits cleanly when one already runs)')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--idle-timeout <seconds>', 'exit after this long with no clients and no jobs (0 = never)', '600')
    .option('--max-message <bytes>', 'largest accepted message', String(32 * 1024 * 1024))
    .option('--handshake-timeout <seconds>', 'a client must send its whole upgrade request within this', seconds, 10)
    .action(async (o: { port: string; idleTimeout: string; maxMessage: string; handshakeTimeout: number }) => {
      try {
        const sidecar = await startSidecar({
          port: Number(o.port),
          idleTimeoutMs: Number(o.idleTimeout) * 1000,
          maxMessageBytes: Number(o.maxMessage),
          handshakeTimeoutMs: o.handshakeTimeout * 1000,
        });
        process.stdout.write(`sidecar listening on ${sidecar.url} (pid ${process.pid}); discovery file ${sidecar.discoveryFile}\n`);
        const stop = () => void sidecar.close('signal');
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const reason = await sidecar.closed;
        process.stdout.write(`sidecar stopped (${reason})\n`);
        process.exit(ExitCode.Ok);
      } catch (err) {
        if (err instanceof SidecarAlreadyRunningError) {
          process.stdout.write(`${err.message}\n`);
          process.exitCode = ExitCode.Ok;
          return;
        }
        process.stderr.write(`rayvision sidecar: ${(err as Error).message}\n`);
        process.exitCode = ExitCode.Failure;
      }
    });

  program
    .command('farm')
    .description('run a local farm in the foreground (prints its domain and credentials as JSON)')
    .allowUnknownOption(true)
    .helpOption(false)
    .argument('[args...]', '--port, --dir, --host, --frame-ms')
    .action(async (args: string[]) => {
      try {
        const { runFarmCli } = await import('../../farm/index');
        await runFarmCli(args);
      } catch (err) {
        process.stderr.write(`rayvision farm: ${(err as Error).message}\n`);
        process.exitCode = ExitCode.Usage;
      }
    });
}
