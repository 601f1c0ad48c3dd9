/**
 * Uploads (`RayvisionUpload`, spec/transfer.md §1) and the sidecar's transfer settings, which are
 * the defaults every upload and download uses unless a call overrides them.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { EngineType, JobStarted, TaskId } from './common';

/** Per-call transfer options; omitted ones come from `transfer/getSettings`. */
export const TransferOptions = z.object({
  /** Engine; the local farm speaks `http`. Default: the settings' engine, else the farm's default. */
  engineType: EngineType.optional(),
  /** Rate limit in KB/s for the whole transfer. */
  maxSpeed: z.number().int().positive().optional(),
});

export const TransferSettings = TransferOptions.extend({
  /** Network line (internet provider) to prefer, e.g. "移动"; empty = each engine's default line. */
  internetProvider: z.string().optional(),
  /** Path of a custom db_config.ini (upload record database). */
  dbConfigPath: z.string().optional(),
  /** Path of the vendor transmitter binary for the `transmitter`/`aspera` engine. */
  transmitterExe: z.string().optional(),
});
export type TransferSettings = z.infer<typeof TransferSettings>;

export const UploadResult = z.object({
  /** Files uploaded (or found already complete on the server). */
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

/**
 * `transfer/upload` (job): the four config files to `/<taskId>/cfg/`, then the assets of upload.json.
 * @since 1.0
 */
export const upload = defineMethod({
  method: 'transfer/upload',
  params: TransferOptions.extend({
    taskId: TaskId,
    taskJsonPath: z.string().min(1),
    tipsJsonPath: z.string().min(1),
    assetJsonPath: z.string().min(1),
    uploadJsonPath: z.string().min(1),
  }),
  result: JobStarted,
  jobResult: UploadResult,
  progress: ['bytes', 'files'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Upload job files and assets for a task.',
  since: '1.0',
});

/**
 * `transfer/uploadConfig` (job): only the config files, to `/<taskId>/cfg/<name>`.
 * @since 1.0
 */
export const uploadConfig = defineMethod({
  method: 'transfer/uploadConfig',
  params: TransferOptions.extend({ taskId: TaskId, configFiles: z.array(z.string().min(1)).min(1) }),
  result: JobStarted,
  jobResult: UploadResult,
  progress: ['bytes', 'files'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Upload config files of a task.',
  since: '1.0',
});

/**
 * `transfer/uploadAsset` (job): only the assets listed in upload.json.
 * @since 1.0
 */
export const uploadAsset = defineMethod({
  method: 'transfer/uploadAsset',
  params: TransferOptions.extend({ uploadJsonPath: z.string().min(1) }),
  result: JobStarted,
  jobResult: UploadResult,
  progress: ['bytes', 'files'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Upload the assets listed in an upload.json.',
  since: '1.0',
});

/**
 * `transfer/getSettings`: the sidecar's current transfer defaults.
 * @since 1.0
 */
export const getSettings = defineMethod({
  method: 'transfer/getSettings',
  params: z.strictObject({}),
  result: TransferSettings,
  summary: 'Read the transfer defaults.',
  since: '1.0',
});

/**
 * `transfer/setSettings`: change transfer defaults (merged; `null` resets a key). Shared by all clients.
 * @since 1.0
 */
export const setSettings = defineMethod({
  method: 'transfer/setSettings',
  params: z.object({
    engineType: EngineType.nullable().optional(),
    maxSpeed: z.number().int().positive().nullable().optional(),
    internetProvider: z.string().nullable().optional(),
    dbConfigPath: z.string().nullable().optional(),
    transmitterExe: z.string().nullable().optional(),
  }),
  result: TransferSettings,
  summary: 'Change the transfer defaults.',
  since: '1.0',
});

export const transferMethods = [upload, uploadConfig, uploadAsset, getSettings, setSettings] as const;
