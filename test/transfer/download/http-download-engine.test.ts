// The http download engine against the farm's storage: ranged resume from a .rvpart file, a partial
// that no longer matches (hash mismatch → start over), size and X-Sha256 checks, the shared limiter
// spending every byte, progress invariants, per-file failures, and retry through 5xx answers.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../protocol/src/progress';
import { httpDownload, PART_SUFFIX } from '../../../sidecar/src/transfer/download';
import { createStorageClient } from '../../../sidecar/src/transfer/engines/http-storage';
import { createRateLimiter } from '../../../sidecar/src/transfer/rate-limit';
import { farmLine } from '../helpers/farm-storage';
import { perTest } from './farm-task';

const scope = perTest();

async function world(size = 300_000) {
  const env = await scope.farm();
  const { farm } = env;
  const bid = farm.account.outputBid;
  const data = randomBytes(size);
  await mkdir(path.join(farm.storageDir, bid, '7_s'), { recursive: true });
  await writeFile(path.join(farm.storageDir, bid, '7_s', 'a.0001.exr'), data);
  await writeFile(path.join(farm.storageDir, bid, '7_s', 'b.0002.exr'), data.subarray(0, 1000));
  const t = await scope.temp();
  const client = createStorageClient(farmLine(farm));
  const item = { local: path.join(t.dir, '7_s', 'a.0001.exr'), server: '/7_s/a.0001.exr', size };
  return { farm, bid, data, dir: t.dir, client, item };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('httpDownload', () => {
  it('resumes from a partial file with a ranged request and verifies the whole file', async () => {
    const w = await world();
    await mkdir(path.dirname(w.item.local), { recursive: true });
    await writeFile(w.item.local + PART_SUFFIX, w.data.subarray(0, 100_000));
    const result = await httpDownload({ direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [{ ...w.item }] }, w.client);
    expect(result.failed).toEqual([]);
    expect(result.bytes).toBe(200_000);
    expect(sha(await readFile(w.item.local))).toBe(sha(w.data));
    expect(existsSync(w.item.local + PART_SUFFIX)).toBe(false);
  });

  it('a partial file that no longer matches the server file is dropped and fetched again (hash check)', async () => {
    const w = await world();
    await mkdir(path.dirname(w.item.local), { recursive: true });
    await writeFile(w.item.local + PART_SUFFIX, randomBytes(100_000));
    const result = await httpDownload({ direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [{ ...w.item }] }, w.client, { backoffMs: 5 });
    expect(result.failed).toEqual([]);
    expect(result.bytes).toBe(200_000 + 300_000);
    expect(sha(await readFile(w.item.local))).toBe(sha(w.data));
  });

  it('a partial file longer than the server file starts over', async () => {
    const w = await world();
    await mkdir(path.dirname(w.item.local), { recursive: true });
    await writeFile(w.item.local + PART_SUFFIX, randomBytes(400_000));
    const result = await httpDownload({ direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [{ ...w.item }] }, w.client, { backoffMs: 5 });
    expect(result.failed).toEqual([]);
    expect(sha(await readFile(w.item.local))).toBe(sha(w.data));
  });

  it('spends every byte through the shared limiter and reports rising progress ending with end', async () => {
    const w = await world();
    let taken = 0;
    let rate: number | undefined;
    const progress: Progress[] = [];
    const items = [{ ...w.item }, { local: path.join(w.dir, '7_s', 'b.0002.exr'), server: '/7_s/b.0002.exr', size: 1000 }];
    const result = await httpDownload(
      { direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items, maxSpeedKBps: 64_000, onProgress: (p) => progress.push(p) },
      w.client,
      {
        createLimiter: (bps) => {
          rate = bps;
          const inner = createRateLimiter(bps);
          return { bytesPerSecond: bps, take: (n, s) => ((taken += n), inner.take(n, s)) };
        },
      },
    );
    expect(result.done).toHaveLength(2);
    expect(rate).toBe(64_000 * 1024);
    expect(taken).toBe(301_000);
    expect(progress[0]).toMatchObject({ kind: 'begin', files: { transferred: 0, total: 2 } });
    expect(progress.at(-1)).toMatchObject({ kind: 'end', bytes: { transferred: 301_000, total: 301_000 }, files: { transferred: 2, total: 2 } });
    expect(progress.filter((p) => p.kind === 'end')).toHaveLength(1);
    const seen = progress.map((p) => p.bytes!.transferred);
    expect(seen.every((b, i) => i === 0 || b >= seen[i - 1]!)).toBe(true);
  });

  it('collects a missing file as a failure (no retry on 404) while the others land', async () => {
    const w = await world();
    const missing = { local: path.join(w.dir, '7_s', 'nope.exr'), server: '/7_s/nope.exr', size: 5 };
    const result = await httpDownload({ direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [missing, { ...w.item }] }, w.client);
    expect(result.done).toHaveLength(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.error).toMatchObject({ code: 'ERR_STORAGE_REQUEST', status: 404 });
    expect(existsSync(missing.local)).toBe(false);
  });

  it('retries through a spell of 5xx answers and dropped connections', async () => {
    const w = await world();
    w.farm.setFaults({ errorRate: 0.5, dropRate: 0.25, scope: 'storage' });
    const result = await httpDownload({ direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [{ ...w.item }] }, w.client, { backoffMs: 5, maxAttempts: 8 });
    expect(result.failed).toEqual([]);
    expect(sha(await readFile(w.item.local))).toBe(sha(w.data));
  });

  it('cancel stops at once, keeps the partial file for the next resume, and never writes the final name', async () => {
    const w = await world(2_000_000);
    const controller = new AbortController();
    const running = httpDownload(
      { direction: 'download', storage: 'output', storageId: w.bid, userId: '1', items: [{ ...w.item }], maxSpeedKBps: 512, signal: controller.signal, onProgress: (p) => (p.bytes?.transferred ?? 0) > 50_000 && controller.abort() },
      w.client,
    );
    await expect(running).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(existsSync(w.item.local)).toBe(false);
    expect(existsSync(w.item.local + PART_SUFFIX)).toBe(true);
  });
});
