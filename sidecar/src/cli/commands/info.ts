/** `status` (sidecar, session, jobs) and `stop`; `tasks` and `cancel` have their own files. */
import type { Command } from 'commander';
import { runAction, type GlobalFlags } from '../run';
import { registerCancelCommand } from './cancel';
import { registerTasksCommand } from './tasks';

/** Registers status, tasks, cancel and stop. */
export function registerInfoCommands(program: Command): void {
  registerCancelCommand(program);

  program
    .command('stop')
    .description('stop the sidecar (running jobs are cancelled)')
    .action((_o, cmd: Command) =>
      runAction({ ...(cmd.optsWithGlobals() as GlobalFlags), autoStart: false }, async (client, out) => {
        await client.call('session/shutdown', {});
        out.result({ ok: true }, () => 'sidecar stopping');
      }),
    );

  program
    .command('status')
    .description('show the sidecar, the session and the jobs')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as GlobalFlags;
      return runAction({ ...f, autoStart: false }, async (client, out) => {
        const status = await client.call('session/status', {});
        const { jobs } = await client.call('job/list', {});
        out.result({ ...status, jobs }, () =>
          [
            `sidecar ${status.serverVersion} (protocol ${status.protocolVersion}), pid ${status.pid}, ${status.clients} client(s)`,
            status.loggedIn ? `logged in: ${status.farm} farm ${status.domain}${status.userName ? ` as ${status.userName}` : ''}` : 'not logged in',
            ...jobs.map((j) => `job ${j.jobId} ${j.method} ${j.state}${j.state === 'running' && j.cancelRequestedAt ? ` (cancel asked at ${j.cancelRequestedAt}, not stopped yet)` : ''}${j.progress?.stage && j.state === 'running' ? ` [${j.progress.stage}]` : ''}`),
          ].join('\n'),
        );
      });
    });

  registerTasksCommand(program);
}
