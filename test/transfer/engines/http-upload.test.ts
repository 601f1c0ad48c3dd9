import { mkdtempSync, rmSync, writeFileSync, readdirSync, statSync, openSync, writeSync, closeSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../../protocol/src/progress';
import { startFarm, type Farm } from '../../../sidecar/src/farm';
import { AbortedError } from '../../../sidecar/src/errors';
import { HttpEngine } from '../../../sidecar/src/transfer/engines/http';
import { farmLine, makeSmallFiles, sha256File, storedPath } from '../helpers/farm-storage';

/** Progress invariants (house style 5): begin first, one end last, counters never fall. */
function checkProgress(events: Progress[], totalBytes: number, totalFiles: number): void {
  expect(events[0]?.kind).toBe('begin');
  expect(events.filter((e) => e.kind === 'end')).toHaveLength(1);
  expect(events.at(-1)?.kind).toBe('end');
  let bytes = 0;
  let files = 0;
  for (const e of events) {
    expect(e.bytes!.transferred).toBeGreaterThanOrEqual(bytes);
    expect(e.files!.transferred).toBeGreaterThanOrEqual(files);
    expect(e.bytes!.total).toBe(totalBytes);
    bytes = e.bytes!.transferred;
    files = e.files!.transferred;
  }
  expect(files).toBe(totalFiles);
}

/** A file of `size` bytes: sparse zeros with a few marked bytes, so it is cheap on disk. */
function sparseFile(file: string, size: number): void {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, size);
  for (let o = 0; o < size; o += 7 * 1024 * 1024) writeSync(fd, Buffer.from(`mark@${o}`), 0, undefined, o);
  closeSync(fd);
}

