/** Render-environment (plugin config) group (spec/api.md §3.5). */
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';
import type { Schema } from './validate';

const envSchema: Schema = {
  cgId: { type: 'integer', required: true }, cgName: { type: 'string', required: true }, cgVersion: { type: 'string', required: true },
  renderLayerType: { type: 'integer' }, editName: { type: 'string', required: true }, renderSystem: { type: 'integer', required: true },
  pluginIds: { type: 'list', required: true, items: 'integer' }, projectPath: { type: 'string' },
};

interface EnvRow { edit_name: string; body: string; is_default: number }

export const envRoutes: RouteTable = {
  '/api/render/plugin/addUserPluginConfig': {
    schema: envSchema,
    handle: ({ ctx, account, body }) => {
      const name = String(body.editName);
      if (ctx.db.prepare('SELECT 1 FROM plugin_configs WHERE user_id = ? AND edit_name = ?').get(account.userId, name)) {
        throw new FarmApiError(Code.FAIL, `A render environment named "${name}" already exists; edit it or pick another name.`);
      }
      ctx.db.prepare('INSERT INTO plugin_configs (user_id, edit_name, body) VALUES (?, ?, ?)').run(account.userId, name, JSON.stringify(body));
      return { editName: name };
    },
  },
  '/api/render/plugin/editUserPluginConfig': {
    schema: envSchema,
    handle: ({ ctx, account, body }) => {
      const r = ctx.db.prepare('UPDATE plugin_configs SET body = ? WHERE user_id = ? AND edit_name = ?').run(JSON.stringify(body), account.userId, String(body.editName));
      if (r.changes === 0) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `No render environment named "${String(body.editName)}".`);
      return null;
    },
  },
  '/api/render/plugin/deleteUserPluginConfig': {
    schema: { editName: { type: 'string', required: true } },
    handle: ({ ctx, account, body }) => {
      ctx.db.prepare('DELETE FROM plugin_configs WHERE user_id = ? AND edit_name = ?').run(account.userId, String(body.editName));
      return null;
    },
  },
  '/api/render/plugin/setDefaultUserPluginConfig': {
    schema: { editName: { type: 'string', required: true } },
    handle: ({ ctx, account, body }) => {
      const name = String(body.editName);
      const row = ctx.db.prepare('SELECT body FROM plugin_configs WHERE user_id = ? AND edit_name = ?').get(account.userId, name) as { body: string } | undefined;
      if (!row) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `No render environment named "${name}".`);
      const cgId = (JSON.parse(row.body) as { cgId: number }).cgId;
      for (const other of ctx.db.prepare('SELECT edit_name, body FROM plugin_configs WHERE user_id = ?').all(account.userId) as EnvRow[]) {
        if ((JSON.parse(other.body) as { cgId: number }).cgId === cgId) {
          ctx.db.prepare('UPDATE plugin_configs SET is_default = ? WHERE user_id = ? AND edit_name = ?').run(other.edit_name === name ? 1 : 0, account.userId, other.edit_name);
        }
      }
      return null;
    },
  },
  '/api/render/plugin/getUserPluginConfig': {
    schema: { cgId: { type: 'integer' }, cgIds: { type: 'list' }, osName: { type: 'integer', allowed: [0, 1] } },
    handle: ({ ctx, account, body }) => {
      const wanted = new Set<number>([...(body.cgId !== undefined ? [Number(body.cgId)] : []), ...(Array.isArray(body.cgIds) ? body.cgIds.map(Number) : [])]);
      const rows = ctx.db.prepare('SELECT edit_name, body, is_default FROM plugin_configs WHERE user_id = ? ORDER BY edit_name').all(account.userId) as EnvRow[];
      const plugin = ctx.db.prepare('SELECT plugin_id, plugin_name, plugin_version FROM plugins WHERE plugin_id = ?');
      return rows.map((r) => ({ r, b: JSON.parse(r.body) as Record<string, unknown> }))
        .filter(({ b }) => wanted.size === 0 || wanted.has(Number(b.cgId)))
        .filter(({ b }) => body.osName === undefined || Number(b.renderSystem) === Number(body.osName))
        .map(({ r, b }) => ({
          cgId: b.cgId, editName: r.edit_name, cgName: b.cgName, cgVersion: b.cgVersion, osName: b.renderSystem,
          renderLayerType: b.renderLayerType ?? 0, isDefault: r.is_default, projectPath: b.projectPath ?? '', isMainUserId: 1,
          respUserPluginInfoVos: ((b.pluginIds as number[]) ?? []).map((id) => plugin.get(id) as { plugin_id: number; plugin_name: string; plugin_version: string } | undefined)
            .filter((p) => p !== undefined).map((p) => ({ pluginId: p.plugin_id, pluginName: p.plugin_name, pluginVersion: p.plugin_version })),
        }));
    },
  },
};
