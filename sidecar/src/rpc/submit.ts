/**
 * `submit/scene`: the whole flow as one job, composed of the SDK's public calls in order —
 * analysis (Analyze* or intakeSceneFacts), `updateTaskInfo`, `submitJob` (check, upload, the
 * `priority` if given, submit),
 * then optionally `RayvisionDownload.autoDownload` with a `download/frame` per landed file.
 */
import path from 'node:path';
import { downloadFolderCheck, intakeSceneFacts, loadDbConfig, pickSubmitSettings, previewUpload, submitOptions, RayvisionDownload, sdkHome, submitJob, updateSubmitSettings, updateTaskInfo, withOwnTaskId } from '../index';
import { ANALYSIS_PARAM_NAMES, analysisOptions, analyzeScene, hostOf } from './analyze';
import { DEFAULT_HARDWARE } from './check';
import type { PartialHandlers } from './dispatcher';
import { withPriority } from './priority';
import { sameWork } from './transfer';

/** Errors of the flow speak of submit/scene's params: the version is the softwareVersion param, not task.json. */
const SUBMIT_PARAM_NAMES = { ...ANALYSIS_PARAM_NAMES, 'software_config.cg_version': 'softwareVersion', localPath: 'download.localPath' };

export const submitHandlers: PartialHandlers<'submit/scene' | 'submit/options' | 'submit/assets'> = {
  'submit/assets': async (p, { sidecar, session }) => {
    const api = session.requireApi();
    const { facts, assets } = p;
    const analysis = await intakeSceneFacts(facts, { ...analysisOptions({ ...p, scenePath: facts.scenePath, mode: 'auto' }), signal: session.signal });
    if (assets) await updateSubmitSettings({ assets }, analysis);
    const needsDcc = analysis.facts.references.filter((r) => r.needsDcc).map((r) => r.path);
    const settings = loadDbConfig(sidecar.settings.dbConfigPath);
    const preview = await previewUpload(api, settings, analysis, needsDcc, session.signal, session.transferEnv());
    return { workspace: analysis.workspace, uploadJsonPath: analysis.uploadJsonPath, ...preview };
  },
  'submit/options': (p, { sidecar, session }) => submitOptions(session.requireApi(), p.facts, p.platform, session.signal),
  'submit/scene': (p, { sidecar, conn, session }) => {
    const api = session.requireApi();
    if (!p.facts) hostOf(p.scenePath, p.host);
    const engineType = p.engineType ?? sidecar.settings.engineType;
    const maxSpeed = p.maxSpeed ?? sidecar.settings.maxSpeed;
    // A rerun of the same submit while it still runs follows that job (no second task, no racing upload).
    return sidecar.jobs.startOrAttach('submit/scene', sameWork(session, p), conn, async ({ signal, onProgress, notify }) => {
      type Report = Parameters<typeof onProgress>[0];
      const stage = (name: string, extra: Partial<Report> = {}) => (pr: Report) => onProgress({ ...pr, stage: pr.stage ?? name, ...extra } as Report);
      const call = { signal, onProgress: stage('analyze') };
      const analysis = p.facts ? await intakeSceneFacts(p.facts, { ...analysisOptions(p), ...call }) : await analyzeScene(p, call);
      if (p.taskInfo) await updateTaskInfo(p.taskInfo, analysis.taskJsonPath);
      await updateSubmitSettings(pickSubmitSettings(p), analysis);
      const submitted = await submitJob({
        api: withPriority(withOwnTaskId(api), p.priority), // concurrent submits never share a task id
        hardwareConfig: p.hardwareConfig ?? DEFAULT_HARDWARE,
        analysis,
        ...(p.allowIncomplete ? { allowIncomplete: true } : {}),
        ...(maxSpeed !== undefined ? { maxSpeed } : {}),
        upload: {
          env: session.transferEnv(), // this profile's record DBs
          ...(engineType ? { engine: engineType } : {}),
          ...(sidecar.settings.dbConfigPath ? { dbConfigPath: sidecar.settings.dbConfigPath } : {}),
          ...(sidecar.settings.transmitterExe ? { transmitterExe: sidecar.settings.transmitterExe } : {}),
          ...(sidecar.settings.internetProvider ? { internetProvider: sidecar.settings.internetProvider } : {}),
        },
        // The download folder is proven writable before the task is created, not after it rendered.
        ...(p.download ? { preflight: [downloadFolderCheck(path.resolve(p.download.localPath ?? sdkHome()), 'download.localPath')] } : {}),
        signal,
        onProgress: stage('submit'),
      });
      const result = { taskId: submitted.taskId, workspace: analysis.workspace, paths: [] as string[] };
      if (!p.download) return result;
      const report = await new RayvisionDownload(api, engineType ? { engineType } : {}).autoDownload({
        taskIds: [submitted.taskId],
        localPath: path.resolve(p.download.localPath ?? sdkHome()),
        pollMs: p.download.sleepTime * 1000,
        ...(engineType ? { engineType } : {}),
        signal,
        // The task id rides along, so a client that outlives this sidecar can resume the download.
        onProgress: stage('download', { taskId: submitted.taskId }),
        onFile: (f) => notify('download/frame', { taskId: submitted.taskId, ...(f.frame !== undefined ? { frame: f.frame } : {}), localPath: f.localPath }),
      });
      return { ...result, paths: report.files.map((f) => f.localPath) };
    }, SUBMIT_PARAM_NAMES);
  },
};
