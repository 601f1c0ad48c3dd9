import { existsSync, readdirSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { RayvisionUpload } from '../../sidecar/src/transfer/upload';
import { LocalFileMissingError, MaxSpeedError, UploadFailedError, DbConfigError, UnsupportedEngineTypeError, RecordDbUnavailableError } from '../../sidecar/src/transfer/errors';
import { AbortedError } from '../../sidecar/src/errors';
import { HttpEngine } from '../../sidecar/src/transfer/engines/http';
import type { Progress } from '../../protocol/src/progress';
import { farmLine, makeSmallFiles, sha256File, snapshot, storedPath } from './helpers/farm-storage';

describe('RayvisionUpload against the local farm', () => {
  let ctx: WithFarm;
  let dir: string;
  let ws: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    ctx = await withFarm();
    dir = mkdtempSync(path.join(os.tmpdir(), 'upload-'));
    ws = path.join(dir, 'ws', '1700000000');
    mkdirSync(ws, { recursive: true });
    env = { RAYVISION_SDK_HOME: path.join(dir, 'home') };
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Job files of a small task whose upload.json lists `files`. */
  function jobFiles(files: string[]): { task: string; tips: string; asset: string; upload: string } {
    const p = (n: string) => path.join(ws, n);
    writeFileSync(p('task.json'), JSON.stringify({ task_info: { task_id: '' } }));
    writeFileSync(p('tips.json'), '{}');
    writeFileSync(p('asset.json'), JSON.stringify({ asset: files }));
    writeFileSync(p('upload.json'), JSON.stringify({ asset: files.map((f) => ({ local: f, server: `/L${f}` })) }));
    return { task: p('task.json'), tips: p('tips.json'), asset: p('asset.json'), upload: p('upload.json') };
  }

  it('puts configs at /<taskId>/cfg/<name> in config storage and assets in input storage, then skips unchanged files', async () => {
    const { farm, api } = ctx;
    const files = await makeSmallFiles(path.join(dir, 'src'), 30);
    const j = jobFiles(files);
    const up = new RayvisionUpload({ api, env });
    const res = await up.upload(123, j.task, j.tips, j.asset, j.upload);
    expect(res.configs.sent).toBe(4);
    expect(res.assets).toMatchObject({ sent: 30, skipped: 0 });
    for (const name of ['task.json', 'tips.json', 'asset.json', 'upload.json']) {
      expect(await sha256File(storedPath(farm, farm.account.configBid, `/123/cfg/${name}`))).toBe(await sha256File(path.join(ws, name)));
    }
    expect(await sha256File(storedPath(farm, farm.account.inputBid, `/L${files[7]}`))).toBe(await sha256File(files[7]!));
    // The SQLite record file is per upload.json folder name, under RAYVISION_SDK_HOME/db/.
    const db = new Database(path.join(dir, 'home', 'db', '1700000000.db'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n).toBe(30);
    db.close();
    const again = await up.uploadAsset(j.upload);
    expect(again).toMatchObject({ sent: 0, skipped: 30, bytes: 0 });
    utimesSync(files[3]!, 1_600_000_000, 1_600_000_000);
    expect(await up.uploadAsset(j.upload)).toMatchObject({ sent: 1, skipped: 29 });
    // isDb = false offers every file; the farm still skips the complete ones (no bytes).
    expect(await up.uploadAsset(j.upload, undefined, false)).toMatchObject({ sent: 30, skipped: 0, bytes: 0 });
  });

  it('a missing config file is an error, not a silent skip; a missing asset fails before anything is sent', async () => {
    const { farm, api } = ctx;
    const files = await makeSmallFiles(path.join(dir, 'src'), 3);
    const j = jobFiles([...files, path.join(dir, 'gone.png')]);
    const up = new RayvisionUpload({ api, env });
    await expect(up.uploadConfig(5, [j.task, path.join(ws, 'nope.json')])).rejects.toBeInstanceOf(LocalFileMissingError);
    const err = (await up.uploadAsset(j.upload).catch((e: unknown) => e)) as UploadFailedError;
    expect(err).toBeInstanceOf(UploadFailedError);
    expect(err.failed.map((f) => f.local)).toEqual([path.join(dir, 'gone.png')]);
    expect(err.message).toContain('gone.png');
    expect((await snapshot(path.join(farm.storageDir, farm.account.inputBid))).size).toBe(0);
    // A max_speed that is not KB/s is refused before any request.
    const before = api.requestCount;
    await expect(up.uploadAsset(j.upload, 'fast')).rejects.toBeInstanceOf(MaxSpeedError);
    await expect(up.upload(5, j.task, j.tips, j.asset, j.upload, -1)).rejects.toThrow(/max_speed must be a number of KB\/s/);
    expect(api.requestCount).toBe(before);
  });

  it('uploads into the main account storage when the profile shares the main capital (§1.4)', async () => {
    const { farm, api } = ctx;
    const db = new Database(path.join(farm.dir, 'farm.sqlite'));
    const row = db.prepare('SELECT profile FROM accounts WHERE user_id = ?').get(farm.userId) as { profile: string };
    db.prepare('UPDATE accounts SET profile = ? WHERE user_id = ?').run(JSON.stringify({ ...JSON.parse(row.profile), shareMainCapital: 1, mainUserId: 4242 }), farm.userId);
    // The farm's sub-account shares its own bid by default; give the main account a storage of its own.
    const parentBid = String(Number(farm.account.inputBid) + 50);
    db.prepare('UPDATE accounts SET parent_input_bid = ? WHERE user_id = ?').run(parentBid, farm.userId);
    db.close();
    const files = await makeSmallFiles(path.join(dir, 'src'), 2);
    const j = jobFiles(files);
    await new RayvisionUpload({ api, env }).uploadAsset(j.upload);
    expect(await sha256File(storedPath(farm, parentBid, `/L${files[1]}`))).toBe(await sha256File(files[1]!));
    expect((await snapshot(path.join(farm.storageDir, farm.account.inputBid))).size).toBe(0);
  });

  it('cancel leaves the record DB true: only verified files are recorded, the rest go next time', async () => {
    const { api } = ctx;
    const files = await makeSmallFiles(path.join(dir, 'src'), 300);
    const j = jobFiles(files);
    const up = new RayvisionUpload({ api, env });
    const ac = new AbortController();
    let reports = 0;
    const err = await up
      .uploadAsset(j.upload, 2, true, { signal: ac.signal, onProgress: (p) => p.kind === 'report' && ++reports === 2 && ac.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    const db = new Database(path.join(dir, 'home', 'db', '1700000000.db'), { readonly: true });
    const recorded = (db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
    db.close();
    expect(recorded).toBeLessThan(300);
    const rest = await up.uploadAsset(j.upload);
    expect(rest.skipped).toBe(recorded);
    expect(rest.sent).toBe(300 - recorded);
  });

  it('offers files that failed after the engine retries again in a later round (bounded), with one progress stream', async () => {
    const { farm, api } = ctx;
    const files = await makeSmallFiles(path.join(dir, 'src'), 5);
    const j = jobFiles(files);
    const engine = new HttpEngine({ line: farmLine(farm), retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    const logs: string[] = [];
    const up = new RayvisionUpload({
      api, env, engine, rounds: { baseDelayMs: 50, maxDelayMs: 100 },
      // The farm recovers while the upload waits for its second round.
      logger: { info: (m) => { logs.push(m); if (m.includes('round 2')) farm.setFaults({}); } },
    });
    farm.setFaults({ errorRate: 1, scope: 'storage' });
    const events: Progress[] = [];
    const res = await up.uploadAsset(j.upload, undefined, true, { onProgress: (e) => events.push(e) });
    expect(res.sent).toBe(5);
    expect(logs.some((m) => m.includes('round 2 of 3'))).toBe(true);
    expect(events.filter((e) => e.kind === 'begin')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'end')).toHaveLength(1);
    expect(events.at(-1)!.kind).toBe('end');
    // A permanent fault ends after the last round with every file listed, no endless loop.
    farm.setFaults({ errorRate: 1, scope: 'storage' });
    for (const f of files) utimesSync(f, 1_600_000_500, 1_600_000_500);
    const err = (await new RayvisionUpload({ api, env, engine, rounds: { baseDelayMs: 5, maxDelayMs: 10 } }).uploadAsset(j.upload).catch((e: unknown) => e)) as UploadFailedError;
    expect(err).toBeInstanceOf(UploadFailedError);
    expect(err.failed).toHaveLength(5);
    expect(err.farmCode).toBe(200025);
    farm.setFaults({});
  });

  it('a Redis record DB on a closed port fails the upload with a typed error before anything is sent', async () => {
    const { farm, api } = ctx;
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const ini = path.join(dir, 'redis-closed.ini');
    writeFileSync(ini, `[DATABASE_CONFIG]\ntype = redis\n[REDIS]\nport = ${port}\npassword = pw-never-shown\ntable_index = 11\ntimeout = 800\n`);
    const j = jobFiles(await makeSmallFiles(path.join(dir, 'src'), 2));
    const err = (await new RayvisionUpload({ api, env, dbConfigPath: ini }).uploadAsset(j.upload).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(RecordDbUnavailableError);
    expect(err.message).toContain(String(port));
    expect(err.message + JSON.stringify(err)).not.toContain('pw-never-shown');
    expect((await snapshot(path.join(farm.storageDir, farm.account.inputBid))).size).toBe(0);
  });

  it('honours [SQLITE] temporary (records dropped after a full upload) and [DATABASE_CONFIG] on = false (no DB at all)', async () => {
    const { api } = ctx;
    const j = jobFiles(await makeSmallFiles(path.join(dir, 'src'), 3));
    const dbFile = path.join(dir, 'home', 'db', '1700000000.db');
    const tmpIni = path.join(dir, 'tmp.ini');
    writeFileSync(tmpIni, '[SQLITE]\ntemporary = true\n');
    expect(await new RayvisionUpload({ api, env, dbConfigPath: tmpIni }).uploadAsset(j.upload)).toMatchObject({ sent: 3 });
    expect(existsSync(dbFile)).toBe(false);
    const offIni = path.join(dir, 'off.ini');
    writeFileSync(offIni, '[DATABASE_CONFIG]\non = false\n');
    // Records off: every file is offered again (the farm holds them complete, so no bytes move).
    expect(await new RayvisionUpload({ api, env, dbConfigPath: offIni }).uploadAsset(j.upload)).toMatchObject({ sent: 3, skipped: 0, bytes: 0 });
    expect(readdirSync(path.join(dir, 'home', 'db'))).toEqual([]);
  });

  it('validates its settings: a missing db_config.ini path and an unknown engine are typed errors', () => {
    const { api } = ctx;
    expect(() => new RayvisionUpload({ api, env, dbConfigPath: path.join(dir, 'none.ini') })).toThrow(DbConfigError);
    expect(() => new RayvisionUpload({ api, env, engine: 'raysyncweb' as never })).toThrow(UnsupportedEngineTypeError);
  });
});
