/** `check/run`: the SDK's RayvisionCheck as a job; answers the task id. */
import { withOwnTaskId } from '../api/index';
import { RayvisionCheck } from '../check/index';
import type { PartialHandlers } from './dispatcher';

/** The CPU default the farm lists first (spec/api.md §5.3). */
export const DEFAULT_HARDWARE = { model: 'Default', ram: '64GB', gpuNum: null };

export const checkHandlers: PartialHandlers<'check/run'> = {
  'check/run': (p, { sidecar, conn, session }) => {
    const api = session.requireApi();
    const jobId = sidecar.jobs.start('check/run', conn, async ({ signal, onProgress }) => {
      onProgress({ kind: 'begin', title: 'Checking the job files', stage: 'check' });
      const taskId = await new RayvisionCheck(withOwnTaskId(api)).execute({
        hardwareConfig: p.hardwareConfig ?? DEFAULT_HARDWARE,
        taskJson: p.taskJsonPath,
        ...(p.uploadJsonPath ? { uploadJson: p.uploadJsonPath } : {}),
        ...(p.assetJsonPath ? { assetJson: p.assetJsonPath } : {}),
        ...(p.tipsJsonPath ? { tipsJson: p.tipsJsonPath } : {}),
        isCover: p.isCover,
        ...(p.allowIncomplete ? { allowIncomplete: true } : {}),
        signal,
      });
      return { taskId };
    });
    return { jobId };
  },
};
