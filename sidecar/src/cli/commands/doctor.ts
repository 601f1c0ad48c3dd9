/** `doctor`: the environment's checks (cli/doctor), one line each with the fix; exit 12 when one fails. */
import path from 'node:path';
import type { Command } from 'commander';
import type { CheckResult } from '../doctor/index';
import { ExitCode } from '../exit-codes';
import { withLoginFlags, type LoginFlags } from '../login-flags';
import type { GlobalFlags } from '../run';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/** One check as people read it: status, id, what was found; the fix on the next line. */
export function formatCheck(c: CheckResult, idWidth: number): string {
  const line = `${MARK[c.status]}  ${c.check.padEnd(idWidth)}  ${c.summary}`;
  return c.fix && c.status !== 'ok' ? `${line}\n${' '.repeat(idWidth + 8)}fix: ${c.fix}` : line;
}

export function registerDoctorCommand(program: Command): void {
  withLoginFlags(program.command('doctor'))
    .description('check Node or the release, the sidecar, the farm, the record DB, the keychain, the plugins and disk space; says what to fix')
    .option('--db-config <ini>', "db_config.ini to check (default: the sidecar's, else the built-in defaults)")
    .option('--download <dir>', 'the folder frames will land in (default: the SDK home)')
    .action(async (_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as LoginFlags & GlobalFlags & { dbConfig?: string; download?: string };
      // Loaded here: the checks reach into the whole SDK, which other commands start without (issue 13).
      const { runDoctor } = await import('../doctor/index');
      const checks = await runDoctor({
        login: f,
        ...(f.dbConfig ? { dbConfigPath: path.resolve(f.dbConfig) } : {}),
        ...(f.download ? { downloadFolder: path.resolve(f.download) } : {}),
      });
      const count = (s: CheckResult['status']) => checks.filter((c) => c.status === s).length;
      const summary = { ok: count('fail') === 0, passed: count('ok'), warnings: count('warn'), failures: count('fail') };
      if (f.json) {
        for (const c of checks) process.stdout.write(`${JSON.stringify(c)}\n`);
        process.stdout.write(`${JSON.stringify({ result: summary })}\n`);
      } else {
        const width = Math.max(...checks.map((c) => c.check.length));
        const shown = f.quiet ? checks.filter((c) => c.status !== 'ok') : checks;
        for (const c of shown) process.stdout.write(`${formatCheck(c, width)}\n`);
        process.stdout.write(`${summary.passed} ok, ${summary.warnings} warning(s), ${summary.failures} failure(s)\n`);
      }
      process.exitCode = summary.ok ? ExitCode.Ok : ExitCode.DoctorFailed;
    });
}
