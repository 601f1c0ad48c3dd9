import { JobFileError, JOBFILE_CODES } from './errors';
import { readTaskJson } from './read';
import { writeTaskJson } from './write';

/**
 * Shallow-updates task.json `task_info` with the given values, as-is (spec/api.md §6.1).
 * Every key must already exist in task_info (JobFileError 1000002, nothing written): the farm only
 * accepts known keys.
 */
export async function updateTaskInfo(updateInfo: Record<string, unknown>, taskPath: string): Promise<void> {
  const file = taskPath.replace(/\\/g, '/');
  const task = await readTaskJson(file);
  for (const key of Object.keys(updateInfo)) {
    if (!(key in task.task_info)) {
      throw new JobFileError('ERR_TASK_KEY_MISSING', `${key} does not exist in the task setting and cannot be updated.`, {
        farmCode: JOBFILE_CODES.keyMissing,
        details: { key, file },
      });
    }
  }
  Object.assign(task.task_info, updateInfo);
  await writeTaskJson(file, task);
}

/**
 * Adds custom fields to the top-level `additional_info` object of task.json (spec/api.md §6.2).
 * `cover` true merges (overwriting); false refuses keys that already exist (1000002) and otherwise
 * adds them (the old SDK silently added nothing in that case).
 */
export async function appendToTask(additionalInfo: Record<string, unknown>, taskPath: string, cover = true): Promise<void> {
  const file = taskPath.replace(/\\/g, '/');
  const task = await readTaskJson(file);
  const current = (task.additional_info ??= {});
  if (!cover) {
    for (const key of Object.keys(additionalInfo)) {
      if (key in current) {
        throw new JobFileError('ERR_TASK_KEY_EXISTS', `${key} already exists, cannot be added; pass cover=true to overwrite it.`, {
          farmCode: JOBFILE_CODES.keyMissing,
          details: { key, file },
        });
      }
    }
  }
  Object.assign(current, additionalInfo);
  await writeTaskJson(file, task);
}
