// The raysyncproxy engine against the Raysync control-API stand-in (test/fixtures/standins/raysync-client.ts):
// the create-task body of spec/transfer.md §2.7, proxies bypassed, bounded restarts, uploads, and
// RayvisionDownload over engine "raysyncproxy" against the local farm.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, RayvisionDownload, RayvisionUpload } from '../../../sidecar/src/transfer';
import { controlPortFromClusterXml } from '../../../sidecar/src/transfer/engines/raysync-control';
import { createTaskBody, uploadListLine } from '../../../sidecar/src/transfer/engines/raysync-task-body';
import { RaysyncProxyEngine, type RaysyncEngineOptions } from '../../../sidecar/src/transfer/engines/raysyncproxy';
import { startRaysyncStandin, type RaysyncStandin } from '../../fixtures/standins/raysync-client';
import { listFiles, perTest, submitTask } from '../download/farm-task';

const scope = perTest();

async function world() {
  const t = await scope.temp('rv-rs-');
  const root = path.join(t.dir, 'server');
  const out = path.join(root, 'output', '500-77', '9_shot');
  await mkdir(out, { recursive: true });
  for (const n of [1, 2]) await writeFile(path.join(out, `shot.000${n}.exr`), `frame ${n}`.repeat(100));
  const standin = await startRaysyncStandin({ root, stepMs: 5 });
  scope.defer(() => standin.close());
  const engine = (extra: Partial<RaysyncEngineOptions> = {}) =>
    new RaysyncProxyEngine({ controlUrl: standin.url, serverIp: '10.0.0.1', serverPort: 10200, userName: 'artist', userKey: 'KEY', platform: '2', inputBid: '400', pollMs: 5, ...extra });
  const local = path.join(t.dir, 'local');
  const items = [1, 2].map((n) => ({ local: path.join(local, '9_shot', `shot.000${n}.exr`), server: `/9_shot/shot.000${n}.exr`, size: `frame ${n}`.length * 100 }));
  return { dir: t.dir, root, standin, engine, local, items };
}

const routes = (s: RaysyncStandin) => s.calls.map((c) => c.route);

describe('createTaskBody', () => {
  it('uses the bid as server port, bid - 100 as SSL port, the line port as proxy port (0 → 32002)', () => {
    const body = createTaskBody({ taskType: 'download', serverIp: '1.2.3.4', linePort: 10200, portBid: 50000, userName: 'u', password: 'k&1&2&12345678', networkMode: 2, enableHash: true, sourcePath: '/output/50000-7/x', targetPath: '/tmp/t' });
    expect(body).toEqual({
      'task-name': 'download', 'server-ip': '1.2.3.4', 'server-port': 50000, 'server-ssl-port': 49900, 'renderbus-proxy-port': 32002, 'proxy-port': 10200,
      'protocol-type': 'udp-only', 'delay-threshold': 0, account: 'u', password: 'k&1&2&12345678', 'group-id': 0, 'enable-ssl': false, 'enable-verify-hash': true,
      'source-path': '/output/50000-7/x', 'target-path': '/tmp/t',
    });
    expect(createTaskBody({ taskType: 'upload-list', serverIp: 'h', linePort: 0, portBid: 1, userName: 'u', password: 'p', fileList: '/l.json' })).toMatchObject({ 'proxy-port': 32002, 'protocol-type': 'default', 'file-list': '/l.json' });
    expect(uploadListLine('D:/a b.png', '400', '77', '/D/a b.png')).toBe('local:"D:/a b.png" server:"/input/400-77/D/a b.png"');
  });
});

