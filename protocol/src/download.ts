/**
 * Downloads (`RayvisionDownload`, spec/transfer.md §4), one method for every mode:
 * `once` (`download`), `auto` (`auto_download`: fetch frames as they finish, until the tasks end) and
 * `afterCompleted` (`auto_download_after_task_completed`). Each file that lands sends `download/frame`.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod, defineNotification } from './define';
import { ErrorCodes } from './errors';
import { JobStarted, TaskId } from './common';
import { TransferOptions } from './transfer';

/**
 * `download/start` (job): download task outputs (or explicit server paths) to `localPath`.
 * @since 1.0
 */
export const start = defineMethod({
  method: 'download/start',
  params: TransferOptions.extend({
    mode: z.enum(['once', 'auto', 'afterCompleted']).default('once'),
    taskIds: z.array(TaskId).optional(),
    /** Paths relative to the output storage root (the old `server_path`); replaces taskIds. */
    serverPaths: z.array(z.string().min(1)).optional(),
    /** Local folder; default `<sdk home>` (RAYVISION_SDK_HOME). */
    localPath: z.string().optional(),
    /** true: files land under `<localPath>/<outputFileName>/…`; false: directly in localPath. */
    keepFolder: z.boolean().default(true),
    /** auto modes: seconds between polls. */
    sleepTime: z.number().positive().default(10),
    /** auto modes: treat "test done" (status 40) as an end. */
    isTestStop: z.boolean().default(false),
  }).refine((p) => (p.taskIds?.length ?? 0) > 0 || (p.serverPaths?.length ?? 0) > 0, {
    message: 'Give taskIds or serverPaths.',
  }),
  result: JobStarted,
  jobResult: z.object({
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    localPath: z.string(),
    /** Files that were already on disk and unchanged, so not fetched again. @since 1.1 */
    skipped: z.number().int().nonnegative().default(0),
    /** Every file now on disk. */
    paths: z.array(z.string()),
  }),
  progress: ['bytes', 'files', 'frames'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Download task outputs once, as frames finish, or after the tasks complete.',
  since: '1.0',
});

/**
 * `download/frame` (sidecar → client): one output file is on disk, verified.
 * @since 1.0
 */
export const frameNotification = defineNotification({
  method: 'download/frame',
  params: z.object({
    jobId: z.string(),
    taskId: z.number().int().optional(),
    /** The frame number when the file name carries one. */
    frame: z.number().int().optional(),
    localPath: z.string(),
  }),
  summary: 'An output file was downloaded (load it back into the DCC if you can).',
  since: '1.0',
});

export const downloadMethods = [start] as const;
export const downloadNotifications = [frameNotification] as const;
