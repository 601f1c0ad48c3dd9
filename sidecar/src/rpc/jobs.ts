/** `job/*`: list, cancel, subscribe, unsubscribe and watch, mapped onto the JobManager. */
import type { PartialHandlers } from './dispatcher';

export const jobHandlers: PartialHandlers<'job/list' | 'job/cancel' | 'job/subscribe' | 'job/unsubscribe' | 'job/watch'> = {
  'job/watch': (_p, { sidecar, conn }) => ({ jobs: sidecar.jobs.watch(conn) }),
  'job/list': (_p, { sidecar }) => ({ jobs: sidecar.jobs.list() }),
  'job/cancel': ({ jobId }, { sidecar }) => ({ cancelled: sidecar.jobs.cancel(jobId) }),
  'job/subscribe': ({ jobId }, { sidecar, conn }) => sidecar.jobs.subscribe(jobId, conn),
  'job/unsubscribe': ({ jobId }, { sidecar, conn }) => {
    sidecar.jobs.unsubscribe(jobId, conn.id);
    return { ok: true as const };
  },
};
