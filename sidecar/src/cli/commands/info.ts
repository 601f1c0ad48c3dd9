/** `status` (sidecar, session, jobs), `tasks` (the farm's task list), `cancel <jobId>` and `stop`. */
import type { Command } from 'commander';
import { ensureLogin, withLoginFlags, type LoginFlags } from '../login-flags';
import { runAction, type GlobalFlags } from '../run';

type Flags = LoginFlags & GlobalFlags & Record<string, any>;

/** Registers status, tasks, cancel and stop. */
export function registerInfoCommands(program: Command): void {
  program
    .command('cancel <jobId>')
    .description('cancel a running job of the sidecar (see status)')
    .action((jobId: string, _o, cmd: Command) =>
      runAction({ ...(cmd.optsWithGlobals() as Flags), autoStart: false }, async (client, out) => {
        const r = await client.call('job/cancel', { jobId });
        out.result(r, () => (r.cancelled ? `job ${jobId} cancelled` : `job ${jobId} had already ended`));
      }),
    );

  program
    .command('stop')
    .description('stop the sidecar (running jobs are cancelled)')
    .action((_o, cmd: Command) =>
      runAction({ ...(cmd.optsWithGlobals() as Flags), autoStart: false }, async (client, out) => {
        await client.call('session/shutdown', {});
        out.result({ ok: true }, () => 'sidecar stopping');
      }),
    );

  program
    .command('status')
    .description('show the sidecar, the session and the jobs')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction({ ...f, autoStart: false }, async (client, out) => {
        const status = await client.call('session/status', {});
        const { jobs } = await client.call('job/list', {});
        out.result({ ...status, jobs }, () =>
          [
            `sidecar ${status.serverVersion} (protocol ${status.protocolVersion}), pid ${status.pid}, ${status.clients} client(s)`,
            status.loggedIn ? `logged in: ${status.farm} farm ${status.domain}${status.userName ? ` as ${status.userName}` : ''}` : 'not logged in',
            ...jobs.map((j) => `job ${j.jobId} ${j.method} ${j.state}`),
          ].join('\n'),
        );
      });
    });

  withLoginFlags(program.command('tasks'))
    .description('list the farm tasks')
    .option('--page-size <n>', 'tasks per page', '20')
    .option('--page <n>', 'page number', '1')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const page = (await client.call('task/list', { pageNum: Number(f.page), pageSize: Number(f.pageSize) })) as { items?: Record<string, unknown>[] };
        const items = page.items ?? [];
        out.result(page, () =>
          items.length === 0 ? 'no tasks' : items.map((t) => `${t.id}\t${t.taskStatus}\t${t.doneFrames ?? 0}/${t.totalFrames ?? 0}\t${t.sceneName ?? ''}`).join('\n'),
        );
      });
    });
}
