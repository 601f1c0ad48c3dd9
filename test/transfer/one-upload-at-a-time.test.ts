/**
 * One upload of a file at a time, everywhere (issue 19): two jobs over the same 2,000-file tree
 * started together in one process, a CLI killed and rerun three times in a row against one sidecar,
 * and two uploading processes sharing one Redis record DB. Every job ends done, the farm commits every
 * file exactly once, and the bytes the farm received stay within 1.01× the tree.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSidecar } from '../../sidecar/src/rpc/index';
import { takeRedisClaim } from '../../sidecar/src/transfer/claims/redis-claim';
import { RayvisionUpload } from '../../sidecar/src/transfer/upload';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { makeSmallFiles } from './helpers/farm-storage';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const child = path.join(here, 'fixtures', 'upload-child.ts');
const cliMain = path.join(root, 'sidecar', 'src', 'cli', 'main.ts');
const REDIS_DB = 13;
const N = 2000;

let dir: string;
let files: string[];
let treeBytes: number;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'one-at-a-time-'));
  files = await makeSmallFiles(path.join(dir, 'tree'), N);
  treeBytes = files.reduce((n, f) => n + statSync(f).size, 0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workspace `name` whose upload.json lists the shared tree under the same server paths. */
function workspace(name: string): string {
  const ws = path.join(dir, 'ws', name);
  mkdirSync(ws, { recursive: true });
  writeFileSync(path.join(ws, 'task.json'), JSON.stringify({ task_info: { task_id: '' } }));
  writeFileSync(path.join(ws, 'tips.json'), '{}');
  writeFileSync(path.join(ws, 'asset.json'), JSON.stringify({ asset: files }));
  writeFileSync(path.join(ws, 'upload.json'), JSON.stringify({ asset: files.map((f) => ({ local: f, server: `/lib${f}` })) }));
  return ws;
}

/** Every file of the tree committed exactly once in input storage, and the bytes received bounded (plus job files sent once). */
function expectCommittedOnce(ctx: WithFarm, configBytes = 0): void {
  const { commits, bytesIn } = ctx.farm.storageStats;
  const bid = ctx.farm.account.inputBid;
  const counts = files.map((f) => commits.get(`${bid}/lib${f}`) ?? 0);
  expect(counts.filter((c) => c !== 1)).toEqual([]);
  expect(bytesIn).toBeLessThanOrEqual(1.01 * treeBytes + configBytes);
}

describe('in-flight claims in a shared Redis', () => {
  it('a second claimant waits for the release, and a claim whose holder died expires with its lease', async () => {
    const a = new Redis({ db: REDIS_DB });
    const b = new Redis({ db: REDIS_DB });
    try {
      const key = `test-claim-${process.pid}`;
      const held = await takeRedisClaim(a, key, { leaseMs: 400 });
      let got = false;
      const second = takeRedisClaim(b, key, { leaseMs: 400, pollMs: 20 }).then((c) => ((got = true), c));
      // The holder renews its lease: well past one lease the second claimant still waits.
      await new Promise((r) => setTimeout(r, 1000));
      expect(got).toBe(false);
      await held.release();
      const mine = await second;
      // b now holds it and dies (its renewals stop with its connection): a third claimant gets it once the lease ran out.
      b.disconnect();
      const c = new Redis({ db: REDIS_DB });
      const third = await takeRedisClaim(c, key, { leaseMs: 400, pollMs: 20 });
      expect(await c.pttl(key)).toBeGreaterThan(0);
      await third.release();
      await mine.release();
      await c.quit();
    } finally {
      await a.quit();
      b.disconnect();
    }
  }, 30_000);
});

