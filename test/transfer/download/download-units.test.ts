// Pure parts of the download layer: safe local paths, frame numbers, task end states and layered
// task trees, the journal's "already here and unchanged" rule, and argument normalisation.
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromAutoArgs, fromDownloadArgs, normalise } from '../../../sidecar/src/transfer/download/call-options';
import { DownloadFailed, DownloadJournal, JOURNAL_FILE, frameFromFileName, judgeTask, normaliseTask, outputEntries, safeLocalPath, unsafeReason } from '../../../sidecar/src/transfer/download';
import { planFolder } from '../../../sidecar/src/transfer/download/plan';
import { makeStaging } from '../../../sidecar/src/transfer/download/staging';
import { tempDir } from './farm-task';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('safe local paths', () => {
  it.each([
    ['../x', /parent/], ['a/../../x', /parent/], ['a\\..\\..\\x', /parent/], ['/etc/passwd', /absolute/], ['\\\\srv\\share', /absolute/],
    ['C:/x', /drive/], ['c:x', /drive/], ['a/b:c', /colon/], ['a\0b', /NUL/], ['a//b', /empty/], ['./a', /empty or "."/],
    [`${'x'.repeat(256)}.png`, /segment longer/], [`${'d/'.repeat(600)}f`, /longer than/], ['', /empty/],
  ])('refuses %j', (p, why) => {
    expect(unsafeReason(p)).toMatch(why);
    expect(() => safeLocalPath('/tmp/root', p)).toThrow(expect.objectContaining({ code: 'ERR_UNSAFE_PATH' }));
  });

  it('accepts ordinary names, unicode and spaces, inside the root', () => {
    expect(safeLocalPath('/tmp/root', '12_shot/beauty.0001.exr')).toBe(path.resolve('/tmp/root/12_shot/beauty.0001.exr'));
    expect(safeLocalPath('/tmp/root', '12_场景/a b.png')).toBe(path.resolve('/tmp/root/12_场景/a b.png'));
    expect(unsafeReason('a..b/c...d')).toBeUndefined();
  });
});

describe('frameFromFileName', () => {
  it.each([
    ['beauty.0012.exr', 12], ['/1_a/layer/beauty_0007.png', 7], ['shot-12.jpg', 12], ['0001.exr', 1], ['a.1001.tif', 1001],
    ['beauty.exr', undefined], ['v2final.exr', undefined], ['noext', undefined],
  ])('%s → %s', (name, frame) => expect(frameFromFileName(name)).toBe(frame));
});

describe('task status', () => {
  const leaf = (id: number, taskStatus: number, outputFileName: string | null = `${id}_s`) => ({ id, taskStatus, isOpen: 0, outputFileName, userId: 9, bid: 500 });

  it('uses the end set of §4.7; 40 ends only with isTestStop; 15 (user stop) ends', () => {
    for (const code of [10, 20, 23, 25, 30, 35, 45, 15]) expect(judgeTask(normaliseTask(leaf(1, code))).state).toBe('ended');
    for (const code of [0, 5, 8, 50, 100]) expect(judgeTask(normaliseTask(leaf(1, code)))).toMatchObject({ state: 'running', unknownCodes: [] });
    expect(judgeTask(normaliseTask(leaf(1, 40))).state).toBe('running');
    expect(judgeTask(normaliseTask(leaf(1, 40)), true).state).toBe('ended');
  });

  it('reports an unknown code instead of throwing, and keeps the task running', () => {
    expect(judgeTask(normaliseTask(leaf(1, 77)))).toEqual({ state: 'running', codes: [77], unknownCodes: [77] });
  });

  it('layered tasks: the parent ends when every sub-task ends; outputs come from the leaves', () => {
    const parent = { id: 1, taskStatus: 5, isOpen: 1, outputFileName: '1_s', respRenderingTaskList: [leaf(2, 25, '1_s/bg'), leaf(3, 5, '1_s/fg'), leaf(4, 25, null)] };
    expect(judgeTask(normaliseTask(parent)).state).toBe('running');
    expect(outputEntries(normaliseTask(parent)).map((e) => [e.taskId, e.outputName, e.bid])).toEqual([['2', '1_s/bg', '500'], ['3', '1_s/fg', '500']]);
    parent.respRenderingTaskList[1]!.taskStatus = 30;
    expect(judgeTask(normaliseTask(parent)).state).toBe('ended');
    expect(judgeTask(normaliseTask({ id: 1, taskStatus: 25, isOpen: 1, respRenderingTaskList: null })).state).toBe('unknown');
    expect(normaliseTask({ id: 5, taskStatus: 25, isOpen: null }).isOpen).toBe(false);
  });
});

