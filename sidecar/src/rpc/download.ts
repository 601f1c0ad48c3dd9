/**
 * `download/start`: the SDK's RayvisionDownload in its three modes, as a job. Each file that lands
 * (complete and verified) becomes a `download/frame` notification for the plugins to load back.
 */
import path from 'node:path';
import { RayvisionDownload } from '../transfer/index';
import { sdkHome } from './sdk-home';
import type { PartialHandlers } from './dispatcher';

export const downloadHandlers: PartialHandlers<'download/start'> = {
  'download/start': (p, { sidecar, conn, session }) => {
    const api = session.requireApi();
    const engineType = p.engineType ?? sidecar.settings.engineType;
    const maxSpeed = p.maxSpeed ?? sidecar.settings.maxSpeed;
    const localPath = path.resolve(p.localPath ?? sdkHome());
    const jobId = sidecar.jobs.start('download/start', conn, async ({ signal, onProgress, notify }) => {
      const dl = new RayvisionDownload(api, engineType ? { engineType } : {});
      const options = {
        taskIds: p.taskIds ?? null,
        serverPath: p.serverPaths ?? null,
        localPath,
        downloadFilenameFormat: p.keepFolder ? ('true' as const) : ('false' as const),
        isTestStop: p.isTestStop,
        pollMs: p.sleepTime * 1000,
        ...(maxSpeed !== undefined ? { maxSpeed } : {}),
        ...(engineType ? { engineType } : {}),
        signal,
        onProgress,
        onFile: (f: { taskId: string; frame?: number; localPath: string }) =>
          notify('download/frame', {
            ...(/^\d+$/.test(f.taskId) ? { taskId: Number(f.taskId) } : {}),
            ...(f.frame !== undefined ? { frame: f.frame } : {}),
            localPath: f.localPath,
          }),
      };
      const report =
        p.mode === 'once' ? await dl.download(options) : p.mode === 'auto' ? await dl.autoDownload(options) : await dl.autoDownloadAfterTaskCompleted(options);
      return { files: report.files.length, skipped: report.skipped, bytes: report.bytes, localPath, paths: report.files.map((f) => f.localPath) };
    }, {}, p.taskIds ? { taskIds: p.taskIds } : {});
    return { jobId };
  },
};
