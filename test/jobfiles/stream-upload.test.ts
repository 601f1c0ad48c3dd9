/**
 * upload.json read as a stream: the `asset` entries come in bounded batches while the file is still
 * being read (shown with a FIFO whose writer holds back the rest until the first batch arrived),
 * other keys are skipped, and every bad shape is a typed JobFileError naming the file.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { readUploadAssetBatches } from '../../sidecar/src/jobfiles/stream-upload';
import { JobFileError } from '../../sidecar/src/jobfiles/errors';

const dir = mkdtempSync(path.join(os.tmpdir(), 'stream-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ local: `D:/proj/tex/t${i}.png`, server: `/D/proj/tex/t${i}.png` }));
const collect = async (file: string, batchSize?: number) => {
  const batches: number[] = [];
  const all: { local: string; server: string }[] = [];
  for await (const b of readUploadAssetBatches(file, batchSize ? { batchSize } : {})) {
    batches.push(b.length);
    all.push(...b);
  }
  return { batches, all };
};

describe('readUploadAssetBatches', () => {
  it('yields every entry in order, in batches no larger than asked, skipping the other keys', async () => {
    const file = path.join(dir, 'upload.json');
    const asset = entries(2500);
    // The shape the old SDK writes and reads: indented, scene first, CJK paths kept as they are.
    asset[7] = { local: 'D:/项目/贴图/木纹.png', server: '/D/项目/贴图/木纹.png' };
    writeFileSync(file, JSON.stringify({ scene: [{ local: 'D:/a.hip', server: '/D/a.hip', hash: 'x' }], asset, extra: { asset: [{ local: 'no', server: 'no' }] } }, null, 4));
    const { batches, all } = await collect(file, 1000);
    expect(all).toEqual(asset);
    expect(Math.max(...batches)).toBeLessThanOrEqual(1000);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(2500);
  });

  it('hands out the first batch before the rest of the file exists (read incrementally, not whole)', async () => {
    const fifo = path.join(dir, 'fifo.json');
    await execa('mkfifo', [fifo]);
    const text = JSON.stringify({ asset: entries(5000) });
    const cut = Math.floor(text.length / 5);
    let firstBatch!: () => void;
    const gotFirst = new Promise<void>((r) => (firstBatch = r));
    const order: string[] = [];
    const writer = (async () => {
      const out = createWriteStream(fifo);
      out.write(text.slice(0, cut));
      await gotFirst;
      order.push('rest written');
      out.end(text.slice(cut));
    })();
    let n = 0;
    for await (const b of readUploadAssetBatches(fifo, { batchSize: 500, chunkBytes: 16 * 1024 })) {
      if (n === 0) {
        order.push('first batch');
        firstBatch();
      }
      n += b.length;
    }
    await writer;
    expect(order).toEqual(['first batch', 'rest written']);
    expect(n).toBe(5000);
  });

  it('reads an absent or null asset as empty', async () => {
    for (const text of ['{"scene": []}', '{"asset": null}', '{"asset": []}']) {
      const file = path.join(dir, 'empty.json');
      writeFileSync(file, text);
      expect((await collect(file)).all).toEqual([]);
    }
  });

  it.each([
    ['a list at the root', '[{"local": "a", "server": "b"}]', 'must hold a JSON object'],
    ['an asset that is an object', '{"asset": {"a": {"local": "a", "server": "b"}}}', 'not a list'],
    ['an entry without server', '{"asset": [{"local": "a", "server": "/a"}, {"local": "b"}]}', 'asset entry 1'],
    ['an entry that is a string', '{"asset": ["D:/a.png"]}', 'asset entry 0'],
    ['a cut-off file', '{"asset": [{"local": "a", "server": "/a"}', 'ends too early'],
    ['text after the object', '{"asset": []} {}', 'not valid JSON'],
    ['not JSON at all', "{asset: ['a']}", 'not valid JSON'],
    ['an empty file', '', 'ends too early'],
  ])('refuses %s with ERR_JOBFILE_INVALID', async (_what, text, message) => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, text);
    const err = await collect(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFileError);
    expect(err).toMatchObject({ code: 'ERR_JOBFILE_INVALID', details: { file } });
    expect((err as Error).message).toContain(message);
  });

  it('says a missing upload.json is not found (1000004)', async () => {
    const err = await collect(path.join(dir, 'nope', 'upload.json')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_JOBFILE_NOT_FOUND', farmCode: 1000004 });
  });
});
