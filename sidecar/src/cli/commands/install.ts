/** `install-plugins`: installs the DCC plugins through the plugin team's install module. */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes';

/** Registers install-plugins. */
export function registerInstallCommand(program: Command): void {
  program
    .command('install-plugins')
    .description('install the Houdini / Maya / Clarisse plugins for this user')
    .action(() => {
      process.stderr.write('rayvision install-plugins: the installer is not part of this build yet.\n');
      process.exitCode = ExitCode.Failure;
    });
}