describe('one upload of a file at a time', () => {
  let ctx: WithFarm;
  beforeEach(async () => {
    await ctx?.close();
    ctx = await withFarm();
  });
  afterAll(async () => ctx?.close());

  it('two jobs over the same tree in one process both end done; each file is sent and committed once', async () => {
    const env = { RAYVISION_SDK_HOME: path.join(dir, 'home-a') };
    const a = new RayvisionUpload({ api: ctx.api, env });
    const b = new RayvisionUpload({ api: ctx.api, env });
    const [ra, rb] = await Promise.all([
      a.uploadAsset(path.join(workspace('a'), 'upload.json')),
      b.uploadAsset(path.join(workspace('b'), 'upload.json')),
    ]);
    expect(ra.sent + ra.skipped).toBe(N);
    expect(rb.sent + rb.skipped).toBe(N);
    expect(ra.bytes + rb.bytes).toBeLessThanOrEqual(1.01 * treeBytes);
    expectCommittedOnce(ctx);
  }, 120_000);

  it('two uploading processes on one Redis record DB started together both end done', async () => {
    const redis = new Redis({ db: REDIS_DB });
    await redis.flushdb();
    await redis.quit();
    const ini = path.join(dir, 'redis.ini');
    writeFileSync(ini, `[DATABASE_CONFIG]\non = true\ntype = redis\n[REDIS]\nhost = 127.0.0.1\nport = 6379\ntable_index = ${REDIS_DB}\ntimeout = 2000\n`);
    const { farm } = ctx;
    const run = (name: string) =>
      execa('node', ['--import', 'tsx', child, JSON.stringify({ domain: farm.domain, accessId: farm.accessId, accessKey: farm.accessKey, uploadJson: path.join(workspace(name), 'upload.json'), dbConfigPath: ini })], {
        env: { ...process.env, RAYVISION_SDK_HOME: path.join(dir, `home-${name}`) },
        reject: false,
      });
    const results = await Promise.all([run('r1'), run('r2')]);
    for (const r of results) expect(r.exitCode, r.stderr).toBe(0);
    const sent = results.map((r) => (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { summary: { sent: number; skipped: number } }).summary);
    for (const s of sent) expect(s.sent + s.skipped).toBe(N);
    expectCommittedOnce(ctx);
  }, 180_000);

  it('a CLI killed and rerun three times in a row attaches to the running upload; the one job ends done', async () => {
    const home = path.join(dir, 'home-cli');
    const sidecar = await startSidecar({ home, idleTimeoutMs: 0 });
    try {
      const { farm, api } = ctx;
      const taskId = ((await api.task.createTask()) as { taskIdList: number[] }).taskIdList[0]!;
      const ws = workspace('cli');
      const env = { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: farm.accessId, RAYVISION_API_KEY: farm.accessKey };
      // A rate limit keeps the upload running for a while; while a rerun starts and attaches, the farm
      // holds storage, so the job cannot end before the rerun has found it however slow the start is.
      const args = ['--json', 'upload', ws, '--task-id', String(taskId), '--domain', farm.domain, '--protocol', 'http', '--max-speed', '20'];
      // `node --import tsx` (not the tsx binary, which forks): SIGKILL must reach the CLI itself.
      const start = (opts: { buffer: boolean }) => execa('node', ['--import', 'tsx', cliMain, ...args], { env, reject: false, buffer: opts.buffer, cwd: root });
      /** Resolves once a first run has printed progress with files done, or a rerun that it attached. */
      const progressed = (p: ResultPromise, rerun: boolean): Promise<string> => {
        let err = '';
        let done = false;
        return new Promise<string>((resolve) => {
          const check = () => (rerun ? /attached to job/i.test(err) : done) && resolve(err);
          p.stderr!.on('data', (d: Buffer) => ((err += String(d)), check()));
          let pending = '';
          p.stdout!.on('data', (d: Buffer) => {
            pending += String(d);
            const lines = pending.split('\n');
            pending = lines.pop()!;
            for (const l of lines) {
              const n = JSON.parse(l) as { method?: string; params?: { progress?: { files?: { transferred: number } } } };
              if (n.method === 'job/progress' && (n.params?.progress?.files?.transferred ?? 0) > 0) done = true;
            }
            check();
          });
          void p.then(() => resolve(err));
        });
      };
      const killAfterProgress = async (p: ResultPromise, rerun: boolean, release?: () => void): Promise<string> => {
        const err = await progressed(p, rerun);
        release?.();
        p.kill('SIGKILL');
        const r = await p;
        expect(r.signal, err).toBe('SIGKILL');
        return err;
      };
      await killAfterProgress(start({ buffer: false }), false);
      for (let i = 0; i < 3; i++) {
        const release = farm.holdStorage();
        const err = await killAfterProgress(start({ buffer: false }), true, release);
        expect(err).toMatch(/attached to job/i);
      }
      const release = farm.holdStorage();
      const lastRun = start({ buffer: true });
      await progressed(lastRun, true);
      release();
      const last = await lastRun;
      expect(last.exitCode, last.stderr).toBe(0);
      expect(last.stderr).toMatch(/attached to job/i);
      const jobs = sidecar.services.jobs.list().filter((j) => j.method === 'transfer/upload');
      expect(jobs.map((j) => j.state)).toEqual(['succeeded']);
      const configBytes = ['task.json', 'tips.json', 'asset.json', 'upload.json'].reduce((n, f) => n + statSync(path.join(ws, f)).size, 0);
      expectCommittedOnce(ctx, configBytes);
    } finally {
      await sidecar.close();
    }
  }, 240_000);
});
