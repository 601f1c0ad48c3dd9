/** Query group (spec/api.md §3.3): task lists and details, frames, software, platforms, tips. */
import { PLATFORMS, TIP_CODES } from '../catalog';
import { page, toFrameInfo, toTaskInfo } from '../task-info';
import { ownedTask, recommitFrames, selectFrames, stopFrames } from '../task-ops';
import { frameLogLines } from '../render/frame-log';
import { FrameStatus, getTask, type FrameRow, type TaskRow } from '../tasks-store';
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';

const frameSelection = {
  taskId: { type: 'integer', required: true }, selectAll: { type: 'integer' }, ids: { type: 'list' }, status: { type: 'list' },
} as const;

function pickFrames(call: Parameters<RouteTable[string]['handle']>[0]): ReturnType<typeof selectFrames> {
  const { ctx, account, body } = call;
  const task = ownedTask(ctx, account, Number(body.taskId));
  const selectAll = Number(body.selectAll ?? 0) === 1;
  const ids = Array.isArray(body.ids) ? body.ids.map(Number) : [];
  if (!selectAll && ids.length === 0) throw new FarmApiError(Code.PARAMETER_CANT_BE_EMPTY, 'ids is required when selectAll is not 1.');
  return selectFrames(ctx, task, selectAll, ids, Array.isArray(body.status) ? body.status.map(Number) : undefined);
}

/** A frame of the caller's tasks, or a 404 envelope error. */
function ownedFrame(ctx: Parameters<RouteTable[string]['handle']>[0]['ctx'], userId: number, id: unknown): FrameRow {
  const f = ctx.db.prepare('SELECT f.*, t.user_id FROM frames f JOIN tasks t ON t.id = f.task_id WHERE f.id = ?').get(Number(id)) as
    | (FrameRow & { user_id: number }) | undefined;
  if (!f || f.user_id !== userId) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `Frame ${String(id)} does not exist for this account.`);
  return f;
}

function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

