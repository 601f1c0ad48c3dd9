/**
 * `submit/scene`'s `priority`: the farm takes a task's priority (taskUserLevel) through
 * `updateTaskUserLevel` on an existing task. The check creates the task (so a failed check creates
 * none); the priority is set right after, before `submit`, so the task never queues at the default.
 */
import type { TaskOperator } from '../api/index';
import type { SubmitApi } from '../transfer/index';

type PrioritisableApi = SubmitApi & { task: Pick<TaskOperator, 'updatePriority'> };

/** `api` whose `submit(taskId, …)` first sets the task's priority; every other member is `api`'s own. */
export function withPriority<A extends PrioritisableApi>(api: A, priority: number | undefined): A {
  if (priority === undefined) return api;
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'submit') {
        return async (taskId: number, producer?: string | null, call: { signal?: AbortSignal } = {}) => {
          await target.task.updatePriority(taskId, priority, call);
          return target.submit(taskId, producer, call);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      // Bound to the real client: its methods use private fields a proxy does not have.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
