/**
 * One progress shape for every long operation (upload, download, analysis, render), after LSP's
 * work-done progress: `begin`, any number of `report`, and always one `end`.
 *
 * Counts are sent, never a bare percentage: `bytes`, `files` and `frames` each carry
 * `{ transferred, total? }`; a percentage is derived by the reader and must never fall.
 * @since 0.1.0
 */
import { z } from 'zod';

export const Counter = z.object({
  transferred: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});
export type Counter = z.infer<typeof Counter>;

const progressFields = {
  /** Short title of the operation, e.g. "Uploading assets". Set on `begin`. */
  title: z.string().optional(),
  /** Human-readable detail of the current step. */
  message: z.string().optional(),
  bytes: Counter.optional(),
  files: Counter.optional(),
  frames: Counter.optional(),
  /** The file being transferred now (local path). */
  currentFile: z.string().optional(),
  /** Current rate in bytes per second. */
  speedBps: z.number().nonnegative().optional(),
  /** Stage of a multi-stage operation, e.g. "check", "upload", "submit". */
  stage: z.string().optional(),
  /** The farm task this progress is about, once known (e.g. `submit/scene`'s download stage). */
  taskId: z.number().int().optional(),
};

export const ProgressBegin = z.object({ kind: z.literal('begin'), cancellable: z.boolean().optional(), ...progressFields });
export const ProgressReport = z.object({ kind: z.literal('report'), ...progressFields });
export const ProgressEnd = z.object({ kind: z.literal('end'), ...progressFields });
export const Progress = z.discriminatedUnion('kind', [ProgressBegin, ProgressReport, ProgressEnd]);
export type Progress = z.infer<typeof Progress>;

/** Callback every long SDK function accepts; a no-op stands in when nobody listens. */
export type ProgressListener = (progress: Progress) => void;
export const noProgress: ProgressListener = () => {};
