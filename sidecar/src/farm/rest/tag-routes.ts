/** Tag / project group (spec/api.md §3.4). */
import { ownedTask } from '../task-ops';
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';

export const tagRoutes: RouteTable = {
  '/api/render/project/add': {
    schema: { newName: { type: 'string', required: true }, status: { type: 'integer' } },
    handle: ({ ctx, account, body }) => {
      const name = String(body.newName);
      if (name.trim() === '') throw new FarmApiError(Code.PARAMETER_CANT_BE_EMPTY, 'newName must not be empty.');
      ctx.db.prepare('INSERT OR IGNORE INTO projects (user_id, name, status) VALUES (?, ?, ?)').run(account.userId, name, Number(body.status ?? 0));
      return null;
    },
  },
  '/api/render/project/delete': {
    schema: { delName: { type: 'string', required: true } },
    handle: ({ ctx, account, body }) => {
      ctx.db.prepare('DELETE FROM projects WHERE user_id = ? AND name = ?').run(account.userId, String(body.delName));
      return null;
    },
  },
  '/api/render/project/getList': {
    handle: ({ ctx, account }) => ({
      projectNameList: (ctx.db.prepare('SELECT project_id AS projectId, name AS projectName FROM projects WHERE user_id = ? ORDER BY project_id').all(account.userId)),
    }),
  },
  '/api/render/project/list': {
    schema: { flag: { type: 'integer', required: true, allowed: [0, 1, 2] } },
    handle: ({ ctx, account }) => ({
      projectNameList: (ctx.db.prepare('SELECT project_id AS projectId, name AS projectName FROM projects WHERE user_id = ? ORDER BY project_id').all(account.userId)),
    }),
  },
  '/api/render/handle/addTaskLabel': {
    schema: { label: { type: 'string', required: true }, taskIds: { type: 'list', required: true, items: 'integer' } },
    handle: ({ ctx, account, body }) => {
      for (const id of body.taskIds as number[]) {
        const task = ownedTask(ctx, account, id);
        ctx.db.prepare('INSERT INTO task_labels (task_id, label) VALUES (?, ?)').run(task.id, String(body.label));
      }
      return null;
    },
  },
  '/api/render/handle/deleteTaskLabel': {
    schema: { labelIds: { type: 'list', required: true } },
    handle: ({ ctx, account, body }) => {
      const del = ctx.db.prepare('DELETE FROM task_labels WHERE id = ? AND task_id IN (SELECT id FROM tasks WHERE user_id = ?)');
      for (const id of body.labelIds as unknown[]) del.run(Number(id), account.userId);
      return null;
    },
  },
};
