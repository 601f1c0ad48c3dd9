/**
 * `cancel <jobId>`: asks the sidecar to cancel a job, then waits up to `--grace` seconds for the job
 * to end. Only a job that ended cancelled is reported as cancelled; one still running after the
 * grace period is reported as not stopped (exit 11), with what it was doing.
 */
import type { Command } from 'commander';
import type { JobInfo } from '../../../../protocol/src/jobs';
import type { SidecarClient } from '../../rpc/index';
import { ExitCode } from '../exit-codes';
import { ReportedFailure, runAction, type GlobalFlags } from '../run';
import { seconds } from '../flag-values';

type End = { ok: boolean; error?: { message?: string } };

/** Resolves with the job's end, or undefined when it has not ended within `ms`. */
function waitForEnd(client: SidecarClient, jobId: string, ms: number): Promise<End | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(undefined), ms);
    const off = client.onNotification((n) => {
      if (n.method === 'job/end' && n.params?.jobId === jobId) finish(n.params as End);
    });
    function finish(end: End | undefined) {
      clearTimeout(timer);
      off();
      resolve(end);
    }
    // Subscribing replays the end when the job is already over.
    client.call('job/subscribe', { jobId }).catch(() => finish(undefined));
  });
}

const jobOf = async (client: SidecarClient, jobId: string): Promise<JobInfo | undefined> => (await client.call('job/list', {})).jobs.find((j) => j.jobId === jobId);

/** Registers cancel. */
export function registerCancelCommand(program: Command): void {
  program
    .command('cancel <jobId>')
    .description('cancel a running job of the sidecar (see status) and wait for it to stop')
    .option('--grace <seconds>', 'how long to wait for the job to stop', seconds, 15)
    .action((jobId: string, o: { grace: number }, cmd: Command) =>
      runAction({ ...(cmd.optsWithGlobals() as GlobalFlags), autoStart: false }, async (client, out) => {
        const r = await client.call('job/cancel', { jobId });
        if (!r.cancelled) {
          const job = await jobOf(client, jobId);
          out.result({ jobId, cancelled: false, state: job?.state }, () => `job ${jobId} had already ended (${job?.state ?? 'ended'}); nothing to cancel`);
          return;
        }
        await waitForEnd(client, jobId, o.grace * 1000);
        const job = await jobOf(client, jobId);
        if (job?.state === 'running') {
          const doing = job.progress?.stage ? ` in its ${job.progress.stage} stage` : '';
          out.error({
            message: `job ${jobId} did not stop within ${o.grace} s: it is still running${doing}. Run \`rayvision cancel ${jobId}\` again later, or \`rayvision stop\` to end the sidecar and every job.`,
            code: 'ERR_NOT_STOPPED',
            data: { jobId, state: job.state, stage: job.progress?.stage },
          });
          process.exitCode = ExitCode.NotStopped;
          throw new ReportedFailure(ExitCode.NotStopped);
        }
        const state = job?.state ?? 'cancelled';
        out.result({ jobId, cancelled: state === 'cancelled', state }, () =>
          state === 'cancelled' ? `job ${jobId} cancelled` : `job ${jobId} ended ${state} before the cancel took effect`,
        );
      }),
    );
}