describe('http engine upload against the local farm', () => {
  let farm: Farm;
  let src: string;
  beforeEach(async () => {
    farm = await startFarm();
    src = mkdtempSync(path.join(os.tmpdir(), 'up-src-'));
  });
  afterEach(async () => {
    await farm.close();
    rmSync(src, { recursive: true, force: true });
  });

  it('uploads many files concurrently, byte-identical, with a clean progress stream', async () => {
    const files = await makeSmallFiles(src, 60);
    const big = path.join(src, 'big.bin');
    sparseFile(big, 20 * 1024 * 1024 + 123);
    files.push(big);
    const items = files.map((f) => ({ local: f, server: `/S${f}` }));
    const events: Progress[] = [];
    const done: string[] = [];
    const engine = new HttpEngine({ line: farmLine(farm), chunkSize: 4 * 1024 * 1024 });
    const result = await engine.transfer({
      direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: String(farm.userId), items,
      onProgress: (p) => events.push(p), onItemDone: (i) => done.push(i.local),
    });
    expect(result.failed).toEqual([]);
    expect(result.done).toHaveLength(items.length);
    expect(done.sort()).toEqual([...files].sort());
    const total = files.reduce((n, f) => n + statSync(f).size, 0);
    expect(result.bytes).toBe(total);
    checkProgress(events, total, items.length);
    expect(events.some((e) => e.currentFile === big)).toBe(true);
    for (const f of [files[0]!, files[59]!, big]) {
      expect(await sha256File(storedPath(farm, farm.account.inputBid, `/S${f}`))).toBe(await sha256File(f));
    }
  });

  it('resumes an interrupted file from the last byte the farm confirmed (a fresh engine, as after a restart)', async () => {
    const big = path.join(src, 'resume.bin');
    const size = 48 * 1024 * 1024;
    sparseFile(big, size);
    const items = [{ local: big, server: '/R/resume.bin' }];
    const ac = new AbortController();
    let seen = 0;
    const first = new HttpEngine({ line: farmLine(farm), chunkSize: 4 * 1024 * 1024 });
    const err = await first
      .transfer({
        direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items, signal: ac.signal,
        // Slow enough that the cancel lands mid-file.
        maxSpeedKBps: 32 * 1024,
        onProgress: (p) => {
          seen = p.bytes?.transferred ?? 0;
          if (seen >= 20 * 1024 * 1024) ac.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    // Let the farm finish writing what reached it, then read what it holds.
    await new Promise((r) => setTimeout(r, 300));
    const partDir = path.join(farm.storageDir, '.partial');
    const held = readdirSync(partDir).filter((f) => f.endsWith('.part')).map((f) => statSync(path.join(partDir, f)).size);
    expect(held).toHaveLength(1);
    expect(held[0]).toBeGreaterThan(0);
    const second = new HttpEngine({ line: farmLine(farm), chunkSize: 4 * 1024 * 1024 });
    const result = await second.transfer({ direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items });
    expect(result.failed).toEqual([]);
    // Only the bytes the farm did not hold were sent again.
    expect(result.bytes).toBe(size - held[0]!);
    expect(await sha256File(storedPath(farm, farm.account.inputBid, '/R/resume.bin'))).toBe(await sha256File(big));
  });

  it('uploads an empty file and names with spaces, non-ASCII and URL-special characters', async () => {
    const names = ['empty.bin', 'a b#1%.png', '贴图 ü.exr'];
    const items = names.map((n, i) => {
      const f = path.join(src, n);
      writeFileSync(f, i === 0 ? '' : `content of ${n}`);
      return { local: f, server: `/E/dir with space/${n}` };
    });
    const res = await new HttpEngine({ line: farmLine(farm) }).transfer({ direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items });
    expect(res.failed).toEqual([]);
    for (const i of items) expect(await sha256File(storedPath(farm, farm.account.inputBid, i.server))).toBe(await sha256File(i.local));
  });

  it('a file the farm already holds complete is not sent again', async () => {
    const [f] = await makeSmallFiles(src, 1);
    const items = [{ local: f!, server: '/C/one.bin' }];
    const engine = new HttpEngine({ line: farmLine(farm) });
    const req = { direction: 'upload' as const, storage: 'input' as const, storageId: farm.account.inputBid, userId: '1', items };
    expect((await engine.transfer(req)).bytes).toBe(statSync(f!).size);
    const again = await engine.transfer(req);
    expect(again.done).toHaveLength(1);
    expect(again.bytes).toBe(0);
  });

  it('cancel stops the request with AbortedError and still ends the progress stream', async () => {
    const files = await makeSmallFiles(src, 200);
    const ac = new AbortController();
    const events: Progress[] = [];
    const done: string[] = [];
    const engine = new HttpEngine({ line: farmLine(farm), concurrency: 2 });
    const p = engine.transfer({
      direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', signal: ac.signal,
      items: files.map((f) => ({ local: f, server: `/X${f}` })),
      onProgress: (e) => events.push(e), onItemDone: (i) => {
        done.push(i.local);
        if (done.length === 5) ac.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(done.length).toBeLessThan(files.length);
    expect(events.at(-1)?.kind).toBe('end');
  });

  it('rides out storage faults with bounded retries, and gives up on a permanent one without looping', async () => {
    const files = await makeSmallFiles(src, 20);
    const items = files.map((f) => ({ local: f, server: `/F${f}` }));
    farm.setFaults({ errorRate: 0.3, scope: 'storage' });
    const engine = new HttpEngine({ line: farmLine(farm), retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 20 } });
    const ok = await engine.transfer({ direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items });
    expect(ok.failed).toEqual([]);
    farm.setFaults({ errorRate: 1, scope: 'storage' });
    const bad = await engine.transfer({ direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items: [{ local: files[0]!, server: '/G/one.bin' }] });
    expect(bad.done).toEqual([]);
    expect(bad.failed).toHaveLength(1);
    expect(bad.failed[0]!.error.message).toMatch(/Storage answered 5\d\d/);
    farm.setFaults({});
  });

  it('a wrong storage password fails at once (401 is not retried) and the password is not in the error', async () => {
    const [f] = await makeSmallFiles(src, 1);
    const line = farmLine(farm);
    const account = { name: line.account!.name } as { name: string; readonly password: string };
    Object.defineProperty(account, 'password', { value: 'wrong-pass-xyz', enumerable: false });
    const engine = new HttpEngine({ line: { ...line, account } });
    const res = await engine.transfer({ direction: 'upload', storage: 'input', storageId: farm.account.inputBid, userId: '1', items: [{ local: f!, server: '/A/a.bin' }] });
    expect(res.failed).toHaveLength(1);
    const e = res.failed[0]!.error as Error & { status?: number };
    expect(e.status).toBe(401);
    expect(JSON.stringify(e) + e.message + String(e.stack)).not.toContain('wrong-pass-xyz');
    expect(JSON.stringify(engine)).not.toContain(farm.account.storagePassword);
  });
});
