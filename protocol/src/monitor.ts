/**
 * The job monitor: a web page the sidecar serves on its own port (loopback only). A client asks
 * for a one-time URL with `monitor/open` and opens it in the browser; the page exchanges it for a
 * session cookie and then speaks this same protocol over its own WebSocket: `job/watch` for every
 * job's events, `monitor/watch` for the farm's side (account, tasks, frames) pushed as
 * `monitor/snapshot` whenever it changes, and the task methods for actions.
 * @since 1.1
 */
import { z } from 'zod';
import { defineMethod, defineNotification } from './define';
import { ErrorCodes } from './errors';
import { TaskId } from './common';

/**
 * `monitor/open`: a one-time URL of the monitor page (valid for one minute, for one browser).
 * With `taskId` the page opens on that task.
 * @since 1.1
 */
export const open = defineMethod({
  method: 'monitor/open',
  params: z.object({ taskId: TaskId.optional() }),
  result: z.object({
    /** `http://127.0.0.1:<port>/monitor/open?code=…`; the code works once. */
    url: z.string(),
    /** ISO 8601: the code is refused after this. */
    expiresAt: z.string(),
  }),
  errors: [ErrorCodes.Unsupported],
  summary: 'A one-time URL that opens the monitor page in a browser.',
  since: '1.1',
});

/** The account as the monitor shows it (from queryUserProfile). */
export const MonitorAccount = z.object({
  userName: z.string(),
  /** Absent when the farm hides the balance (hideBalance). */
  balance: z.number().optional(),
  /** "CNY" (zone 1, rmbbalance) or "USD" (usdbalance). */
  currency: z.string(),
});

/** One row of the task list (from getTaskList; farm field names). */
export const MonitorTask = z.object({
  id: z.number().int(),
  taskAlias: z.string().optional(),
  sceneName: z.string().optional(),
  /** spec/api.md §8.3 */
  taskStatus: z.number().int(),
  totalFrames: z.number().int().optional(),
  doneFrames: z.number().int().optional(),
  failedFrames: z.number().int().optional(),
  executingFrames: z.number().int().optional(),
  abortFrames: z.number().int().optional(),
  /** Cost so far, when the farm reports it. */
  renderConsume: z.number().optional(),
  /** ms since the epoch */
  submitDate: z.number().nullable().optional(),
  completedDate: z.number().nullable().optional(),
  outputFileName: z.string().nullable().optional(),
  projectName: z.string().nullable().optional(),
});

/** One frame of a task (from queryTaskFrames; farm field names). */
export const MonitorFrame = z.object({
  /** The frame id the thumbnail, log and retry calls take. */
  id: z.number().int(),
  frameIndex: z.string(),
  /** spec/api.md §8.4 */
  frameStatus: z.number().int(),
  frameType: z.number().int().optional(),
  feeAmount: z.number().optional(),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  recommitFlag: z.number().int().optional(),
  /** The (sub-)task owning the frame. */
  taskId: z.number().int().optional(),
});

/** The local side of a task: what this sidecar downloaded of it. */
export const MonitorLocal = z.object({
  taskId: z.number().int(),
  /** The folder the frames landed in (the common folder of the files). */
  folder: z.string(),
  files: z.number().int().nonnegative(),
  /** The newest landed files, newest last (at most 20). */
  recent: z.array(z.string()),
});

/**
 * `monitor/watch`: send this connection `monitor/snapshot` now and after every change the sidecar
 * sees when it polls the farm (every `pollMs`, and at once after an action or a landed frame).
 * `taskIds`: the tasks whose frames the snapshot carries. Calling it again replaces them and
 * polls at once. Lasts as long as the connection.
 * @since 1.1
 */
export const watch = defineMethod({
  method: 'monitor/watch',
  params: z.object({ taskIds: z.array(TaskId).max(20).default([]) }),
  result: z.object({ pollMs: z.number().int().positive() }),
  summary: 'Receive the farm side (account, tasks, frames of chosen tasks) as snapshots when it changes.',
  since: '1.1',
});

/**
 * `monitor/openFolder`: open, on this machine, the folder where the task's frames landed.
 * Refused (Unsupported) when this sidecar has downloaded nothing of the task.
 * @since 1.1
 */
export const openFolder = defineMethod({
  method: 'monitor/openFolder',
  params: z.object({ taskId: TaskId }),
  result: z.object({ path: z.string() }),
  errors: [ErrorCodes.Unsupported],
  summary: 'Open the folder holding the downloaded frames of a task.',
  since: '1.1',
});

/**
 * `monitor/snapshot` (sidecar → client): the parts that changed since the last snapshot to this
 * connection; a part that is absent did not change. The first one carries every part.
 * @since 1.1
 */
export const snapshotNotification = defineNotification({
  method: 'monitor/snapshot',
  params: z.object({
    session: z.object({ loggedIn: z.boolean(), farm: z.string().optional(), domain: z.string().optional() }).optional(),
    account: MonitorAccount.nullable().optional(),
    /** The newest tasks, newest first. */
    tasks: z.array(MonitorTask).optional(),
    /** Frames of the watched tasks. */
    frames: z.array(z.object({ taskId: z.number().int(), items: z.array(MonitorFrame) })).optional(),
    local: z.array(MonitorLocal).optional(),
    /** Why the last poll failed (the farm's message), or null once it works again. */
    error: z.string().nullable().optional(),
  }),
  summary: 'What changed on the farm side (account, tasks, frames) and locally.',
  since: '1.1',
});

export const monitorMethods = [open, watch, openFolder] as const;
export const monitorNotifications = [snapshotNotification] as const;
