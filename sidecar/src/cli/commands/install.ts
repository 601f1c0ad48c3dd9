/** `install-plugins`: installs (or removes) the DCC plugins through the install layer. */
import type { Command } from 'commander';
import { formatReport, installPlugins, uninstallPlugins, type PluginHost } from '../../install/index';
import { ExitCode, exitCodeFor } from '../exit-codes';
import { createOutput } from '../output';

/** Registers install-plugins. */
export function registerInstallCommand(program: Command): void {
  program
    .command('install-plugins')
    .description('install the Houdini / Maya / Clarisse plugins for this user (all hosts found when none is named)')
    .option('--houdini', 'Houdini only')
    .option('--maya', 'Maya only')
    .option('--clarisse', 'Clarisse only')
    .option('--uninstall', 'remove what install-plugins wrote')
    .option('--dry-run', 'show what would change, write nothing')
    .action((o: Record<string, boolean | undefined>, cmd: Command) => {
      const out = createOutput(Boolean(cmd.optsWithGlobals().json));
      try {
        const hosts = (['houdini', 'maya', 'clarisse'] as PluginHost[]).filter((h) => o[h]);
        const options = { hosts, dryRun: Boolean(o.dryRun) };
        const report = o.uninstall ? uninstallPlugins(options) : installPlugins(options);
        out.result(report, () => formatReport(report));
        process.exitCode = ExitCode.Ok;
      } catch (err) {
        out.error(err);
        process.exitCode = exitCodeFor(err) === ExitCode.Failure ? ExitCode.Failure : ExitCode.Sdk;
      }
    });
}
