/** Task group (spec/api.md §3.2 and the facade's submit, §3.7). */
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';
import { abandonTasks, deleteTasks, fullSpeed, ownedTask, startTasks, stopTasks } from '../task-ops';
import { insertTask, TaskStatus } from '../tasks-store';

const taskIds = { taskIds: { type: 'list', required: true, items: 'integer' } } as const;
const ids = (body: Record<string, unknown>): number[] => (body.taskIds as unknown[]).map(Number);

export const taskRoutes: RouteTable = {
  '/api/render/submit/createTask': {
    schema: {
      count: { type: 'integer', required: true }, taskUserLevel: { type: 'integer', required: true },
      outUserId: { type: 'integer' }, labels: { type: 'list' }, cloneOriginalId: { type: 'integer' }, artist: { type: 'string' },
    },
    handle: ({ ctx, account, body, platform }) => {
      const count = Number(body.count);
      if (count < 1 || count > 100) throw new FarmApiError(Code.PARAMETER_INVALID, 'count must be between 1 and 100.');
      const plat = Number.isFinite(platform) ? platform : 2;
      const created: number[] = [];
      ctx.db.transaction(() => {
        for (let i = 0; i < count; i += 1) {
          const id = insertTask(ctx.db, {
            user_id: account.userId, platform: plat, status: TaskStatus.WAITING, submitted: 0,
            task_user_level: Number(body.taskUserLevel), artist: typeof body.artist === 'string' ? body.artist : null,
            clone_original_id: typeof body.cloneOriginalId === 'number' ? body.cloneOriginalId : null,
            out_user_id: typeof body.outUserId === 'number' ? body.outUserId : null,
          });
          for (const label of Array.isArray(body.labels) ? body.labels : []) {
            ctx.db.prepare('INSERT INTO task_labels (task_id, label) VALUES (?, ?)').run(id, String(label));
          }
          created.push(id);
        }
      })();
      return { taskIdList: created, aliasTaskIdList: created.map((id) => `${plat}W${id}`), userId: account.userId };
    },
  },
  '/api/render/submit/task': {
    schema: { taskId: { type: 'integer', required: true }, producer: { type: 'string' } },
    handle: ({ ctx, account, body }) => {
      const task = ownedTask(ctx, account, Number(body.taskId));
      if (task.parent_id !== null) throw new FarmApiError(Code.PARAMETER_INVALID, `Task ${task.id} is a layer of task ${task.parent_id}; submit the parent.`);
      if (task.submitted) throw new FarmApiError(Code.FAIL, `Task ${task.id} was already submitted.`);
      ctx.db.prepare('UPDATE tasks SET submitted = 1, submit_date = ?, producer = COALESCE(?, producer), status = ? WHERE id = ?')
        .run(ctx.now(), typeof body.producer === 'string' ? body.producer : null, TaskStatus.WAITING, task.id);
      return null;
    },
  },
  '/api/rendering/task/renderingTask/stopTask': { schema: taskIds, handle: ({ ctx, account, body }) => { stopTasks(ctx, account, ids(body)); return null; } },
  '/api/rendering/task/renderingTask/startTask': { schema: taskIds, handle: ({ ctx, account, body }) => { startTasks(ctx, account, ids(body)); return null; } },
  '/api/render/handle/abandonTask': { schema: taskIds, handle: ({ ctx, account, body }) => { abandonTasks(ctx, account, ids(body)); return null; } },
  '/api/render/handle/deleteTask': { schema: taskIds, handle: ({ ctx, account, body }) => { deleteTasks(ctx, account, ids(body)); return null; } },
  '/api/rendering/task/renderingTask/updateTaskUserLevel': {
    schema: { taskId: { type: 'integer', required: true }, taskUserLevel: { type: 'integer', required: true } },
    handle: ({ ctx, account, body }) => {
      const task = ownedTask(ctx, account, Number(body.taskId));
      ctx.db.prepare('UPDATE tasks SET task_user_level = ? WHERE id = ? OR parent_id = ?').run(Number(body.taskUserLevel), task.id, task.id);
      return null;
    },
  },
  '/api/render/handle/setTaskOverTimeStop': {
    schema: { ...taskIds, overTime: { type: 'integer', required: true } },
    handle: ({ ctx, account, body }) => {
      for (const id of ids(body)) {
        const task = ownedTask(ctx, account, id);
        ctx.db.prepare('UPDATE tasks SET over_time = ? WHERE id = ? OR parent_id = ?').run(Number(body.overTime), task.id, task.id);
      }
      return 'SUCCESS';
    },
  },
  '/api/render/handle/fullSpeedRendering': {
    schema: taskIds,
    handle: ({ ctx, account, body }) => {
      fullSpeed(ctx, account, ids(body));
      return 'success';
    },
  },
  '/api/render/handle/editTaskHardwareConfig': {
    schema: { taskIds: { type: 'list', required: true }, hardwareConfigId: { type: 'list', required: true } },
    handle: ({ ctx, account, body }) => {
      const hw = String((body.hardwareConfigId as unknown[])[0] ?? '');
      for (const id of (body.taskIds as unknown[]).map(Number)) {
        const task = ownedTask(ctx, account, id);
        ctx.db.prepare('UPDATE tasks SET hardware_config_id = ? WHERE id = ? OR parent_id = ?').run(hw, task.id, task.id);
      }
      return null;
    },
  },
};
