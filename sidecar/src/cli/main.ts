#!/usr/bin/env node
/**
 * `rayvision`: the command line of the SDK. Work commands talk to this user's sidecar over its
 * WebSocket (starting it when needed), so the CLI, the DCC plugins and scripts share one session
 * and one job list. Exit codes: docs/sidecar.md.
 */
import { Command, CommanderError } from 'commander';
import { SIDECAR_VERSION } from '../rpc/index';
import { ExitCode } from './exit-codes';
import { registerDoctorCommand } from './commands/doctor';
import { registerInfoCommands } from './commands/info';
import { registerInstallCommand } from './commands/install';
import { registerMonitorCommand } from './commands/monitor';
import { registerProfileCommands } from './commands/profiles';
import { registerServeCommands } from './commands/serve';
import { registerWorkCommands } from './commands/work';
import { locatePlugins } from './plugins-dir';

locatePlugins();

const program = new Command()
  .name('rayvision')
  .description('Render-farm client for Renderbus / Fox Renderfarm (SDK, sidecar, local farm)')
  .version(SIDECAR_VERSION)
  .option('--json', 'machine-readable output: JSON lines on stdout')
  .option('-q, --quiet', 'print only errors and the final result (no progress)')
  .option('--no-auto-start', 'do not start a sidecar when none runs')
  .option('--profile <name>', 'the stored profile to work for (default: RAYVISION_PROFILE, else "default"; rayvision login --profile <name> stores one)')
  .exitOverride();

registerServeCommands(program);
registerProfileCommands(program);
registerWorkCommands(program);
registerInfoCommands(program);
registerInstallCommand(program);
registerMonitorCommand(program);
registerDoctorCommand(program);

// No top-level await: the release bundles this file as CommonJS for Node's single executable (scripts/release.mjs).
program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  } else {
    process.stderr.write(`rayvision: ${(err as Error).message}\n`);
    process.exitCode = ExitCode.Failure;
  }
});
