/** Software catalogue (spec/api.md §3.3 supported_software / supported_plugin). */
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';

interface SoftRow { cg_id: number; cg_name: string; cg_type: string; icon_path: string; is_need_project_path: number; is_need_analyse: number; is_support_linux: number }

export const softwareRoutes: RouteTable = {
  '/api/render/plugin/querySoftwareList': {
    handle: ({ ctx }) => {
      const rows = ctx.db.prepare('SELECT * FROM software ORDER BY cg_id').all() as SoftRow[];
      return {
        isAutoCommit: 2, defaultCgId: 2000,
        renderInfoList: rows.map((r) => ({
          cgId: r.cg_id, cgName: r.cg_name, cgType: r.cg_type, iconPath: r.icon_path,
          isNeedProjectPath: r.is_need_project_path, isNeedAnalyse: r.is_need_analyse, isSupportLinux: r.is_support_linux,
        })),
      };
    },
  },
  '/api/render/plugin/querySoftwareDetail': {
    schema: { cgId: { type: 'integer', required: true }, osName: { type: 'string', required: true, allowed: ['windows', 'linux'] } },
    handle: ({ ctx, body }) => {
      const cgId = Number(body.cgId);
      const soft = ctx.db.prepare('SELECT * FROM software WHERE cg_id = ?').get(cgId) as SoftRow | undefined;
      if (!soft) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `No software with cgId ${cgId}; see querySoftwareList.`);
      const versions = ctx.db.prepare('SELECT id, cg_version FROM software_versions WHERE cg_id = ? AND os = ? ORDER BY id')
        .all(cgId, String(body.osName)) as { id: number; cg_version: string }[];
      const plugins = ctx.db.prepare('SELECT * FROM plugins WHERE cg_id = ? ORDER BY plugin_id').all(cgId) as
        { plugin_id: number; cv_id: number; plugin_name: string; plugin_version: string }[];
      const groups = new Map<number, { cvId: number; pluginName: string; pluginVersions: unknown[] }>();
      for (const p of plugins) {
        const g = groups.get(p.cv_id) ?? { cvId: p.cv_id, pluginName: p.plugin_name, pluginVersions: [] };
        g.pluginVersions.push({ pluginId: p.plugin_id, pluginName: p.plugin_name, pluginVersion: p.plugin_version });
        groups.set(p.cv_id, g);
      }
      return {
        cgPlugin: [...groups.values()],
        cgVersion: versions.map((v) => ({ id: v.id, cgId, cgName: soft.cg_name, cgVersion: v.cg_version })),
      };
    },
  },
};
