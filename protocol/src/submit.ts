/**
 * The whole flow in one job, what a plugin's "Submit" button calls: analyse (or take host facts),
 * apply task-info edits, check, upload, submit, and optionally download frames as they finish.
 * Progress carries the `stage` of the SDK call running (e.g. analyse, check, upload-config, upload,
 * submit, download), under one begin … end for the whole job.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { HostName, SceneFacts } from './scene';
import { JobStarted } from './common';
import { AnalyzeOptions } from './analyze';
import { HardwareConfig } from './check';
import { TransferOptions } from './transfer';

/**
 * `submit/scene` (job): analyse, check, upload and submit a scene; optionally bring frames back.
 * @since 1.0
 */
export const scene = defineMethod({
  method: 'submit/scene',
  params: AnalyzeOptions.extend(TransferOptions.shape).extend({
    scenePath: z.string().min(1),
    host: HostName.optional(),
    mode: z.enum(['static', 'batch', 'auto']).default('auto'),
    /** Facts computed inside the DCC (then no file analysis runs). */
    facts: SceneFacts.optional(),
    /** Keys set in task_info before the check (e.g. frames, `frames_per_task`). */
    taskInfo: z.record(z.string(), z.unknown()).optional(),
    hardwareConfig: HardwareConfig.optional(),
    /** The task's priority (the farm's taskUserLevel, 0–100; the farm's default is 50), set before the submit. */
    priority: z.number().int().min(0).max(100).optional(),
    /** When given, frames are downloaded here as they finish; the job ends when the task ends. */
    download: z.object({ localPath: z.string().optional(), sleepTime: z.number().positive().default(5) }).optional(),
  }),
  result: JobStarted,
  jobResult: z.object({
    taskId: z.number().int(),
    workspace: z.string(),
    /** Downloaded files (when `download` was asked). */
    paths: z.array(z.string()).default([]),
  }),
  progress: ['bytes', 'files', 'frames'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Analyse, check, upload and submit a scene (and optionally download its frames).',
  since: '1.0',
});

export const submitMethods = [scene] as const;