describe('journal and plan', () => {
  it('skips a file only when the same version is recorded and the local copy is intact', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const journal = new DownloadJournal(t.dir);
    cleanups.push(async () => journal.close());
    const files = [{ relative: '7_s/a.0001.png', size: 3, mtime: '2026-01-01 00:00:00' }, { relative: '7_s/b.0002.png', size: 4 }];
    const plan = () => planFolder({ taskId: '7', folder: '7_s', files, localRoot: t.dir, keepFolder: true, storageId: '500', journal });
    expect(plan().fetch).toHaveLength(2);
    const a = plan().fetch[0]!;
    await mkdir(path.dirname(a.local), { recursive: true });
    await writeFile(a.local, 'abc');
    journal.record(a.remote, a.local);
    expect(plan().skipped.map((f) => f.server)).toEqual(['/7_s/a.0001.png']);
    files[0]!.mtime = '2026-01-02 00:00:00';
    expect(plan().skipped).toEqual([]);
    files[0]!.mtime = '2026-01-01 00:00:00';
    await rm(a.local);
    expect(plan().skipped).toEqual([]);
    expect(journal.count()).toBe(1);
  });

  it('a damaged journal file is a DownloadFailed naming the file and what to do', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    await writeFile(path.join(t.dir, JOURNAL_FILE), 'this is not a database, it is forty bytes or more of text');
    const error = (() => {
      try {
        return new DownloadJournal(t.dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DownloadFailed);
    expect((error as DownloadFailed).message).toMatch(/cannot be opened.*delete it/);
    expect((error as DownloadFailed).details).toEqual({ journal: path.join(t.dir, JOURNAL_FILE) });
  });

  it('keepFolder false drops the task folder level; names outside the folder are refused', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const journal = new DownloadJournal(t.dir);
    cleanups.push(async () => journal.close());
    const plan = planFolder({
      taskId: '7', folder: '7_s', localRoot: t.dir, keepFolder: false, storageId: '500', journal,
      files: [{ relative: '7_s/l/a.png', size: 1 }, { relative: '8_other/x.png', size: 1 }, { relative: '7_s/../x.png', size: 1 }],
    });
    expect(plan.fetch.map((f) => path.relative(t.dir, f.local))).toEqual([path.join('l', 'a.png')]);
    expect(plan.refused.map((r) => r.reason)).toEqual(["outside the task's output folder 7_s", 'parent directory segment (..)']);
  });
});

describe('call options', () => {
  it('maps the positional forms of the old SDK', () => {
    expect(fromDownloadArgs([[1], '100', false, 'false', '/l', 'p'])).toMatchObject({ taskIds: [1], maxSpeed: '100', printLog: false, downloadFilenameFormat: 'false', localPath: '/l', serverPath: 'p' });
    expect(fromAutoArgs([[1], null, undefined, 3], false)).toMatchObject({ pollMs: 3000, printLog: false });
    expect(fromAutoArgs([[1]], true)).toMatchObject({ pollMs: 10_000, printLog: true });
    expect(fromAutoArgs([{ taskIds: [2], pollMs: 5 }], true)).toMatchObject({ taskIds: [2], pollMs: 5, printLog: true });
  });

  it('normalises ids, folder level, speed and server paths', () => {
    expect(normalise({ taskIds: ['12', 13], downloadFilenameFormat: true, maxSpeed: '2048', serverPath: 'a\\b' })).toMatchObject({ taskIds: [12, 13], keepFolder: true, maxSpeedKBps: 2048, serverPaths: ['a/b'] });
    expect(normalise({ downloadFilenameFormat: 'false' }).keepFolder).toBe(false);
    expect(() => normalise({ taskIds: [1.5] })).toThrow(/not an integer/);
    expect(() => normalise({ maxSpeed: 'fast' })).toThrow(/KB\/s/);
    expect(() => normalise({ serverPath: 5 as never })).toThrow(/string or a list/);
  });
});

describe('staging folders', () => {
  it('sweeps staging folders untouched for a day, keeps fresh ones', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const old = await makeStaging(t.dir);
    const fresh = await makeStaging(t.dir);
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await utimes(old, dayAgo, dayAgo);
    const third = await makeStaging(t.dir);
    expect((await readdir(t.dir)).sort()).toEqual([path.basename(fresh), path.basename(third)].sort());
  });
});
