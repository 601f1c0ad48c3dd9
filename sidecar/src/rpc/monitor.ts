/** `monitor/*`: the page's one-time URL, the farm snapshots a page watches, and opening an output folder. */
import type { PartialHandlers } from './dispatcher';

export const monitorHandlers: PartialHandlers<'monitor/open' | 'monitor/watch' | 'monitor/openFolder'> = {
  'monitor/open': ({ taskId }, { sidecar }) => sidecar.monitor.openUrl(taskId),
  'monitor/watch': ({ taskIds }, { sidecar, conn }) => {
    sidecar.monitor.watch.watch(conn.id, taskIds, (parts) => conn.notify('monitor/snapshot', parts));
    return { pollMs: sidecar.monitor.watch.pollMs };
  },
  'monitor/openFolder': async ({ taskId }, { sidecar }) => ({ path: await sidecar.monitor.openFolder(taskId) }),
};
