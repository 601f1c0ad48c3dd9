/**
 * `api/call` and `task/*`: REST operations of the SDK's RayvisionAPI groups. `api/call` reaches
 * every group method by name (own methods of the group only). Every call gets the session's signal,
 * so a logout aborts REST calls in flight instead of closing the client under them.
 */
import { ErrorCodes } from '../../../protocol/src/index';
import { ENDPOINTS } from '../api/index';
import { fetchFrameThumbnail, readRenderLog } from '../api/index';
import type { SidecarServices } from './context';
import type { PartialHandlers } from './dispatcher';
import { RpcException } from './rpc-errors';

const ok = { ok: true as const };

/** After an action on tasks: watching monitors poll now instead of at their next round. */
function changed(sidecar: SidecarServices): typeof ok {
  sidecar.monitor.watch.pollSoon(0);
  return ok;
}

/**
 * Where a group method takes its call options: table methods after their row's arguments,
 * hand-written ones (frame helpers, getTaskId, submitTask) as their last declared parameter.
 */
function optionsIndex(group: string, method: string, fn: (...a: unknown[]) => unknown): number {
  if (fn.length > 0) return fn.length - 1;
  const row = ENDPOINTS.find((r) => r.group === group && (r.method === method || r.aliases?.includes(method)));
  return row ? row.args.length : 0;
}

/** `args` padded to the options slot, with the session's signal merged into the options. */
function withSignal(args: unknown[], index: number, signal: AbortSignal, name: string): unknown[] {
  if (args.length > index + 1) {
    throw new RpcException(ErrorCodes.InvalidParams, `${name} takes at most ${index} argument(s) (and an options object); got ${args.length}.`, {
      issues: [{ path: 'args', message: `at most ${index + 1} items` }],
    });
  }
  const given = args[index];
  const options = given !== null && typeof given === 'object' && !Array.isArray(given) ? given : {};
  const padded = [...args.slice(0, index)];
  while (padded.length < index) padded.push(undefined);
  return [...padded, { ...options, signal }];
}

export const taskHandlers: PartialHandlers<
  | 'api/call' | 'task/list' | 'task/info' | 'task/frames' | 'task/submit' | 'task/stop' | 'task/start' | 'task/abort' | 'task/delete'
  | 'task/retry' | 'task/thumbnail' | 'task/log'
> = {
  'api/call': async ({ group, method, args }, { session }) => {
    const target = session.requireApi()[group] as unknown as Record<string, unknown>;
    const fn = Object.prototype.hasOwnProperty.call(target, method) ? target[method] : undefined;
    if (typeof fn !== 'function') {
      throw new RpcException(ErrorCodes.InvalidParams, `No method "${method}" in api.${group}: see docs/api.md for the method names.`, {
        issues: [{ path: 'method', message: 'unknown method' }],
      });
    }
    const call = fn as (...a: unknown[]) => Promise<unknown>;
    const full = withSignal(args, optionsIndex(group, method, call), session.signal, `api.${group}.${method}`);
    return { result: (await call(...full)) ?? null };
  },
  'task/list': (p, { sidecar, session }) =>
    session.requireApi().query.getTaskList(p.pageNum, p.pageSize, p.statusList ?? null, p.searchKeyword ?? null, p.startTime ?? null, p.endTime ?? null, p.recycleFlag ?? null, { signal: session.signal }),
  'task/info': (p, { sidecar, session }) => session.requireApi().query.taskInfo(p.taskIds, { signal: session.signal }),
  'task/frames': (p, { sidecar, session }) => session.requireApi().query.getAllFrames(p.taskId, undefined, undefined, undefined, { signal: session.signal }),
  'task/submit': async (p, { sidecar, session }) => (await session.requireApi().submit(p.taskId, p.producer ?? null, { signal: session.signal }), ok),
  'task/stop': async (p, { sidecar, session }) => (await session.requireApi().task.stopTask(p.taskIds, { signal: session.signal }), changed(sidecar)),
  'task/start': async (p, { sidecar, session }) => (await session.requireApi().task.startTask(p.taskIds, { signal: session.signal }), changed(sidecar)),
  'task/abort': async (p, { sidecar, session }) => (await session.requireApi().task.abortTask(p.taskIds, { signal: session.signal }), changed(sidecar)),
  'task/delete': async (p, { sidecar, session }) => (await session.requireApi().task.deleteTask(p.taskIds, { signal: session.signal }), changed(sidecar)),
  'task/retry': async (p, { sidecar, session }) => {
    const api = session.requireApi();
    const call = { signal: session.signal };
    if (p.frameIds) await api.query.restartFrame(p.taskId, 0, p.frameIds, null, call);
    else await api.query.restartFailedFrames([p.taskId], null, call);
    return changed(sidecar);
  },
  'task/thumbnail': async (p, { sidecar, session }) => {
    const thumb = await fetchFrameThumbnail(session.requireApi(), p.frameId, { signal: session.signal });
    if (!thumb) return { available: false, reason: `Frame ${p.frameId} has no thumbnail yet: only finished frames have one.` };
    return { available: true, mimeType: thumb.mimeType, data: thumb.bytes.toString('base64') };
  },
  'task/log': async (p, { sidecar, session }) => ({
    frameId: p.frameId,
    lines: await readRenderLog(session.requireApi(), p.frameId, p.renderingType, { signal: session.signal }),
  }),
};
