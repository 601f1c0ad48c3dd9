// The transmitter engine driving the stand-in binary (test/fixtures/standins/rayvision_transmitter.mjs):
// downloads and uploads, RAYVISION_LOG for the child only, bounded retries, fatal exits, cancel,
// and RayvisionDownload over engine "aspera" against the local farm's storage.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../../sidecar/src/errors';
import { JOURNAL_FILE, RayvisionDownload } from '../../../sidecar/src/transfer/download';
import type { Progress } from '../../../protocol/src/progress';
import { TransmitterEngine } from '../../../sidecar/src/transfer/engines/transmitter';
import { listFiles, perTest, submitTask } from '../download/farm-task';

const exe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/standins/rayvision_transmitter.mjs');
const scope = perTest();

async function world() {
  const t = await scope.temp('rv-tx-');
  const server = path.join(t.dir, 'server');
  const local = path.join(t.dir, 'local');
  const logs = path.join(t.dir, 'logs');
  await mkdir(path.join(server, '500', '9_shot'), { recursive: true });
  for (const n of [1, 2, 3]) await writeFile(path.join(server, '500', '9_shot', `shot.000${n}.exr`), `frame ${n} `.repeat(1000 * n));
  const calls = path.join(t.dir, 'calls.jsonl');
  const state = path.join(t.dir, 'state');
  const engine = (extra: NodeJS.ProcessEnv = {}, maxAttempts = 4) =>
    new TransmitterEngine({ exe, host: '127.0.0.1', port: 1, backoffMs: 5, maxAttempts, env: { RAYVISION_STANDIN_ROOT: server, RAYVISION_STANDIN_CALLS: calls, RAYVISION_STANDIN_STATE: state, RAYVISION_LOG: logs, ...extra } });
  const readCalls = async () => (await readFile(calls, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; RAYVISION_LOG: string | null });
  const items = [1, 2, 3].map((n) => ({ local: path.join(local, '9_shot', `shot.000${n}.exr`), server: `/9_shot/shot.000${n}.exr`, size: `frame ${n} `.length * 1000 * n }));
  return { dir: t.dir, server, local, logs, engine, readCalls, items };
}

