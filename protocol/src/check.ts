/**
 * The pre-submit check (`RayvisionCheck.execute`, spec/api.md §5): validates the DCC version,
 * picks the hardware, fills task/user/project ids (creating the task id) and turns tips into errors.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { JobStarted } from './common';

/** `{ model, ram, gpuNum }` as the farm lists hardware (e.g. CPU `{ model: "Default", ram: "64GB", gpuNum: null }`). */
export const HardwareConfig = z.object({
  model: z.union([z.string(), z.array(z.string())]),
  ram: z.string(),
  gpuNum: z.string().nullable().optional(),
});

/**
 * `check/run` (job): check the job files; answers the task id.
 * @since 1.0
 */
export const run = defineMethod({
  method: 'check/run',
  params: z.object({
    taskJsonPath: z.string().min(1),
    uploadJsonPath: z.string().optional(),
    assetJsonPath: z.string().optional(),
    tipsJsonPath: z.string().optional(),
    hardwareConfig: HardwareConfig.optional(),
    /** Accept a scene whose read was incomplete (tips 15101–15107); refused without it. */
    allowIncomplete: z.boolean().optional(),
    /** Write results into the given files (true) or into a new folder of the workspace (false). */
    isCover: z.boolean().default(true),
  }),
  result: JobStarted,
  jobResult: z.object({ taskId: z.number().int() }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Check job files against the farm and obtain the task id.',
  since: '1.0',
});

export const checkMethods = [run] as const;
