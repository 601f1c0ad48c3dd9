/** User group (spec/api.md §3.1): profile, setting, bids, hardware configurations. */
import { saveSetting } from '../accounts';
import { profileWithBalance } from '../render/billing';
import type { RouteTable } from './route';

interface HardwareRow {
  id: number; type: number; model: string; ram: string; gpu_num: string | null; platform: number; status: number;
  not_support_cg_id: string; not_support_code: string; not_support_plugin_list: string;
}

export const userRoutes: RouteTable = {
  '/api/render/setUp/queryUserProfile': {
    // The balance falls as frames render (render/billing.ts).
    handle: ({ ctx, account }) => profileWithBalance(ctx.db, account.userId, account.profile),
  },
  '/api/render/setUp/queryUserSetting': {
    handle: ({ account }) => account.setting,
  },
  '/api/render/setUp/updateUserSetting': {
    schema: { taskOverTimeSec: { type: 'integer', required: true } },
    handle: ({ ctx, account, body }) => {
      const sec = Number(body.taskOverTimeSec);
      saveSetting(ctx.db, account.userId, { ...account.setting, taskOverTimeSec: sec, taskOverTime: Math.floor(sec / 3600) });
      return null;
    },
  },
  '/api/render/transfer/getBid': {
    handle: ({ account }) => ({
      config_bid: account.configBid, output_bid: account.outputBid, input_bid: account.inputBid,
      parent_input_bid: account.parentInputBid, sub_user_output_bids: [],
    }),
  },
  '/api/render/hardwareConfig/list': {
    handle: ({ ctx, body }) => {
      const rows = ctx.db.prepare('SELECT * FROM hardware_configs ORDER BY id').all() as HardwareRow[];
      const current = new Set<string>();
      if (Array.isArray(body.taskIds)) {
        const stmt = ctx.db.prepare('SELECT hardware_config_id AS h FROM tasks WHERE id = ?');
        for (const id of body.taskIds) {
          const h = (stmt.get(Number(id)) as { h: string | null } | undefined)?.h;
          if (h) current.add(h);
        }
      }
      return rows.map((r) => ({
        id: r.id, type: r.type, model: r.model, ram: r.ram, gpuNum: r.gpu_num, platform: r.platform,
        current: current.has(String(r.id)), notSupportCgId: JSON.parse(r.not_support_cg_id) as number[],
        status: r.status, notSupportCode: JSON.parse(r.not_support_code) as string[],
        notSupportPluginList: JSON.parse(r.not_support_plugin_list) as string[],
      }));
    },
  },
};
