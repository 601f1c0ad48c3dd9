/**
 * REST operations (spec/api.md §3): one generic `api/call` reaching every method of the six groups
 * by its SDK name (camelCase of the Python name), plus typed shortcuts for what plugins use most.
 * Answers are the farm's `data`, unchanged.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { Ok, TaskId } from './common';

export const ApiGroup = z.enum(['user', 'task', 'query', 'tag', 'env', 'transmit']);

/**
 * `api/call`: any REST method, e.g. `{ group: "query", method: "getTaskList", args: [{ pageNum: 1 }] }`.
 * `args` are the SDK method's arguments, in order.
 * @since 1.0
 */
export const call = defineMethod({
  method: 'api/call',
  params: z.object({
    group: ApiGroup,
    /** The SDK method name in camelCase, e.g. "queryUserProfile", "getTaskList". */
    method: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    args: z.array(z.unknown()).default([]),
  }),
  result: z.object({ result: z.unknown() }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Call any REST method of the SDK by group and name.',
  since: '1.0',
});

/**
 * `task/list`: the account's tasks, newest first (`getTaskList`).
 * @since 1.0
 */
export const list = defineMethod({
  method: 'task/list',
  params: z.object({
    pageNum: z.number().int().positive().default(1),
    pageSize: z.number().int().positive().max(1000).default(100),
    statusList: z.array(z.number().int()).optional(),
    searchKeyword: z.string().optional(),
    startTime: z.string().optional(),
    endTime: z.string().optional(),
    recycleFlag: z.number().int().optional(),
  }),
  result: z.unknown(),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'List tasks (one page).',
  since: '1.0',
});

/**
 * `task/info`: details of tasks (`taskInfo`).
 * @since 1.0
 */
export const info = defineMethod({
  method: 'task/info',
  params: z.object({ taskIds: z.array(TaskId).min(1) }),
  result: z.unknown(),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Task details by id.',
  since: '1.0',
});

/**
 * `task/frames`: every frame of a task, keyed by frame index (`getAllFrames`).
 * @since 1.0
 */
export const frames = defineMethod({
  method: 'task/frames',
  params: z.object({ taskId: TaskId }),
  result: z.unknown(),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'All frames of a task.',
  since: '1.0',
});

/**
 * `task/submit`: submit a task whose files are uploaded (`api.submit`).
 * @since 1.0
 */
export const submit = defineMethod({
  method: 'task/submit',
  params: z.object({ taskId: TaskId, producer: z.string().optional() }),
  result: Ok,
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Submit an uploaded task for rendering.',
  since: '1.0',
});

const TaskIds = z.object({ taskIds: z.array(TaskId).min(1) });

/** Operations on a set of tasks, each one SDK call on `api.task`. */
function taskOp<const M extends string>(method: M, summary: string) {
  return defineMethod({
    method,
    params: TaskIds,
    result: Ok,
    errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
    needsLogin: true,
    summary,
    since: '1.0',
  });
}

/** `task/stop` (`stopTask`). @since 1.0 */
export const stop = taskOp('task/stop', 'Stop tasks.');
/** `task/start` (`startTask`). @since 1.0 */
export const start = taskOp('task/start', 'Start (resume) stopped tasks.');
/** `task/abort` (`abortTask`). @since 1.0 */
export const abort = taskOp('task/abort', 'Abandon tasks.');
/** `task/delete` (`deleteTask`). @since 1.0 */
export const remove = taskOp('task/delete', 'Delete tasks.');

/**
 * `task/retry`: render frames again (re-commit). Without `frameIds` every failed frame of the task
 * (`restartFailedFrames`, recommitTasks); with them exactly those frames (`restartFrame`, selectAll 0).
 * @since 1.1
 */
export const retry = defineMethod({
  method: 'task/retry',
  params: z.object({
    taskId: TaskId,
    /** Frame ids (FrameInfo.id), not frame numbers. */
    frameIds: z.array(z.number().int().positive()).min(1).optional(),
  }),
  result: Ok,
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Re-render the failed frames of a task, or the given frames.',
  since: '1.1',
});

/**
 * `task/thumbnail`: the farm's thumbnail of a finished frame (`getFrameThumbnall`, then the image
 * itself), base64 in `data`. `available: false` with a `reason` when the frame has none yet.
 * @since 1.1
 */
export const thumbnail = defineMethod({
  method: 'task/thumbnail',
  params: z.object({ frameId: z.number().int().positive() }),
  result: z.object({
    available: z.boolean(),
    /** e.g. "image/png" */
    mimeType: z.string().optional(),
    /** The image, base64. */
    data: z.string().optional(),
    reason: z.string().optional(),
  }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'The thumbnail image of a finished frame.',
  since: '1.1',
});

/**
 * `task/log`: the render log of one frame (`getRenderLog`, showLog), as lines.
 * @since 1.1
 */
export const log = defineMethod({
  method: 'task/log',
  params: z.object({ frameId: z.number().int().positive(), renderingType: z.string().default('render') }),
  result: z.object({ frameId: z.number().int(), lines: z.array(z.string()) }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'The render log of a frame.',
  since: '1.1',
});

export const taskMethods = [call, list, info, frames, submit, stop, start, abort, remove, retry, thumbnail, log] as const;