describe('TransmitterEngine with the stand-in binary', () => {
  it('downloads a folder of files with one download_list run, announcing each file, with RAYVISION_LOG only in the child env', async () => {
    const w = await world();
    const done: string[] = [];
    const progress: Progress[] = [];
    const order: string[] = [];
    const result = await w.engine().transfer({
      direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w.items, maxSpeedKBps: 64,
      onItemDone: (i) => (done.push(path.basename(i.local)), order.push(`done ${path.basename(i.local)}`)),
      onProgress: (p) => (progress.push(p), p.currentFile && order.push(`progress ${path.basename(p.currentFile)}`)),
    });
    // Files land while the binary is still running (on its "download file done" line), not after it exits.
    expect(order.indexOf('done shot.0001.exr')).toBeLessThan(order.lastIndexOf('progress shot.0003.exr'));
    expect(result.failed).toEqual([]);
    expect(done.sort()).toEqual(['shot.0001.exr', 'shot.0002.exr', 'shot.0003.exr']);
    expect(await listFiles(w.local)).toEqual(['9_shot/shot.0001.exr', '9_shot/shot.0002.exr', '9_shot/shot.0003.exr']);
    expect(result.bytes).toBe(w.items.reduce((s, i) => s + i.size, 0));
    const [call] = await w.readCalls();
    expect(call!.argv.slice(0, 12)).toEqual(['-E', 'aspera', '-H', '127.0.0.1', '-P', '1', '-S', '500', '-U', '77', '-T', 'download_list']);
    expect(call!.argv.slice(-10)).toEqual(['-r', '2', '-K', 'false', '-s', '64', '-C', 'None', '-p', '0']);
    expect(call!.RAYVISION_LOG).toBe(w.logs);
    expect(existsSync(path.join(w.logs, 'rayvision_transmitter', 'aspera_engine_log', 'transmitter.log'))).toBe(true);
    expect(process.env.RAYVISION_LOG).not.toBe(w.logs);
    expect(progress[0]?.kind).toBe('begin');
    expect(progress.at(-1)?.kind).toBe('end');
    const bytes = progress.map((p) => p.bytes?.transferred ?? 0);
    expect(bytes.every((b, i) => i === 0 || b >= bytes[i - 1]!)).toBe(true);
  });

  it('retries a recoverable exit (1) with backoff and succeeds; never loops past maxAttempts', async () => {
    const w = await world();
    const ok = await w.engine({ RAYVISION_STANDIN_FAIL: '2:1' }).transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w.items.slice(0, 1) });
    expect(ok.done).toHaveLength(1);
    expect(await w.readCalls()).toHaveLength(3);
    expect((await w.readCalls())[0]!.argv).toContain('download_path');

    const w2 = await world();
    const failing = await w2.engine({ RAYVISION_STANDIN_FAIL: '99:1' }, 3).transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w2.items.slice(0, 1) });
    expect(failing.done).toEqual([]);
    expect(failing.failed[0]?.error).toMatchObject({ code: 'ERR_TRANSMITTER_RETRIES' });
    expect(await w2.readCalls()).toHaveLength(3);
  });

  it('stops a binary that prints nothing for idleTimeoutMs and retries it (the old SDK hung forever)', async () => {
    const w = await world();
    const engine = new TransmitterEngine({ ...w.engine({ RAYVISION_STANDIN_HANG: '1' }).options, idleTimeoutMs: 1500 });
    const result = await engine.transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: w.items.slice(0, 1) });
    expect(result.done).toHaveLength(1);
    expect(await w.readCalls()).toHaveLength(2);
  });

  it('does not retry a fatal exit (-1 → 255) and reports the files as failed with the last output lines', async () => {
    const w = await world();
    const result = await w.engine().transfer({ direction: 'download', storage: 'output', storageId: '500', userId: '77', items: [{ local: path.join(w.local, 'x', 'nope.exr'), server: '/9_shot/nope.exr' }] });
    expect(result.failed[0]?.error).toMatchObject({ code: 'ERR_TRANSMITTER_FATAL', exitCode: 255 });
    expect(JSON.stringify((result.failed[0]?.error as { details?: unknown }).details)).toContain('at least one file is failure');
    expect(await w.readCalls()).toHaveLength(1);
    expect(existsSync(path.join(w.local, 'x', 'nope.exr'))).toBe(false);
  });

  it('cancel stops the binary mid-file and leaves nothing under a final name', async () => {
    const w = await world();
    await writeFile(path.join(w.server, '500', '9_shot', 'big.bin'), Buffer.alloc(2 * 1024 * 1024, 7));
    const controller = new AbortController();
    const item = { local: path.join(w.local, '9_shot', 'big.bin'), server: '/9_shot/big.bin', size: 2 * 1024 * 1024 };
    const running = w.engine().transfer({
      direction: 'download', storage: 'output', storageId: '500', userId: '77', items: [item], maxSpeedKBps: 256, signal: controller.signal,
      onProgress: (p) => (p.bytes?.transferred ?? 0) > 100_000 && controller.abort(),
    });
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(await listFiles(w.local)).toEqual([]);
  });

  it('uploads config files with upload_path and assets with upload_json', async () => {
    const w = await world();
    const src = path.join(w.dir, 'src');
    await mkdir(src, { recursive: true });
    for (const n of ['task.json', 'a.png', 'b.png']) await writeFile(path.join(src, n), `content of ${n}`);
    const engine = w.engine();
    const cfg = await engine.transfer({ direction: 'upload', storage: 'config', storageId: '300', userId: '77', items: [{ local: path.join(src, 'task.json'), server: '/41/cfg/task.json' }] });
    expect(cfg.done).toHaveLength(1);
    expect(await readFile(path.join(w.server, '300', '41', 'cfg', 'task.json'), 'utf8')).toBe('content of task.json');
    const done: string[] = [];
    const assets = await engine.transfer({
      direction: 'upload', storage: 'input', storageId: '400', userId: '77', onItemDone: (i) => done.push(i.server),
      items: ['a.png', 'b.png'].map((n) => ({ local: path.join(src, n), server: `/D/src/${n}` })),
    });
    expect(assets.failed).toEqual([]);
    expect(done.sort()).toEqual(['/D/src/a.png', '/D/src/b.png']);
    expect(await readFile(path.join(w.server, '400', 'D', 'src', 'b.png'), 'utf8')).toBe('content of b.png');
    const calls = await w.readCalls();
    expect(calls.map((c) => c.argv[c.argv.indexOf('-T') + 1])).toEqual(['upload_path', 'upload_json']);
    expect(calls[1]!.argv[calls[1]!.argv.indexOf('-R') + 1]).toBe('/');
  });

  it('runRaw drives upload_list with an existing list file (server paths by convert_path)', async () => {
    const w = await world();
    const src = path.join(w.dir, 'list-src');
    await mkdir(path.join(src, 'sub'), { recursive: true });
    await writeFile(path.join(src, 'sub', 'c.png'), 'c');
    const list = path.join(w.dir, 'upload_list.txt');
    await writeFile(list, `${src}\n`);
    const lines: string[] = [];
    await w.engine().runRaw({ storageId: '400', userId: '77', type: 'upload_list', local: list, remote: '/', keep: false }, undefined, (l) => l.kind === 'file-done' && lines.push(l.path));
    expect(lines).toEqual([path.join(src, 'sub', 'c.png')]);
    expect(await readFile(path.join(w.server, '400', ...src.slice(1).split(path.sep), 'sub', 'c.png'), 'utf8')).toBe('c');
  });

  it('a missing local file makes the upload fail (exit -1) without an endless loop', async () => {
    const w = await world();
    const result = await w.engine().transfer({ direction: 'upload', storage: 'input', storageId: '400', userId: '77', items: [{ local: path.join(w.dir, 'missing.png'), server: '/D/missing.png' }] });
    expect(result.failed[0]?.error).toMatchObject({ code: 'ERR_TRANSMITTER_FATAL' });
    expect(await w.readCalls()).toHaveLength(1);
  });
});

