/**
 * The whole submission in one call: check → upload (configs, then assets) → `api.submit(taskId)`.
 * One progress stream for the job: a `begin`, `report`s carrying `stage` ("check", "upload-config",
 * "upload-assets", "submit"), one `end`. Byte and file counters are only sent during the asset upload,
 * so the percentage a reader derives never falls. Cancel works in every stage.
 */
import { existsSync } from 'node:fs';
import type { Progress, ProgressListener } from '../../../protocol/src/progress';
import type { RayvisionAPI } from '../api';
import type { CheckApi } from '../check/api-shape';
import { RayvisionCheck } from '../check/check';
import type { CheckIssue } from '../check/errors';
import type { HardwareRequest } from '../check/hardware';
import { throwIfAborted } from '../errors';
import type { PreflightCheck } from '../preflight/index';
import type { UploadApi } from './api-shape';
import { transferSettingsCheck } from './preflight-checks';
import { RayvisionUpload, type RayvisionUploadOptions, type UploadResult } from './upload';

export type SubmitApi = CheckApi & UploadApi & Pick<RayvisionAPI, 'submit'>;

/** An analysis result's four paths (analyze layer `JobFilePaths`). */
export interface JobFilePathsLike {
  taskJsonPath: string;
  tipsJsonPath: string;
  assetJsonPath: string;
  uploadJsonPath: string;
}

export interface SubmitJobOptions {
  api: SubmitApi;
  hardwareConfig: HardwareRequest;
  /** The analysis (its four paths), or the paths one by one. */
  analysis?: JobFilePathsLike;
  taskJson?: string;
  tipsJson?: string;
  assetJson?: string;
  uploadJson?: string;
  /** KB/s for the uploads (the old `max_speed`). */
  maxSpeed?: string | number;
  /** Use the upload-record DB (default true). */
  isDb?: boolean;
  producer?: string;
  /** Accept a scene whose read was incomplete (the check refuses it otherwise). */
  allowIncomplete?: boolean;
  /** Upload settings (db_config.ini, engine …) or a ready RayvisionUpload. */
  upload?: Omit<RayvisionUploadOptions, 'api'> | RayvisionUpload;
  /** More local checks for the preflight (e.g. `downloadFolderCheck`); the transfer settings are always checked. */
  preflight?: PreflightCheck[];
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface SubmitJobResult {
  taskId: number;
  /** Warnings the check reported (errors stop the job with CheckFailedError). */
  issues: CheckIssue[];
  upload: UploadResult;
}

/** Run check, upload and submit for one job; resolves with the submitted task id. */
export async function submitJob(opts: SubmitJobOptions): Promise<SubmitJobResult> {
  const { api, signal } = opts;
  const emit = opts.onProgress ?? (() => {});
  const files = {
    task: opts.analysis?.taskJsonPath ?? opts.taskJson,
    tips: opts.analysis?.tipsJsonPath ?? opts.tipsJson,
    asset: opts.analysis?.assetJsonPath ?? opts.assetJson,
    upload: opts.analysis?.uploadJsonPath ?? opts.uploadJson,
  };
  if (!files.task || !files.upload) throw new TypeError('submitJob needs the analysis paths or at least taskJson and uploadJson.');
  let last: Progress | undefined;
  // Once the check has created the task, every report names it (monitors tie the upload to the task).
  let taskId: number | undefined;
  const report = (p: Omit<Progress, 'kind'>): void => {
    last = { kind: 'report', ...p, ...(taskId !== undefined ? { taskId } : {}) } as Progress;
    emit(last);
  };
  emit({ kind: 'begin', title: 'Submitting job', stage: 'check', cancellable: true, message: 'Checking the job files against the farm' });
  let ok = false;
  try {
    const check = await new RayvisionCheck(api).execute({
      hardwareConfig: opts.hardwareConfig,
      taskJson: files.task,
      uploadJson: files.upload,
      ...(files.asset ? { assetJson: files.asset } : {}),
      ...(files.tips ? { tipsJson: files.tips } : {}),
      onlyId: false,
      ...(opts.allowIncomplete ? { allowIncomplete: true } : {}),
      preflight: [...(opts.preflight ?? []), ...settingsCheck(opts)],
      ...(signal ? { signal } : {}),
    });
    throwIfAborted(signal);
    taskId = check.taskId;
    const uploader = opts.upload instanceof RayvisionUpload ? opts.upload : new RayvisionUpload({ ...opts.upload, api });
    report({ stage: 'upload-config', message: `Uploading the job files of task ${check.taskId}` });
    const configs = await uploader.uploadConfig(check.taskId, [check.paths.task, check.paths.tips, check.paths.asset, check.paths.upload].filter(exists(files)), opts.maxSpeed, {
      ...(signal ? { signal } : {}),
    });
    report({ stage: 'upload-assets', message: 'Uploading the assets' });
    const assets = await uploader.uploadAsset(check.paths.upload, opts.maxSpeed, opts.isDb ?? true, {
      ...(signal ? { signal } : {}),
      // Inner begin/end become reports: the job has one begin and one end.
      onProgress: (p) => {
        const { kind: _k, title: _t, cancellable: _c, ...rest } = p as Progress & { cancellable?: boolean };
        report({ ...rest, stage: 'upload-assets' });
      },
    });
    throwIfAborted(signal);
    report({ stage: 'submit', message: `Submitting task ${check.taskId}` });
    await api.submit(check.taskId, opts.producer ?? null, signal ? { signal } : {});
    ok = true;
    return { taskId: check.taskId, issues: check.issues, upload: { configs, assets } };
  } finally {
    const { kind: _k, ...counters } = last ?? ({} as Progress);
    emit({ ...counters, kind: 'end', stage: ok ? 'submit' : (last?.stage ?? 'check'), message: ok ? 'Submitted' : signal?.aborted ? 'Cancelled' : 'Failed' } as Progress);
  }
}

/** tips.json / asset.json are optional: upload the ones that exist after the check wrote them. */
function exists(files: { tips?: string | undefined; asset?: string | undefined }): (p: string) => boolean {
  return (p) => {
    if (p.endsWith('tips.json') && !files.tips) return existsSync(p);
    if (p.endsWith('asset.json') && !files.asset) return existsSync(p);
    return true;
  };
}

/** The upload's own settings, checked before the task is created (a ready RayvisionUpload was checked when built). */
function settingsCheck(opts: SubmitJobOptions): PreflightCheck[] {
  const u = opts.upload instanceof RayvisionUpload ? undefined : opts.upload;
  const engine = typeof u?.engine === 'string' ? u.engine : undefined;
  return [transferSettingsCheck({ dbConfigPath: u?.dbConfigPath, engine, transmitterExe: u?.transmitterExe, maxSpeed: opts.maxSpeed, isDb: opts.isDb, env: u?.env })];
}
