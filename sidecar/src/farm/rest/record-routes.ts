/** Endpoints of the 2026 docs absent from the SDK snapshot (spec/api.md §3.8). */
import { page } from '../task-info';
import type { RouteTable } from './route';

export const recordRoutes: RouteTable = {
  '/api/render/submit/getUserPackNodeInfo': {
    handle: () => [{ packNodeId: 1, packName: 'default' }, { packNodeId: 2, packName: 'large-memory' }],
  },
  '/api/render/handle/operate/sdk/taskRecord': {
    handle: ({ ctx, account, body }) => {
      const rows = ctx.db.prepare('SELECT id, submit_date FROM tasks WHERE user_id = ? AND parent_id IS NULL AND submitted = 1 ORDER BY id DESC')
        .all(account.userId) as { id: number; submit_date: number }[];
      const items = rows.map((r) => ({
        userName: account.userName, taskType: 'submit', buttonName: 'submit', taskIds: String(r.id), channel: 4,
        createTime: r.submit_date, details: '', operateSource: 1, userId: account.userId, requestIp: '127.0.0.1',
        requestURI: '/api/render/submit/task', requestParam: JSON.stringify({ taskId: r.id }),
      }));
      return page(items, Number(body.pageNum ?? 1), Number(body.pageSize ?? 100));
    },
  },
  '/api/render/handle/operate/sdk/loginRecord': {
    handle: ({ account, body }) => page([{
      id: 1, userId: account.userId, userName: account.userName, userUa: 'rayvision-sdk', traceId: '', loginType: 'accessKey',
      loginStatus: 200, loginStaDesc: 'success', moduleType: 'sdk', ip: '127.0.0.1', loginTime: Date.now(),
    }], Number(body.pageNum ?? 1), Number(body.pageSize ?? 100)),
  },
};
