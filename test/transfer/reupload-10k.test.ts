/**
 * What must hold: re-uploading an unchanged set of 10,000 small files sends nothing, for both record
 * databases (SQLite file, Redis DB 12); changing 10 of them sends exactly those 10. Asserted on what
 * the farm received (a counting front door, the farm's own commit counts) and on its stored files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, utimesSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpEngine } from '../../sidecar/src/transfer/engines/http';
import { RayvisionUpload } from '../../sidecar/src/transfer/upload';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';
import { farmLine, makeSmallFiles, snapshot } from './helpers/farm-storage';

const N = 10_000;
const REDIS_DB = 12;

async function flushRedis(): Promise<void> {
  const r = new Redis({ db: REDIS_DB });
  await r.flushdb();
  await r.quit();
}

describe('re-upload of 10,000 unchanged files', () => {
  let ctx: WithFarm;
  let proxy: CountingProxy;
  let dir: string;
  let files: string[];
  let uploadJson: string;
  let engine: HttpEngine;
  beforeAll(async () => {
    await flushRedis();
    ctx = await withFarm();
    proxy = await startCountingProxy({ host: ctx.farm.host, port: ctx.farm.port });
    engine = new HttpEngine({ line: { ...farmLine(ctx.farm), serverPort: proxy.port }, concurrency: 16 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'reup-'));
    files = await makeSmallFiles(path.join(dir, 'src'), N);
    const ws = path.join(dir, 'ws', 'job10k');
    mkdirSync(ws, { recursive: true });
    uploadJson = path.join(ws, 'upload.json');
    writeFileSync(uploadJson, JSON.stringify({ asset: files.map((f) => ({ local: f, server: `/K${f}` })) }));
    writeFileSync(path.join(dir, 'redis.ini'), `[DATABASE_CONFIG]\non = true\ntype = redis\n[REDIS]\nhost = 127.0.0.1\nport = 6379\ntable_index = ${REDIS_DB}\ntimeout = 2000\n`);
  }, 600_000);
  afterAll(async () => {
    await proxy?.close();
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
    await flushRedis();
  });

  /** Storage keys the farm committed since `before` (a snapshot of its commit counts). */
  function committedSince(before: Map<string, number>): string[] {
    return [...ctx.farm.storageStats.commits].filter(([k, n]) => n > (before.get(k) ?? 0)).map(([k]) => k);
  }

  /** Change `n` files (same size, new bytes, new mtime) starting at `from`. */
  function change(from: number, n: number): string[] {
    const changed = files.slice(from, from + n);
    for (const f of changed) {
      const text = readFileSync(f, 'utf8');
      writeFileSync(f, text.replace('file', 'FILE'));
      utimesSync(f, new Date(), new Date(Date.now() + 5000));
    }
    return changed;
  }

  const input = () => path.join(ctx.farm.storageDir, ctx.farm.account.inputBid);

  it.each([
    ['sqlite', undefined, 0],
    ['redis', 'redis.ini', 100],
  ] as const)('%s: first upload fills the records, the re-upload sends nothing, 10 changed files go alone', async (_kind, ini, offset) => {
    const env = { RAYVISION_SDK_HOME: path.join(dir, 'home') };
    const up = new RayvisionUpload({ api: ctx.api, env, engine, ...(ini ? { dbConfigPath: path.join(dir, ini) } : {}) });
    proxy.reset();
    const commitsBefore = new Map(ctx.farm.storageStats.commits);
    const first = await up.uploadAsset(uploadJson);
    expect(first.sent + first.skipped).toBe(N);
    // The first run offers every file: one per-file init or a batched one naming it (for Redis the
    // farm already holds them from the SQLite run: nothing is committed again).
    expect((proxy.byOp.get('init') ?? 0) + (proxy.byOp.get('batch-init') ?? 0)).toBeGreaterThan(0);
    expect(committedSince(commitsBefore).length).toBe(offset === 0 ? N : 0);
    const before = await snapshot(input());
    expect(before.size).toBe(N);

    proxy.reset();
    const again = await up.uploadAsset(uploadJson);
    expect(again).toMatchObject({ sent: 0, skipped: N, bytes: 0 });
    expect([...proxy.byOp.values()].reduce((a, b) => a + b, 0)).toBe(0);
    expect(await snapshot(input())).toEqual(before);

    const changed = change(offset, 10);
    proxy.reset();
    const commitsThird = new Map(ctx.farm.storageStats.commits);
    const third = await up.uploadAsset(uploadJson);
    expect(third).toMatchObject({ sent: 10, skipped: N - 10 });
    // exactly the 10 changed files were committed, each once, whichever storage call carried them
    expect(committedSince(commitsThird).map((k) => k.slice(k.indexOf('/K'))).sort()).toEqual(changed.map((f) => `/K${f}`).sort());
    expect(committedSince(commitsThird).every((k) => ctx.farm.storageStats.commits.get(k)! - (commitsThird.get(k) ?? 0) === 1)).toBe(true);
    const after = await snapshot(input());
    const rewritten = [...after].filter(([k, v]) => before.get(k)!.mtimeMs !== v.mtimeMs || before.get(k)!.ino !== v.ino).map(([k]) => `/${k}`);
    expect(rewritten.sort()).toEqual(changed.map((f) => `/K${f}`).sort());
  }, 600_000);
});
