/**
 * `monitor [taskId]`: opens the job monitor page in the default browser through a one-time link
 * (`monitor/open`); `--no-browser` only prints the link. Login flags log the sidecar in first; without
 * them the page shows what the sidecar's current session sees.
 */
import type { Command } from 'commander';
import { openExternal } from '../../monitor/index';
import { ensureLogin, withLoginFlags, type LoginFlags } from '../login-flags';
import { runAction, type GlobalFlags } from '../run';

type Flags = LoginFlags & GlobalFlags & { browser?: boolean };

const wantsLogin = (f: Flags): boolean =>
  Boolean(f.local || f.domain || f.accessId || f.accessKey || (process.env.RAYVISION_API_ACCESS_ID && process.env.RAYVISION_API_KEY));

/** Registers monitor. */
export function registerMonitorCommand(program: Command): void {
  withLoginFlags(program.command('monitor [taskId]'))
    .description('open the job monitor (tasks, frames, logs, stop / resume / retry) in the browser')
    .option('--no-browser', 'print the one-time link instead of opening it')
    .action((taskId: string | undefined, _o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        if (taskId !== undefined && !/^\d+$/.test(taskId)) throw Object.assign(new Error(`The task id must be a number, got "${taskId}".`), { code: -32602 });
        if (wantsLogin(f)) await ensureLogin(client, f);
        const status = await client.call('session/status', {});
        const link = await client.call('monitor/open', taskId ? { taskId: Number(taskId) } : {});
        let opened = false;
        if (f.browser !== false) {
          opened = await openExternal(link.url).then(() => true, (err: Error) => (out.info(err.message), false));
        }
        out.result({ ...link, opened, loggedIn: status.loggedIn }, () =>
          [
            opened ? `monitor opened in the browser (the link works once, until ${link.expiresAt}):` : `open this link in a browser (it works once, until ${link.expiresAt}):`,
            link.url,
            ...(status.loggedIn ? [] : ['not logged in: the page shows no tasks until a login (e.g. rayvision monitor --local)']),
          ].join('\n'),
        );
      });
    });
}
