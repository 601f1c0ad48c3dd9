import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JobFileError, appendToTask, appendToUpload, defaultTaskInfo, defaultTaskJson, readTaskJson, readUploadJson,
  updateTaskInfo, writeTaskJson, writeUploadJson, readTipsJson, assetEntryPath,
} from '../../sidecar/src/jobfiles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'jobfiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('task.json helpers', () => {
  it('defaults are fresh objects, never a shared template', () => {
    const a = defaultTaskInfo();
    a.cg_id = '2004';
    expect(defaultTaskInfo().cg_id).toBe('');
    expect(defaultTaskInfo()).toMatchObject({ channel: '4', ram: '64', hardwareConfigId: '', graphics_cards_num: '2', pre_frames: '000' });
  });

  it('updateTaskInfo updates known keys as-is and refuses unknown ones without writing', async () => {
    const file = path.join(dir, 'task.json');
    await writeTaskJson(file, defaultTaskJson());
    await updateTaskInfo({ frames_per_task: '3', ram: 128 }, file);
    const task = await readTaskJson(file);
    expect(task.task_info.frames_per_task).toBe('3');
    expect(task.task_info.ram).toBe(128);
    const before = await readFile(file, 'utf8');
    await expect(updateTaskInfo({ frames_per_task: '5', nope: '1' }, file)).rejects.toMatchObject({ farmCode: 1000002 });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('updateTaskInfo on a missing file gives 1000004', async () => {
    await expect(updateTaskInfo({ a: 1 }, path.join(dir, 'none.json'))).rejects.toMatchObject({ farmCode: 1000004 });
  });

  it('appendToTask writes additional_info at top level; cover=false refuses existing keys and adds new ones', async () => {
    const file = path.join(dir, 'task.json');
    await writeTaskJson(file, defaultTaskJson());
    await appendToTask({}, file);
    expect((await readTaskJson(file)).additional_info).toEqual({});
    await appendToTask({ a: '1' }, file);
    await appendToTask({ a: '2', b: '3' }, file, true);
    expect((await readTaskJson(file)).additional_info).toEqual({ a: '2', b: '3' });
    await expect(appendToTask({ a: 'x' }, file, false)).rejects.toBeInstanceOf(JobFileError);
    await appendToTask({ c: '4' }, file, false);
    const task = await readTaskJson(file);
    expect(task.additional_info).toEqual({ a: '2', b: '3', c: '4' });
    expect(task.task_info).not.toHaveProperty('a');
  });

  it('writes non-ASCII escaped and leaves no temp files behind', async () => {
    const file = path.join(dir, 'task.json');
    const task = defaultTaskJson();
    task.task_info.project_name = '项目';
    await writeTaskJson(file, task);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('\\u9879\\u76ee');
    expect((await readTaskJson(file)).task_info.project_name).toBe('项目');
    expect(await readdir(dir)).toEqual(['task.json']);
  });

  it('reads tips with bare strings as lists and cuts asset mtime suffixes', async () => {
    const file = path.join(dir, 'tips.json');
    await writeFile(file, JSON.stringify({ '50007': 'bad slice', '50001': ['a', 'b'] }));
    expect(await readTipsJson(file)).toEqual({ '50007': ['bad slice'], '50001': ['a', 'b'] });
    expect(assetEntryPath('D:/a b/c.png  (mtime 2021-01-01 10:00:00) size 12')).toBe('D:/a b/c.png');
  });
});

describe('appendToUpload', () => {
  it('adds files once, expands folders (list or string), refuses missing files', async () => {
    const upload = path.join(dir, 'upload.json');
    await writeUploadJson(upload, { asset: [] });
    const tex = path.join(dir, 'tex 贴图');
    await mkdir(path.join(tex, 'sub'), { recursive: true });
    await writeFile(path.join(tex, 'a.png'), 'a');
    await writeFile(path.join(tex, 'sub', 'b.png'), 'b');
    await appendToUpload([path.join(tex, 'a.png')], upload);
    await appendToUpload(tex, upload);
    await appendToUpload([tex, path.join(tex, 'a.png')], upload);
    const data = await readUploadJson(upload);
    const locals = data.asset.map((a) => a.local);
    expect(locals).toEqual([path.join(tex, 'a.png'), path.join(tex, 'sub', 'b.png')]);
    expect(data.asset[0]).toEqual({ local: path.join(tex, 'a.png'), server: path.join(tex, 'a.png') });

    const before = await readFile(upload, 'utf8');
    await expect(appendToUpload([path.join(tex, 'a.png'), path.join(dir, 'missing.png')], upload)).rejects.toMatchObject({ farmCode: 1000004 });
    expect(await readFile(upload, 'utf8')).toBe(before);

    // a relative path is the same file as its absolute form: made absolute, so listed once
    const relative = path.relative(process.cwd(), path.join(tex, 'sub', 'b.png'));
    expect(path.isAbsolute(relative)).toBe(false);
    await appendToUpload([relative], upload);
    expect((await readUploadJson(upload)).asset.map((a) => a.local)).toEqual(locals);
  });

  it('a missing upload.json is 1000006; a damaged one is refused and left as it is (the old SDK emptied it)', async () => {
    const upload = path.join(dir, 'upload.json');
    const f = path.join(dir, 'x.png');
    await writeFile(f, 'x');
    await expect(appendToUpload([f], upload)).rejects.toMatchObject({ farmCode: 1000006 });
    for (const damaged of ['{not json', '[1, 2]', '{"asset": "x.png"}']) {
      await writeFile(upload, damaged);
      const err = await appendToUpload(f, upload).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_JOBFILE_INVALID', details: { file: upload } });
      expect((err as Error).message).toMatch(/nothing was added\. Re-run the analysis/);
      expect(await readFile(upload, 'utf8')).toBe(damaged);
    }
    await writeFile(upload, '{"scene": []}'); // no asset list yet: one is started
    await appendToUpload(f, upload);
    expect((await readUploadJson(upload)).asset).toEqual([{ local: f, server: f }]);
  });

  it('refuses a wrong argument type with a typed error', async () => {
    const upload = path.join(dir, 'upload.json');
    await writeUploadJson(upload, { asset: [] });
    await expect(appendToUpload(42 as unknown as string, upload)).rejects.toMatchObject({ farmCode: 1000005 });
  });
});
