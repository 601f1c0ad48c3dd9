/**
 * The monitor's parts in one sidecar: the one-time codes and sessions of the page, the farm poller
 * every page shares, and the record of where each task's frames landed (fed by every job's
 * `download/frame`, whoever started the job). Only wiring: the polling and the bookkeeping are
 * the SDK's (monitor/).
 */
import { LocalOutputs, openExternal as defaultOpen, TaskWatch } from '../monitor/index';
import { ErrorCodes } from '../../../protocol/src/error-codes';
import type { JobManager } from './job-manager';
import { MonitorAuth } from './monitor-auth';
import { RpcException } from './rpc-errors';
import type { SessionState } from './session-state';

export interface MonitorService {
  readonly auth: MonitorAuth;
  readonly watch: TaskWatch;
  readonly outputs: LocalOutputs;
  /** A one-time URL of the page (optionally opening on a task). */
  openUrl(taskId?: number): { url: string; expiresAt: string };
  /** Opens the folder of a task's landed frames on this machine; resolves with it. */
  openFolder(taskId: number): Promise<string>;
  close(): void;
}

export interface MonitorServiceOptions {
  jobs: JobManager;
  session: SessionState;
  pollMs: number;
  /** The port the page is served on (known once the sidecar listens). */
  port(): number;
  /** Whether the page's files were found (else monitor/open is refused). */
  hasPage: boolean;
  openExternal?: (target: string) => Promise<void>;
}

/** Builds the monitor service of a sidecar. */
export function createMonitorService(opts: MonitorServiceOptions): MonitorService {
  const auth = new MonitorAuth();
  let extraTimer: NodeJS.Timeout | undefined;
  const outputs = new LocalOutputs(() => {
    // Many frames can land at once: one refresh of the local part per 100 ms is enough.
    extraTimer ??= setTimeout(() => {
      extraTimer = undefined;
      watch.refreshExtra();
    }, 100).unref();
  });
  const watch = new TaskWatch({
    api: () => opts.session.api,
    signal: () => opts.session.signal,
    pollMs: opts.pollMs,
    extra: () => ({
      session: { loggedIn: opts.session.isLoggedIn(), ...(opts.session.farmKind ? { farm: opts.session.farmKind } : {}), ...(opts.session.domain ? { domain: opts.session.domain } : {}) },
      local: outputs.list(),
    }),
  });
  // Every job's events, so frames landed by a plugin's or the CLI's download count too.
  opts.jobs.watch({
    id: 'monitor-service',
    notify: (method, params) => {
      const p = params as { taskId?: unknown; localPath?: unknown; progress?: { stage?: string } };
      if (method === 'download/frame' && typeof p.taskId === 'number' && typeof p.localPath === 'string') {
        outputs.record(p.taskId, p.localPath);
        watch.pollSoon(500);
      } else if (method === 'job/end' || method === 'job/started') {
        watch.pollSoon(300);
      }
    },
  });
  const open = opts.openExternal ?? defaultOpen;
  return {
    auth,
    watch,
    outputs,
    openUrl: (taskId) => {
      if (!opts.hasPage) throw new RpcException(ErrorCodes.Unsupported, 'This installation has no monitor page files (sidecar/monitor-page): rebuild with `npm run build`.');
      const { code, expiresAt } = auth.issue();
      const url = `http://127.0.0.1:${opts.port()}/monitor/open?code=${code}${taskId ? `#task=${taskId}` : ''}`;
      return { url, expiresAt: new Date(expiresAt).toISOString() };
    },
    openFolder: async (taskId) => {
      const folder = outputs.folderOf(taskId);
      if (!folder) {
        throw new RpcException(ErrorCodes.Unsupported, `No frame of task ${taskId} was downloaded by this sidecar yet: press Download first.`);
      }
      await open(folder);
      return folder;
    },
    close: () => {
      clearTimeout(extraTimer);
      watch.stop();
    },
  };
}
