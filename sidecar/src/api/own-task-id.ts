/**
 * The SDK's `task.task_id` is one created id reused until it is submitted, per client. A sidecar
 * shares one client between every job of its session, so two submits at once would get the same
 * task id and overwrite each other's job files on the farm. `withOwnTaskId(api)` is the same client
 * with a task id of its own: one per job, created on first use.
 */
import { RayvisionError } from './errors';
import type { TaskOperator } from './operators';

const bound = <T extends object>(target: T, prop: string | symbol): unknown => {
  const value: unknown = Reflect.get(target, prop, target);
  // Bound to the real object: its methods use private fields a proxy does not have.
  return typeof value === 'function' ? value.bind(target) : value;
};

/** `api` whose `task.getTaskId()` creates and keeps its own id; every other member is `api`'s own. */
export function withOwnTaskId<A extends { task: TaskOperator }>(api: A): A {
  let own: Promise<number> | undefined;
  const task = new Proxy(api.task, {
    get(target, prop) {
      if (prop !== 'getTaskId') return bound(target, prop);
      return (opts?: Parameters<TaskOperator['getTaskId']>[0]) => {
        own ??= target.createTask(1, 50, undefined, undefined, undefined, undefined, opts).then((created) => {
          const id = created?.taskIdList?.[0];
          if (typeof id !== 'number') throw new RayvisionError(1000000, 'Failed to create a task number: the farm returned no task id; check the account balance and permissions.');
          return id;
        });
        own.catch(() => (own = undefined)); // a failed create is tried again on the next call
        return own;
      };
    },
  });
  return new Proxy(api, { get: (target, prop) => (prop === 'task' ? task : bound(target, prop)) });
}
