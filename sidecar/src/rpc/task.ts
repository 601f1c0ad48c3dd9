/**
 * `api/call` and `task/*`: REST operations of the SDK's RayvisionAPI groups. `api/call` reaches
 * every group method by name (own methods of the group only); the shortcuts pass the signal too.
 */
import { ErrorCodes } from '../../../protocol/src/index';
import type { PartialHandlers } from './dispatcher';
import { RpcException } from './rpc-errors';

const ok = { ok: true as const };

export const taskHandlers: PartialHandlers<
  'api/call' | 'task/list' | 'task/info' | 'task/frames' | 'task/submit' | 'task/stop' | 'task/start' | 'task/abort' | 'task/delete'
> = {
  'api/call': async ({ group, method, args }, { sidecar }) => {
    const target = sidecar.session.requireApi()[group] as unknown as Record<string, unknown>;
    const fn = Object.prototype.hasOwnProperty.call(target, method) ? target[method] : undefined;
    if (typeof fn !== 'function') {
      throw new RpcException(ErrorCodes.InvalidParams, `No method "${method}" in api.${group}: see docs/api.md for the method names.`, {
        issues: [{ path: 'method', message: 'unknown method' }],
      });
    }
    return { result: (await (fn as (...a: unknown[]) => Promise<unknown>)(...args)) ?? null };
  },
  'task/list': (p, { sidecar }) =>
    sidecar.session.requireApi().query.getTaskList(p.pageNum, p.pageSize, p.statusList ?? null, p.searchKeyword ?? null, p.startTime ?? null, p.endTime ?? null, p.recycleFlag ?? null),
  'task/info': (p, { sidecar }) => sidecar.session.requireApi().query.taskInfo(p.taskIds),
  'task/frames': (p, { sidecar }) => sidecar.session.requireApi().query.getAllFrames(p.taskId),
  'task/submit': async (p, { sidecar }) => (await sidecar.session.requireApi().submit(p.taskId, p.producer ?? null), ok),
  'task/stop': async (p, { sidecar }) => (await sidecar.session.requireApi().task.stopTask(p.taskIds), ok),
  'task/start': async (p, { sidecar }) => (await sidecar.session.requireApi().task.startTask(p.taskIds), ok),
  'task/abort': async (p, { sidecar }) => (await sidecar.session.requireApi().task.abortTask(p.taskIds), ok),
  'task/delete': async (p, { sidecar }) => (await sidecar.session.requireApi().task.deleteTask(p.taskIds), ok),
};