describe('RaysyncProxyEngine with the control-API stand-in', () => {
  it('finds the control port in cluster.xml', async () => {
    const w = await world();
    await w.standin.writeClusterXml(w.dir);
    expect(await controlPortFromClusterXml(w.dir)).toBe(w.standin.port);
    await expect(controlPortFromClusterXml(path.join(w.dir, 'nowhere'))).rejects.toMatchObject({ code: 'ERR_RAYSYNC_NOT_FOUND' });
  });

  it('downloads each file through a task, configured as the old SDK did, bypassing a configured HTTP proxy', async () => {
    const w = await world();
    const saved = { http: process.env.HTTP_PROXY, lower: process.env.http_proxy };
    process.env.HTTP_PROXY = process.env.http_proxy = 'http://127.0.0.1:9'; // a dead proxy: must not be used for localhost
    try {
      const done: string[] = [];
      const result = await w.engine().transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w.items, maxSpeedKBps: 2048, onItemDone: (i) => done.push(path.basename(i.local)) });
      expect(result.failed).toEqual([]);
      expect(done.sort()).toEqual(['shot.0001.exr', 'shot.0002.exr']);
    } finally {
      process.env.HTTP_PROXY = saved.http;
      process.env.http_proxy = saved.lower;
      if (saved.http === undefined) delete process.env.HTTP_PROXY;
      if (saved.lower === undefined) delete process.env.http_proxy;
    }
    expect(await listFiles(w.local)).toEqual(['9_shot/shot.0001.exr', '9_shot/shot.0002.exr']);
    expect(routes(w.standin).slice(0, 4)).toEqual(['/check-raysync-http', '/set-transmission-parameters', '/set-proxy-manager', '/set-task-limit']);
    expect(w.standin.calls[1]!.body).toEqual({ 'max-upload-speed': 2048, 'max-download-speed': 2048, mss: 1200 });
    const create = w.standin.calls.find((c) => c.route === '/create-task')!.body;
    expect(create).toMatchObject({ 'task-name': 'download', 'server-port': 500, 'server-ssl-port': 400, 'proxy-port': 10200, account: 'artist', password: 'KEY&1&2&12345678' });
    expect(String(create['source-path'])).toMatch(/^\/output\/500-77\/9_shot\/shot\.000[12]\.exr$/);
  });

  it('keeps several tasks created ahead while the client runs only downloadNum at once', async () => {
    const w = await world();
    const out = path.join(w.root, 'output', '500-77', '9_shot');
    const items = [];
    for (let n = 3; n <= 8; n++) {
      await writeFile(path.join(out, `shot.000${n}.exr`), `frame ${n}`);
      items.push({ local: path.join(w.local, '9_shot', `shot.000${n}.exr`), server: `/9_shot/shot.000${n}.exr` });
    }
    const result = await w.engine({ downloadNum: 2 }).transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items });
    expect(result.done).toHaveLength(6);
    expect(w.standin.maxActive()).toBe(2);
    expect(w.standin.calls.filter((c) => c.route === '/create-task')).toHaveLength(6);
  });

  it('restarts a failed task with /start-task, a bounded number of times', async () => {
    const w = await world();
    w.standin.failNext(1);
    const ok = await w.engine({ downloadNum: 1 }).transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w.items.slice(0, 1) });
    expect(ok.done).toHaveLength(1);
    expect(routes(w.standin)).toContain('/start-task');

    const w2 = await world();
    w2.standin.failNext(100);
    const bad = await w2.engine({ downloadNum: 1, maxRestarts: 2 }).transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w2.items.slice(0, 1) });
    expect(bad.failed[0]?.error).toMatchObject({ code: 'ERR_RAYSYNC_TRANSFER', farmCode: 500 });
    expect(routes(w2.standin).filter((r) => r === '/start-task')).toHaveLength(2);
    expect(existsSync(w2.items[0]!.local)).toBe(false);
  });

  it('uploads configs to /input/<config bid>-<uid>/<task>/cfg on the input bid port, and assets through an upload list', async () => {
    const w = await world();
    const src = path.join(w.dir, 'src');
    await mkdir(src, { recursive: true });
    for (const n of ['task.json', 'a.png']) await writeFile(path.join(src, n), `content of ${n}`);
    const engine = w.engine();
    const cfg = await engine.transfer({ direction: 'upload', storage: 'config', storageId: '300', userId: '77', items: [{ local: path.join(src, 'task.json'), server: '/41/cfg/task.json' }] });
    expect(cfg.done).toHaveLength(1);
    expect(await readFile(path.join(w.root, 'input', '300-77', '41', 'cfg', 'task.json'), 'utf8')).toBe('content of task.json');
    expect(w.standin.calls.find((c) => c.route === '/create-task')!.body).toMatchObject({ 'task-name': 'upload', 'server-port': 400, 'target-path': '/input/300-77/41/cfg' });
    const assets = await engine.transfer({ direction: 'upload', storage: 'input', storageId: '400', userId: '77', items: [{ local: path.join(src, 'a.png'), server: '/D/src/a.png' }] });
    expect(assets.done).toHaveLength(1);
    expect(await readFile(path.join(w.root, 'input', '400-77', 'D', 'src', 'a.png'), 'utf8')).toBe('content of a.png');
  });

  it('gives up with a clear error when the client never answers', async () => {
    const engine = new RaysyncProxyEngine({ controlUrl: 'http://127.0.0.1:9', serverIp: 'h', serverPort: 1, userName: 'u', userKey: 'k', platform: '2', startupTimeoutMs: 300 });
    await expect(engine.transfer({ direction: 'download', storage: 'output', storageId: '1', userId: '1', items: [] })).rejects.toMatchObject({ code: 'ERR_RAYSYNC_LAUNCH' });
    expect(JSON.stringify(engine)).not.toContain('"k"');
  });
});

