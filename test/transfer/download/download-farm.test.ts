// RayvisionDownload against the local farm: the three modes, layered tasks, folder levels, events.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../protocol/src/progress';
import { AbortedError } from '../../../sidecar/src/errors';
import { RayvisionDownload, JOURNAL_FILE, type FileLanded } from '../../../sidecar/src/transfer/download';
import { listFiles, perTest, submitTask } from './farm-task';

const scope = perTest();

async function setup(frameDurationMs = 10) {
  const env = await scope.farm({ frameDurationMs });
  const local = await scope.temp();
  return { ...env, local: local.dir };
}

const frames = (files: string[]) => files.filter((f) => f !== JOURNAL_FILE);

describe('RayvisionDownload modes', () => {
  it('autoDownloadAfterTaskCompleted fetches every frame once the task ends, keeping the <taskId>_<scene> level', async () => {
    const { api, local } = await setup();
    const taskId = await submitTask(api, { frames: '1-5[1]', scene: 'shot' });
    const landed: FileLanded[] = [];
    const progress: Progress[] = [];
    const dl = new RayvisionDownload(api);
    const report = await dl.autoDownloadAfterTaskCompleted({ taskIds: [taskId], localPath: local, pollMs: 20, onFile: (f) => landed.push(f), onProgress: (p) => progress.push(p) });
    expect(progress[0]?.kind).toBe('begin');
    expect(progress.filter((p) => p.kind === 'end')).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ kind: 'end', files: { transferred: 5 }, frames: { transferred: 5 } });
    expect(progress.every((p) => p.files?.total === undefined)).toBe(true); // auto modes: totals unknown while rendering
    for (const key of ['bytes', 'files'] as const) {
      const seen = progress.map((p) => p[key]?.transferred ?? 0);
      expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    }
    expect(report.files.map((f) => f.frame).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(report.ok).toBe(true);
    expect(frames(await listFiles(local))).toEqual([1, 2, 3, 4, 5].map((n) => `${taskId}_shot/shot.000${n}.png`));
    expect(landed.map((f) => f.frame).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(landed.every((f) => f.taskId === String(taskId) && f.serverPath.startsWith(`/${taskId}_shot/`) && path.isAbsolute(f.localPath))).toBe(true);
    expect(report.tasks[String(taskId)]?.state).toBe('ended');
  });

  it('download() once with downloadFilenameFormat "false" puts the folder contents straight into localPath; positional form resolves true', async () => {
    const { api, local } = await setup();
    const taskId = await submitTask(api, { frames: '1-3[1]', scene: 'flat' });
    const dl = new RayvisionDownload(api);
    await dl.autoDownloadAfterTaskCompleted({ taskIds: [taskId], localPath: path.join(local, 'warm'), pollMs: 20 });
    await expect(dl.download([taskId], null, false, 'false', local)).resolves.toBe(true);
    expect(frames(await listFiles(local)).filter((f) => !f.startsWith('warm/'))).toEqual(['flat.0001.png', 'flat.0002.png', 'flat.0003.png']);
  });

  it('serverPath (one or a list) needs no task ids; layered tasks download every sub-task folder', async () => {
    const { api, local } = await setup();
    const taskId = await submitTask(api, { frames: '1-2[1]', scene: 'lay', layers: ['bg', 'fg'] });
    const dl = new RayvisionDownload(api);
    const report = await dl.autoDownload({ taskIds: [taskId], localPath: path.join(local, 'auto'), pollMs: 20 });
    expect(frames(await listFiles(path.join(local, 'auto')))).toEqual([
      `${taskId}_lay/bg/lay.0001.png`, `${taskId}_lay/bg/lay.0002.png`, `${taskId}_lay/fg/lay.0001.png`, `${taskId}_lay/fg/lay.0002.png`,
    ]);
    expect(report.tasks[String(taskId)]?.codes.length).toBe(2);
    await dl.download({ serverPath: `${taskId}_lay/fg`, localPath: path.join(local, 'one') });
    expect(frames(await listFiles(path.join(local, 'one')))).toEqual([`${taskId}_lay/fg/lay.0001.png`, `${taskId}_lay/fg/lay.0002.png`]);
    const progress: Progress[] = [];
    await dl.download({ serverPath: [`${taskId}_lay/bg`, `${taskId}_lay/fg`], localPath: path.join(local, 'two'), downloadFilenameFormat: 'false', onProgress: (p) => progress.push(p) });
    // once: every folder is listed before any byte moves, so the totals never change and the percentage only rises
    const after = progress.filter((p) => p.kind !== 'begin');
    expect(after.every((p) => p.files?.total === 4 && p.bytes?.total === after[0]!.bytes?.total)).toBe(true);
    expect(progress.at(-1)?.files?.transferred).toBe(4);
    expect(frames(await listFiles(path.join(local, 'two')))).toEqual(['lay.0001.png', 'lay.0002.png']);
  });

  it('refuses a call with neither task ids nor serverPath, and non-integer task ids, before any request', async () => {
    const { api } = await setup();
    const dl = new RayvisionDownload(api);
    await expect(dl.download({})).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_ARGUMENT' });
    await expect(dl.download({ taskIds: ['12a'] })).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_ARGUMENT' });
    await expect(dl.autoDownload({ taskIds: [] })).resolves.toMatchObject({ ok: true, files: [] });
    await expect(dl.autoDownload({ serverPath: '1_x' })).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_ARGUMENT' });
    // A localPath under a regular file cannot be a folder: a typed error naming it.
    const blocker = path.join((await scope.temp()).dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    await expect(dl.download({ taskIds: [1], localPath: path.join(blocker, 'out') })).rejects.toMatchObject({
      code: 'ERR_FOLDER_NOT_WRITABLE', message: expect.stringContaining('not-a-folder'),
    });
  });

  it('test-stop: status 40 ends the task only with isTestStop; without it the timeout says the task has not ended', async () => {
    const { api, local } = await setup();
    const taskId = await submitTask(api, { frames: '1-6[1]', scene: 'test', stopAfterTest: true });
    const dl = new RayvisionDownload(api);
    const report = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 20, isTestStop: true });
    expect(report.tasks[String(taskId)]).toEqual({ state: 'ended', codes: [40] });
    expect(frames(await listFiles(local)).length).toBeGreaterThan(0);
    await expect(dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 20, timeoutMs: 300 })).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_TIMEOUT' });
  });

  it('cancel through the signal ends autoDownload with AbortedError and keeps what landed', async () => {
    // A farm that renders only when ticked: the task cannot end under the download, whatever the load.
    const { api, farm, local } = await setup(0);
    const taskId = await submitTask(api, { frames: '1-50[1]', scene: 'cancel' });
    for (let i = 0; i < 12; i++) await farm.tick();
    const controller = new AbortController();
    const landed: string[] = [];
    const run = new RayvisionDownload(api).autoDownload({
      taskIds: [taskId], localPath: local, pollMs: 20, signal: controller.signal,
      onFile: (f) => {
        landed.push(f.localPath);
        if (landed.length === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    const onDisk = frames(await listFiles(local));
    expect(onDisk.length).toBeGreaterThanOrEqual(3);
    expect(onDisk.length).toBeLessThan(50);
    // Frames in flight when it was cancelled stay as .rvpart to resume next time (the documented
    // contract; several files download at once): never under a final name, never a landed frame's.
    const parts = onDisk.filter((f) => f.endsWith('.rvpart')).map((f) => f.slice(0, -'.rvpart'.length));
    const landedNames = landed.map((p) => path.basename(p));
    expect(parts.filter((p) => landedNames.includes(path.basename(p)))).toEqual([]);
    expect(parts.filter((p) => onDisk.includes(p))).toEqual([]);
    for (const name of landedNames) expect(onDisk.some((f) => path.basename(f) === name)).toBe(true);
  });

  it('two calls side by side on one instance each see only their own files', async () => {
    const { api, local } = await setup();
    const a = await submitTask(api, { frames: '1-3[1]', scene: 'a' });
    const b = await submitTask(api, { frames: '1-4[1]', scene: 'b' });
    const dl = new RayvisionDownload(api);
    const seen: Record<string, string[]> = { a: [], b: [] };
    const all: string[] = [];
    dl.on('file', (f) => all.push(f.taskId));
    await Promise.all([
      dl.autoDownload({ taskIds: [a], localPath: local, pollMs: 20, onFile: (f) => seen.a!.push(f.taskId) }),
      dl.autoDownload({ taskIds: [b], localPath: local, pollMs: 20, onFile: (f) => seen.b!.push(f.taskId) }),
    ]);
    expect(seen.a).toEqual([String(a), String(a), String(a)]);
    expect(seen.b).toEqual([String(b), String(b), String(b), String(b)]);
    expect(all).toHaveLength(7);
  });

  it('asset: true downloads a folder of the input storage (listed through the storage), keeping its path', async () => {
    const { api, farm, local } = await setup();
    const tex = path.join(farm.storageDir, farm.account.inputBid, 'D', 'tex');
    await mkdir(tex, { recursive: true });
    await writeFile(path.join(tex, 'wood.png'), 'wood');
    await writeFile(path.join(tex, 'stone.png'), 'stone');
    const report = await new RayvisionDownload(api).download({ serverPath: '/D/tex', asset: true, localPath: local });
    expect(report.files.map((f) => f.serverPath).sort()).toEqual(['/D/tex/stone.png', '/D/tex/wood.png']);
    expect(await readFile(path.join(local, 'D', 'tex', 'wood.png'), 'utf8')).toBe('wood');
    await expect(new RayvisionDownload(api).download({ taskIds: [1], asset: true, localPath: local })).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_ARGUMENT' });
  });

  it('without localPath, files land in RAYVISION_SDK_HOME', async () => {
    const { api, local } = await setup();
    const taskId = await submitTask(api, { frames: '1-2[1]', scene: 'home' });
    const saved = process.env.RAYVISION_SDK_HOME;
    process.env.RAYVISION_SDK_HOME = local;
    try {
      await new RayvisionDownload(api).autoDownloadAfterTaskCompleted([taskId], null, false, 0.02);
    } finally {
      if (saved === undefined) delete process.env.RAYVISION_SDK_HOME;
      else process.env.RAYVISION_SDK_HOME = saved;
    }
    expect(frames(await listFiles(local))).toEqual([`${taskId}_home/home.0001.png`, `${taskId}_home/home.0002.png`]);
  });
});
