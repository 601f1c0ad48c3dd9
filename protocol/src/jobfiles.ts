/**
 * Job-file edits (spec/api.md §6): the helpers the Python SDK exposes as `update_task_info`,
 * `append_to_task`, `append_to_upload` and `convert_path`, plus a reader. Paths are local paths
 * on the sidecar's machine (the same machine as the plugin).
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { Ok } from './common';

/**
 * `jobfiles/updateTaskInfo`: set keys of task_info in task.json.
 * @since 1.0
 */
export const updateTaskInfo = defineMethod({
  method: 'jobfiles/updateTaskInfo',
  params: z.object({ updateInfo: z.record(z.string(), z.unknown()), taskPath: z.string().min(1) }),
  result: Ok,
  errors: [ErrorCodes.SdkError],
  summary: 'Update task_info keys of a task.json.',
  since: '1.0',
});

/**
 * `jobfiles/appendToTask`: add keys to task.json's `additional_info` (`cover` replaces existing keys).
 * @since 1.0
 */
export const appendToTask = defineMethod({
  method: 'jobfiles/appendToTask',
  params: z.object({
    additionalInfo: z.record(z.string(), z.unknown()),
    taskPath: z.string().min(1),
    cover: z.boolean().default(true),
  }),
  result: Ok,
  errors: [ErrorCodes.SdkError],
  summary: 'Append to additional_info of a task.json.',
  since: '1.0',
});

/**
 * `jobfiles/appendToUpload`: add local files to upload.json (server paths computed, duplicates dropped).
 * @since 1.0
 */
export const appendToUpload = defineMethod({
  method: 'jobfiles/appendToUpload',
  params: z.object({
    filesPaths: z.union([z.string().min(1), z.array(z.string().min(1))]),
    uploadPath: z.string().min(1),
  }),
  result: Ok,
  errors: [ErrorCodes.SdkError],
  summary: 'Append files to an upload.json.',
  since: '1.0',
});

/**
 * `jobfiles/convertPath`: the server path a local path uploads to.
 * @since 1.0
 */
export const convertPath = defineMethod({
  method: 'jobfiles/convertPath',
  params: z.object({ path: z.string().min(1) }),
  result: z.object({ serverPath: z.string() }),
  summary: 'Map a local path to its server path.',
  since: '1.0',
});

/**
 * `jobfiles/read`: read one job file (task, asset, tips or upload json) as JSON.
 * @since 1.0
 */
export const read = defineMethod({
  method: 'jobfiles/read',
  params: z.object({ path: z.string().min(1) }),
  result: z.object({ content: z.unknown() }),
  errors: [ErrorCodes.SdkError],
  summary: 'Read a job file.',
  since: '1.0',
});

export const jobfilesMethods = [updateTaskInfo, appendToTask, appendToUpload, convertPath, read] as const;