describe('RayvisionDownload over engine "aspera" (transmitter) against the local farm', () => {
  it('downloads a finished task through the stand-in binary talking to the farm storage', async () => {
    const env = await scope.farm({ frameDurationMs: 5 });
    const { api, farm } = env;
    const local = await scope.temp();
    const taskId = await submitTask(api, { frames: '1-4[1]', scene: 'tx' });
    const dl = new RayvisionDownload(api, {
      transmitterExe: exe,
      transmitter: { env: { RAYVISION_STANDIN_HTTP_AUTH: `${farm.account.storageName}:${farm.account.storagePassword}` }, backoffMs: 5 },
    });
    const landed: number[] = [];
    const report = await dl.autoDownloadAfterTaskCompleted({
      taskIds: [taskId], localPath: local.dir, pollMs: 20, engineType: 'aspera', serverIp: farm.host, serverPort: farm.port, onFile: (f) => landed.push(f.frame!),
    });
    expect(report.ok).toBe(true);
    expect(landed.sort()).toEqual([1, 2, 3, 4]);
    expect((await listFiles(local.dir)).filter((f) => f !== JOURNAL_FILE)).toEqual([1, 2, 3, 4].map((n) => `${taskId}_tx/tx.000${n}.png`));
    const again = await dl.download({ taskIds: [taskId], localPath: local.dir, engineType: 'aspera', serverIp: farm.host, serverPort: farm.port });
    expect(again.skipped).toBe(4);
    expect(again.bytes).toBe(0);
  });
});
