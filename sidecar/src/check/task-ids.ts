/**
 * Fill task_info's ids (spec/api.md §5.2 step 6): task_id (createTask, reused until submitted),
 * user_id and project_id ("0" without a project name). Run only after the check passed, so a
 * failed check creates no task (the old SDK created the task first).
 */
import type { CheckApi } from './api-shape';

/** Mutates `taskInfo`, filling empty ids; returns the task id as a number. */
export async function fillTaskIds(api: CheckApi, taskInfo: Record<string, unknown>, signal?: AbortSignal): Promise<number> {
  const call = signal ? { signal } : {};
  if (!taskInfo.task_id) taskInfo.task_id = String(await api.task.getTaskId(call));
  if (!taskInfo.user_id) taskInfo.user_id = String(api.userInfo?.user_id ?? (await api.getUserId(call)));
  if (!taskInfo.project_id) {
    const name = typeof taskInfo.project_name === 'string' ? taskInfo.project_name.trim() : '';
    taskInfo.project_id = name ? String(await api.checkAndAddProjectName(name, call)) : '0';
  }
  return Number(taskInfo.task_id);
}

/** task_info keys whose numbers the farm wants as strings (MODIFIABLE_PARAM), plus the ids. */
export const STRING_PARAMS = [
  'pre_frames', 'input_cg_file', 'frames_per_task', 'test_frames', 'job_stop_time', 'task_stop_time', 'time_out',
  'stop_after_test', 'tiles_type', 'tiles', 'is_layer_rendering', 'is_distribute_render', 'distribute_render_node',
  'input_project_path', 'render_layer_type', 'os_name', 'ram', 'enable_layered', 'task_id', 'user_id', 'project_id',
] as const;

/** Numbers and booleans of STRING_PARAMS become strings (Python's str(): True → "True"). */
export function stringifyParams(taskInfo: Record<string, unknown>): void {
  for (const key of STRING_PARAMS) {
    const v = taskInfo[key];
    if (typeof v === 'number') taskInfo[key] = String(v);
    else if (typeof v === 'boolean') taskInfo[key] = v ? 'True' : 'False';
  }
}