export const queryRoutes: RouteTable = {
  '/api/render/common/queryPlatforms': {
    schema: { zone: { type: 'integer', required: true, allowed: [1, 2] } },
    handle: () => PLATFORMS,
  },
  '/api/render/submit/queryAnalyseErrorDetail': {
    schema: { language: { type: 'intOrString' }, code: { type: 'string' }, codes: { type: 'list', items: 'string' } },
    handle: ({ body }) => {
      const language = String(body.language ?? '0') === '1' ? 1 : 0;
      const codes = [...(typeof body.code === 'string' ? [body.code] : []), ...(Array.isArray(body.codes) ? body.codes.map(String) : [])];
      return codes.filter((c) => TIP_CODES[c]).map((c, i) => {
        const tip = TIP_CODES[c]!;
        return {
          id: i + 1, code: c, type: tip.type, languageFlag: language,
          desDescriptionCn: language === 1 ? tip.en : tip.zh,
          desSolutionCn: language === 1 ? 'See the solution page.' : '请查看解决方案。',
          solutionPath: `https://www.renderbus.com/support-new/tips/${c}`, isRepair: 0, isDelete: 1, isOpen: tip.type,
          lastModifyAdmin: 'localfarm', updateTime: 1600000000000,
        };
      });
    },
  },
  '/api/render/handle/getTaskList/v2': {
    schema: { pageNum: { type: 'integer' }, pageSize: { type: 'integer' }, statusList: { type: 'list', items: 'integer' } },
    handle: ({ ctx, account, body }) => {
      const recycle = Number(body.recycleFlag ?? 0) === 1;
      let rows = ctx.db.prepare('SELECT * FROM tasks WHERE user_id = ? AND parent_id IS NULL AND is_delete = ? ORDER BY id DESC')
        .all(account.userId, recycle ? 0 : 1) as TaskRow[];
      const statuses = Array.isArray(body.statusList) ? body.statusList.map(Number) : [];
      if (statuses.length > 0) rows = rows.filter((r) => statuses.includes(ctx.faults.statusOf(r.id) ?? r.status));
      const keyword = typeof body.searchKeyword === 'string' ? body.searchKeyword : '';
      if (keyword) rows = rows.filter((r) => r.scene_name.includes(keyword) || String(r.id).includes(keyword) || r.alias.includes(keyword));
      const start = parseTime(body.startTime);
      const end = parseTime(body.endTime);
      if (start !== undefined) rows = rows.filter((r) => (r.submit_date ?? 0) >= start);
      if (end !== undefined) rows = rows.filter((r) => (r.submit_date ?? 0) <= end);
      return page(rows.map((r) => toTaskInfo(ctx, r)), Number(body.pageNum ?? 1), Number(body.pageSize ?? 100));
    },
  },
  '/api/render/handle/queryTaskInfo/v2': {
    schema: { taskIds: { type: 'list', required: true, items: 'integer' } },
    handle: ({ ctx, account, body }) => {
      const rows = (body.taskIds as number[]).map((id) => getTask(ctx.db, id)).filter((t): t is TaskRow => !!t && t.user_id === account.userId);
      return page(rows.map((r) => toTaskInfo(ctx, r)), 1, Math.max(rows.length, 1));
    },
  },
  '/api/render/handle/queryTaskFrames': {
    schema: { taskId: { type: 'integer', required: true }, pageNum: { type: 'integer' }, pageSize: { type: 'integer' }, searchKeyword: { type: 'string' } },
    handle: ({ ctx, account, body }) => {
      const task = ownedTask(ctx, account, Number(body.taskId));
      let frames = selectFrames(ctx, task, true, []);
      const keyword = typeof body.searchKeyword === 'string' ? body.searchKeyword : '';
      if (keyword) frames = frames.filter((f) => f.frame_index.includes(keyword));
      return page(frames.map((f) => toFrameInfo(ctx, f, getTask(ctx.db, f.task_id)!)), Number(body.pageNum ?? 1), Number(body.pageSize ?? 100));
    },
  },
  '/api/render/handle/queryAllFrameStats': {
    handle: ({ ctx, account }) => {
      const rows = ctx.db.prepare(`SELECT f.frame_status AS s, COUNT(*) AS n FROM frames f JOIN tasks t ON t.id = f.task_id
        WHERE t.user_id = ? AND t.is_delete = 1 GROUP BY f.frame_status`).all(account.userId) as { s: number; n: number }[];
      const n = (...s: number[]): number => rows.filter((r) => s.includes(r.s)).reduce((a, r) => a + r.n, 0);
      return {
        executingFramesTotal: n(FrameStatus.STARTED), doneFramesTotal: n(FrameStatus.DONE),
        failedFramesTotal: n(FrameStatus.ERROR, FrameStatus.TIMEOUT), waitingFramesTotal: n(FrameStatus.WAITING, FrameStatus.WAIT_PRIORITY),
        abandonFramesTotal: n(FrameStatus.ABORTED), totalFrames: rows.reduce((a, r) => a + r.n, 0),
      };
    },
  },
  '/api/render/handle/recommitTasks': {
    schema: { taskIds: { type: 'list', required: true, items: 'integer' }, status: { type: 'list', items: 'integer' } },
    handle: ({ ctx, account, body }) => {
      const status = Array.isArray(body.status) && body.status.length > 0 ? body.status.map(Number) : [FrameStatus.ERROR];
      for (const id of (body.taskIds as number[])) recommitFrames(ctx, selectFrames(ctx, ownedTask(ctx, account, id), true, [], status));
      return null;
    },
  },
  '/api/render/handle/recommitTaskFrames': {
    schema: frameSelection,
    handle: (call) => {
      recommitFrames(call.ctx, pickFrames(call));
      return null;
    },
  },
  '/api/render/handle/stopTaskFrames': {
    schema: frameSelection,
    handle: (call) => {
      stopFrames(call.ctx, pickFrames(call));
      return null;
    },
  },
  '/api/render/handle/loadTaskProcessImg': {
    schema: { taskId: { type: 'integer', required: true } },
    handle: ({ ctx, account, body }) => {
      const task = ownedTask(ctx, account, Number(body.taskId));
      return {
        width: 64, height: 36, block: 1, isRenderPhoton: false, currentTaskType: 'Render', sceneName: task.scene_name,
        startTime: task.start_time ?? 0, endTime: task.completed_date ?? 0, completedTime: task.completed_date ?? 0, grabInfo: [],
      };
    },
  },
  '/api/render/handle/loadingFrameThumbnail': {
    schema: { id: { type: 'integer', required: true }, frameStatus: { type: 'integer', required: true } },
    handle: ({ ctx, account, body }) => {
      const f = ownedFrame(ctx, account.userId, body.id);
      if (f.frame_status !== FrameStatus.DONE || !f.output_path) return [];
      // Served by GET on the farm's own host (thumbnails.ts), as the real farm serves its small_pic paths.
      return [`small_pic\\${account.userId}\\${f.task_id}\\${f.id}.png`];
    },
  },
  '/api/render/handle/showLog': {
    handle: ({ ctx, account, body }) => {
      const head = { renderingType: body.renderingType ?? 'render', pageNum: body.pageNum ?? 1, pageSize: body.pageSize ?? 1 };
      if (body.id === null || body.id === undefined) return { ...head, total: 0, content: [] };
      const f = ownedFrame(ctx, account.userId, body.id);
      const lines = frameLogLines(f.log);
      return { ...head, id: f.id, frameIndex: f.frame_index, taskId: f.task_id, total: lines.length, content: lines };
    },
  },
};
