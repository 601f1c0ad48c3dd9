/**
 * Crash recovery, the CLI's last line (as the plugins do it): when the sidecar dies under a running
 * `submit --download` or `download` and the farm task is known, start a sidecar again, log in again
 * and resume the download into the same folder (files already there are not fetched again), and
 * say so in the output. Before a task is known there is nothing to resume: the error says to rerun.
 */
import { ConnectionLostError, type SidecarClient } from '../rpc/index';
import { connectSidecar } from './connect';
import { ensureLogin, type LoginFlags } from './login-flags';
import type { Output } from './output';
import { profileOf, sayAttached, setCurrentJob } from './run';

type Note = { method: string; params: any };

/** A restarted sidecar that dies again is restarted at most this many times per command. */
const MAX_RESTARTS = 3;

export interface ResumableJob {
  method: 'submit/scene' | 'download/start';
  params: any;
  /** The download to start on a fresh sidecar for the task this job is working on (undefined: none yet). */
  resumeWith(taskId: number | undefined): Record<string, unknown> | undefined;
}

export interface JobOutcome {
  result: any;
  /** Set when the sidecar was restarted and the download resumed. */
  resumed?: { taskId: number | undefined; restarts: number; pid: number };
}

/** The farm task a notification says this job is downloading, if any. */
function downloadingTask(n: Note): number | undefined {
  if (n.method === 'download/frame' && typeof n.params?.taskId === 'number') return n.params.taskId;
  const p = n.params?.progress;
  if (n.method === 'job/progress' && p?.stage === 'download' && typeof p.taskId === 'number') return p.taskId;
  return undefined;
}

/** Runs `job` on `client`; on a lost sidecar resumes its download on a fresh one (see the file comment). */
export async function runResumable(client: SidecarClient, out: Output, login: LoginFlags & { autoStart?: boolean }, job: ResumableJob): Promise<JobOutcome> {
  let taskId: number | undefined;
  const onNote = (n: Note): void => {
    taskId = downloadingTask(n) ?? taskId;
    out.note(n);
  };
  try {
    return { result: await client.runJob(job.method as 'submit/scene', job.params, onNote, setCurrentJob, sayAttached) };
  } catch (err) {
    if (!(err instanceof ConnectionLostError)) throw err;
  }
  for (let restarts = 1; ; restarts++) {
    const params = job.resumeWith(taskId);
    if (!params) {
      throw new Error('The sidecar stopped during the job, before its farm task was submitted: nothing is left to resume. Run the command again.');
    }
    const profile = profileOf(login);
    const next = await connectSidecar({ autoStart: login.autoStart !== false, ...(profile ? { profile } : {}) });
    try {
      await ensureLogin(next, login);
      const { pid } = await next.call('session/status', {});
      const where = typeof params.localPath === 'string' ? ` into ${params.localPath}` : '';
      const message = `The sidecar stopped during the job; started it again (pid ${pid}) and resumed the download${taskId !== undefined ? ` of task ${taskId}` : ''}${where}.`;
      if (out.json) out.note({ method: 'cli/resumed', params: { taskId, pid, restarts, message } });
      else out.info(`rayvision: ${message}`);
      const result = await next.runJob('download/start', params as any, onNote, (id) => setCurrentJob(id, next));
      return { result, resumed: { taskId, restarts, pid } };
    } catch (err) {
      if (!(err instanceof ConnectionLostError) || restarts >= MAX_RESTARTS) throw err;
    } finally {
      next.close();
    }
  }
}
