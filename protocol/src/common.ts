/**
 * Small shapes shared by several domains.
 * @since 1.0
 */
import { z } from 'zod';

/**
 * What every long method answers at once: the id of the job that now runs. `attached: true` says the
 * same work (same method and params) was still running, so this call follows that job instead of
 * starting a second one (upload and submit: a rerun after a killed client).
 * @since 1.0 (`attached` @since 1.1)
 */
export const JobStarted = z.object({ jobId: z.string(), attached: z.boolean().optional() });
export type JobStarted = z.infer<typeof JobStarted>;

/** An empty params object; extra keys are refused so that typos surface. */
export const NoParams = z.strictObject({});

/** `{ ok: true }` for operations that have nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });

/** A farm task id: a positive integer (a string of digits is accepted and converted). */
export const TaskId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);

/** The four job-file paths an analysis writes (spec/api.md §7). */
export const JobFilePaths = z.object({
  taskJsonPath: z.string(),
  assetJsonPath: z.string(),
  tipsJsonPath: z.string(),
  uploadJsonPath: z.string(),
});
export type JobFilePaths = z.infer<typeof JobFilePaths>;

/** Transfer engine names (spec/transfer.md §2); `http` is the local farm's storage protocol. */
export const EngineType = z.enum(['aspera', 'raysyncproxy', 'http', 'transmitter']);
