/**
 * Transmit group (spec/api.md §3.6) and the transfer endpoints of the query group: getConfig
 * advertises the HTTP storage engine of this farm (docs/storage-protocol.md) besides Aspera and
 * RaySync entries; taskJsonFile writes into config storage; getOutputUserDirFile lists real files.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Account } from '../accounts';
import type { FarmContext } from '../context';
import { placeFile } from '../storage/place-file';
import { Code, FarmApiError } from './envelope';
import type { RouteTable } from './route';

function transferConfig(ctx: FarmContext, account: Account): Record<string, unknown> {
  const line = (name: string, server: string, port: number, isDefault: number, lineId: number, type: number) =>
    ({ name, server, port, isDefault, lineId, type });
  const check = { automaticCheck: 0, checkServer: ctx.host, checkPort: ctx.port, checkEnable: 0, checkExcludType: '' };
  return {
    inputBid: account.inputBid, outputBid: account.outputBid, configBid: account.configBid,
    parentInputBid: account.parentInputBid,
    resqEngines: [
      { engineName: 'HTTP', ...check, isDefault: 1,
        resqEngineAccounts: [{ bid: account.inputBid, name: account.storageName, password: account.storagePassword }],
        respTaskEngineLines: [line('local', ctx.host, ctx.port, 1, 1, 0)] },
      { engineName: 'Aspera', ...check, isDefault: 0, resqEngineAccounts: null,
        respTaskEngineLines: [line('CTCC', '45.251.92.29', 10221, 1, 2, 0), line('CUCC', '45.251.92.30', 10221, 0, 3, 0)] },
      { engineName: 'RaySync', ...check, isDefault: 0, resqEngineAccounts: null,
        respTaskEngineLines: [line('CTCC', '45.251.92.29', 10200, 1, 4, 0)] },
    ],
    subUserOutputBids: [],
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "yyyy-MM-dd HH:mm:ss" in local time, as the farm shows it. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

async function listOutputDir(ctx: FarmContext, account: Account, treePath: string): Promise<unknown[]> {
  const root = path.join(ctx.storageDir, account.outputBid);
  const parts = treePath.split(/[\\/]+/).filter((s) => s !== '');
  if (parts.some((s) => s === '..' || s === '.' || s.includes('\0'))) throw new FarmApiError(Code.PARAMETER_INVALID, 'treePath must not contain "." or ".." segments.');
  const dir = path.join(root, ...parts);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const st = await stat(path.join(dir, e.name));
    const rel = `/${[...parts, e.name].join('/')}`;
    const directory = e.isDirectory();
    out.push({
      fileName: e.name, fileSize: directory ? null : st.size, iconPath: directory ? '/img/icon/folder.png' : '/img/icon/file.png',
      lastModify: formatDateTime(st.mtimeMs), fileType: directory ? 'folder' : path.extname(e.name).slice(1) || 'file',
      filePath: rel, directory, isArrears: 0,
    });
  }
  return out;
}

export const transmitRoutes: RouteTable = {
  '/api/render/transfer/getConfig': {
    handle: ({ ctx, account }) => transferConfig(ctx, account),
  },
  '/api/render/transfer/getServerInfo': {
    schema: { zone: { type: 'integer', allowed: [1, 2] } },
    handle: ({ ctx }) => ({
      clientVersion: '1.0.0', protocolVersion: '1.0.0',
      raysyncTransfer: { serverIp: ctx.host, serverPort: ctx.port, proxyIp: ctx.host, proxyPort: ctx.port, sslPort: ctx.port, port: ctx.port },
    }),
  },
  '/api/render/transfer/getRaySyncUserKey': {
    handle: ({ account, platform }) => ({
      raySyncUserKey: account.storagePassword, userName: account.userName, platform: Number.isNaN(platform) ? 2 : platform,
      channel: 4, signature: 'rayvision2017', version: '1.0.0', userKey: account.storagePassword, id: account.userId,
      zone: 1, phone: '', email: account.profile.email, loginTime: Date.now(), infoStatus: 0, accountType: 1,
      shareMainCapital: 0, subDeleteTask: 0, subDeleteCapital: 0, useMainBalance: 0, downloadDisable: 0,
    }),
  },
  '/api/render/submit/taskJsonFile': {
    schema: {
      taskId: { type: 'integer', required: true },
      fileName: { type: 'string', required: true, allowed: ['task.json', 'upload.json', 'asset.json', 'tips.json'] },
      content: { type: 'string', required: true },
    },
    handle: async ({ ctx, account, body }) => {
      const taskId = Number(body.taskId);
      const owner = ctx.db.prepare('SELECT user_id FROM tasks WHERE id = ?').get(taskId) as { user_id: number } | undefined;
      if (!owner || owner.user_id !== account.userId) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `Task ${taskId} does not exist for this account.`);
      // atomically: the render step may be reading task.json while a client re-uploads it
      await placeFile(ctx, path.join(ctx.storageDir, account.configBid, String(taskId), 'cfg', String(body.fileName)), String(body.content));
      return null;
    },
  },
  '/api/render/file/operate/getOutputUserDirFile': {
    schema: { treePath: { type: 'string', required: true }, taskId: { type: 'integer' } },
    handle: async ({ ctx, account, body }) => {
      if (body.taskId !== undefined) {
        const row = ctx.db.prepare('SELECT output_file_name AS o, user_id AS u FROM tasks WHERE id = ?').get(Number(body.taskId)) as { o: string | null; u: number } | undefined;
        if (!row || row.u !== account.userId) throw new FarmApiError(Code.RESOURCE_NOT_FOUND, `Task ${String(body.taskId)} does not exist for this account.`);
        return row.o ? listOutputDir(ctx, account, row.o) : [];
      }
      return listOutputDir(ctx, account, String(body.treePath));
    },
  },
};