describe('RayvisionDownload over engine "raysyncproxy" against the local farm', () => {
  it('downloads a finished task through the Raysync stand-in reading the farm storage', async () => {
    const env = await scope.farm({ frameDurationMs: 5 });
    const { api, farm } = env;
    const local = await scope.temp();
    // The stand-in's "server" is the farm's storage: /output/<bid>-<uid>/<path> → <storageDir>/<bid>/<path>.
    const standin = await startRaysyncStandin({ root: farm.storageDir, stepMs: 5, mapPath: (p) => path.join(farm.storageDir, p.split('/')[2]!.split('-')[0]!, ...p.split('/').slice(3)) });
    scope.defer(() => standin.close());
    const taskId = await submitTask(api, { frames: '1-3[1]', scene: 'rs' });
    const dl = new RayvisionDownload(api, { raysync: { controlUrl: standin.url, pollMs: 5 } });
    const report = await dl.autoDownloadAfterTaskCompleted({ taskIds: [taskId], localPath: local.dir, pollMs: 20, engineType: 'raysyncproxy' });
    expect(report.ok).toBe(true);
    expect((await listFiles(local.dir)).filter((f) => f !== JOURNAL_FILE)).toEqual([1, 2, 3].map((n) => `${taskId}_rs/rs.000${n}.png`));
    const create = standin.calls.find((c) => c.route === '/create-task')!.body;
    expect(create['server-ip']).toBe('45.251.92.29');
    expect(create.password).toBe(`${farm.account.storagePassword}&1&2&12345678`);
  });
});

describe('RayvisionUpload over engine "raysyncproxy" against the local farm', () => {
  it('places the job files under the task cfg folder and the assets in input storage, found via RAYVISION_RAYSYNC_URL', async () => {
    const env = await scope.farm({ frameDurationMs: 5 });
    const { api, farm } = env;
    const t = await scope.temp('rv-rsup-');
    const standin = await startRaysyncStandin({ root: farm.storageDir, stepMs: 5, mapPath: (p) => path.join(farm.storageDir, p.split('/')[2]!.split('-')[0]!, ...p.split('/').slice(3)) });
    scope.defer(() => standin.close());
    const job = path.join(t.dir, 'job');
    await mkdir(job, { recursive: true });
    const texture = path.join(job, 'wood.png');
    await writeFile(texture, 'wood');
    const names = ['task.json', 'tips.json', 'asset.json', 'upload.json'];
    for (const n of names) await writeFile(path.join(job, n), n === 'upload.json' ? JSON.stringify({ asset: [{ local: texture, server: '/' + texture.replace(/^\/+/, '') }] }) : '{}');
    const home = path.join(t.dir, 'home');
    await mkdir(home);
    const upload = new RayvisionUpload({ api, engine: 'raysyncproxy', env: { ...process.env, RAYVISION_SDK_HOME: home, RAYVISION_RAYSYNC_URL: standin.url, RAYVISION_RAYSYNC_POLL_MS: '5' } });
    await upload.upload(41, ...(names.map((n) => path.join(job, n)) as [string, string, string, string]));
    for (const n of names) expect(existsSync(path.join(farm.storageDir, farm.account.configBid, '41', 'cfg', n))).toBe(true);
    expect(await readFile(path.join(farm.storageDir, farm.account.inputBid, ...texture.split('/').filter(Boolean)), 'utf8')).toBe('wood');
    const creates = standin.calls.filter((c) => c.route === '/create-task').map((c) => c.body);
    expect(creates.filter((b) => b['task-name'] === 'upload')).toHaveLength(4);
    expect(creates.every((b) => b['server-port'] === Number(farm.account.inputBid))).toBe(true);
    expect(creates.find((b) => b['task-name'] === 'upload-list')).toBeDefined();
  });
});
