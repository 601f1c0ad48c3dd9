/** `install-plugins`: installs (or removes) the DCC plugins through the install layer. */
import type { Command } from 'commander';
import { formatReport, installPlugins, noHostFound, uninstallPlugins, type PluginHost } from '../../install/index';
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
      const g = cmd.optsWithGlobals();
      const out = createOutput({ json: g.json, quiet: g.quiet });
      try {
        const hosts = (['houdini', 'maya', 'clarisse'] as PluginHost[]).filter((h) => o[h]);
        const options = { hosts, dryRun: Boolean(o.dryRun) };
        const report = o.uninstall ? uninstallPlugins(options) : installPlugins(options);
        if (!o.uninstall && noHostFound(report)) {
          // Nothing could be installed: say where we looked, and fail so a setup script notices.
          out.error({ message: `No Houdini, Maya or Clarisse settings folder found; nothing was written.\n${formatReport(report)}\nStart the DCC once (it creates its settings folder), or set HOUDINI_USER_PREF_DIR / MAYA_APP_DIR, then run install-plugins again.`, code: 'ERR_NO_DCC', data: { report } });
          process.exitCode = ExitCode.NoDccFound;
          return;
        }
        out.result(report, () => formatReport(report));
        process.exitCode = ExitCode.Ok;
      } catch (err) {
        out.error(err);
        process.exitCode = exitCodeFor(err) === ExitCode.Failure ? ExitCode.Failure : ExitCode.Sdk;
      }
    });
}
