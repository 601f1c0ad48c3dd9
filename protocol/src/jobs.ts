/**
 * Jobs: how long work runs. A long method answers `{ jobId }` at once; the sidecar then sends
 * `job/progress` (the one progress shape, throttled to about four per second per job, the last one
 * always sent) and exactly one `job/end` to every subscribed connection. The connection that started
 * a job is subscribed; another one (or the same plugin after a reconnect) calls `job/subscribe`,
 * which replays the latest progress and, when the job already ended, its `job/end`.
 * `job/cancel` fires the job's AbortSignal inside the SDK; the job then ends with `Aborted`.
 * This is LSP's server-initiated work-done progress keyed by a job id (house-style.md, "Long work").
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod, defineNotification } from './define';
import { ErrorCodes, RpcError } from './errors';
import { Progress } from './progress';
import { NoParams } from './common';

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobInfo = z.object({
  jobId: z.string(),
  /** The method that started it, e.g. "transfer/upload". */
  method: z.string(),
  state: JobState,
  /** ISO 8601 start and end times. */
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /**
   * When a cancel was asked (ISO 8601). A job still `running` with this set has not reached a point
   * where it can stop: it is not cancelled yet. @since 1.1
   */
  cancelRequestedAt: z.string().optional(),
  /** The latest progress sent. */
  progress: Progress.optional(),
  /** The profile whose session runs it (profiles.ts). @since 1.2 */
  profile: z.string().optional(),
  /** The farm tasks the job works on, once known (from its params or its progress' `taskId`). @since 1.1 */
  taskIds: z.array(z.number().int()).optional(),
});
export type JobInfo = z.infer<typeof JobInfo>;

const JobRef = z.object({ jobId: z.string().min(1) });

/**
 * `job/list`: every running job and those ended recently.
 * @since 1.0
 */
export const list = defineMethod({
  method: 'job/list',
  params: NoParams,
  result: z.object({ jobs: z.array(JobInfo) }),
  summary: 'List running and recently ended jobs.',
  since: '1.0',
});

/**
 * `job/cancel`: cancel a running job (no effect on an ended one: `cancelled: false`).
 * @since 1.0
 */
export const cancel = defineMethod({
  method: 'job/cancel',
  params: JobRef,
  result: z.object({ cancelled: z.boolean() }),
  errors: [ErrorCodes.JobNotFound],
  summary: 'Cancel a running job through its AbortSignal.',
  since: '1.0',
});

/**
 * `job/subscribe`: receive a job's notifications on this connection; replays the latest progress and the end.
 * @since 1.0
 */
export const subscribe = defineMethod({
  method: 'job/subscribe',
  params: JobRef,
  result: JobInfo,
  errors: [ErrorCodes.JobNotFound],
  summary: 'Follow a job from this connection (replays latest progress and end).',
  since: '1.0',
});

/**
 * `job/unsubscribe`: stop receiving a job's notifications on this connection.
 * @since 1.0
 */
export const unsubscribe = defineMethod({
  method: 'job/unsubscribe',
  params: JobRef,
  result: z.object({ ok: z.literal(true) }),
  errors: [ErrorCodes.JobNotFound],
  summary: 'Stop following a job from this connection.',
  since: '1.0',
});

/**
 * `job/watch`: receive the notifications of every job on this connection — those known now (their
 * latest progress and end are replayed, as `job/subscribe` does) and every job started later, which
 * is announced with `job/started` first. For monitors (the web page); lasts as long as the connection.
 * @since 1.1
 */
export const watch = defineMethod({
  method: 'job/watch',
  params: NoParams,
  result: z.object({ jobs: z.array(JobInfo) }),
  summary: 'Follow every job, present and future, from this connection.',
  since: '1.1',
});

/**
 * `job/started` (sidecar → client): a job started; sent to connections that called `job/watch`.
 * @since 1.1
 */
export const startedNotification = defineNotification({
  method: 'job/started',
  params: z.object({ job: JobInfo }),
  summary: 'A job started (job/watch connections only).',
  since: '1.1',
});

/**
 * `job/progress` (sidecar → client): progress of a job.
 * @since 1.0
 */
export const progressNotification = defineNotification({
  method: 'job/progress',
  params: z.object({ jobId: z.string(), progress: Progress }),
  summary: 'Progress of a job (throttled; the last one is always sent).',
  since: '1.0',
});

/**
 * `job/end` (sidecar → client): the job finished; `result` is the method's `jobResult`, or `error` says why not.
 * @since 1.0
 */
export const endNotification = defineNotification({
  method: 'job/end',
  params: z.object({
    jobId: z.string(),
    ok: z.boolean(),
    result: z.unknown().optional(),
    error: RpcError.optional(),
  }),
  summary: 'A job ended, with its result or error.',
  since: '1.0',
});

export const jobMethods = [list, cancel, subscribe, unsubscribe, watch] as const;
export const jobNotifications = [progressNotification, endNotification, startedNotification] as const;
