// The preflight: everything local is proven before anything reaches the farm. Library level,
// against a real local farm: a submit whose download folder, db_config.ini, record DB (SQLite
// folder, Redis) or engine cannot work fails before createTask, naming the option; bounded steps
// give up on a filesystem call that blocks (a FIFO opened for reading) when cancelled or timed out.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTaskJson } from '../../sidecar/src/jobfiles';
import { AbortedError } from '../../sidecar/src/errors';
import { bounded, ensureWritableFolder, PreflightError, StepTimeoutError } from '../../sidecar/src/preflight';
import { downloadFolderCheck, submitJob } from '../../sidecar/src/transfer';
import { inFieldWords } from '../../protocol/src/field-words';
import { withFarm, type WithFarm } from '../helpers/with-farm';

let ctx: WithFarm;
let dir: string;
beforeAll(async () => {
  ctx = await withFarm({ frameDurationMs: 0 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

function analysis() {
  const ws = mkdtempSync(path.join(dir, 'ws-'));
  const scene = path.join(ws, 'scene.hip');
  writeFileSync(scene, 'x');
  const t = defaultTaskJson();
  Object.assign(t.task_info, { cg_id: '2004', platform: '2', input_cg_file: scene });
  t.software_config = { cg_name: 'Houdini', cg_version: '17.5.293', plugins: {} };
  t.scene_info_render = { rop_node: [{ node: '/out/mantra1', frames: '1-3[1]', option: '-1', render: '1' }], geo_node: [] };
  const p = (n: string) => path.join(ws, n);
  writeFileSync(p('task.json'), JSON.stringify(t));
  writeFileSync(p('tips.json'), '{}');
  writeFileSync(p('upload.json'), JSON.stringify({ asset: [{ local: scene, server: `/P${scene}` }] }));
  return { taskJsonPath: p('task.json'), tipsJsonPath: p('tips.json'), assetJsonPath: p('asset.json'), uploadJsonPath: p('upload.json') };
}

const farmCalls = () => ctx.farm.requests.filter((r) => r.kind === 'api').length;
const created = () => ctx.farm.requests.filter((r) => r.path.includes('createTask')).length;

async function refused(options: Partial<Parameters<typeof submitJob>[0]>): Promise<PreflightError> {
  const before = { calls: farmCalls(), created: created() };
  const err = await submitJob({
    api: ctx.api,
    analysis: analysis(),
    hardwareConfig: { model: 'Default', ram: '64GB', gpuNum: null },
    upload: { env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } },
    ...options,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PreflightError);
  // Nothing reached the farm: not a single API request, so no task either.
  expect(farmCalls()).toBe(before.calls);
  expect(created()).toBe(before.created);
  return err as PreflightError;
}

describe('preflight before createTask', () => {
  it('a download folder under a file, or under /proc, fails first, naming the option', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const underFile = await refused({ preflight: [downloadFolderCheck(path.join(file, 'frames'), 'download.localPath')] });
    expect(underFile.message).toMatch(/a-file is a file, not a folder.*download\.localPath/);
    expect(underFile.details).toMatchObject({ field: 'download.localPath', fieldPhrase: 'download.localPath' });
    // Node's recursive mkdir never returns here; the level-by-level probe answers at once.
    const proc = await refused({ preflight: [downloadFolderCheck('/proc/frames/shot1')] });
    expect(proc.message).toMatch(/\/proc\/frames\/shot1 cannot be used \(mkdir \/proc\/frames: \w+\)/);
  });

  it('a db_config.ini that does not exist, an unreachable Redis and a bad engine are all reported at once', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const ini = path.join(dir, 'redis.ini');
    writeFileSync(ini, `[DATABASE_CONFIG]\non = true\ntype = redis\n[REDIS]\nhost = 127.0.0.1\nport = ${port}\ntimeout = 2000\n`);
    const redis = await refused({ upload: { dbConfigPath: ini } });
    expect(redis.problems).toEqual([expect.objectContaining({ field: 'dbConfigPath', message: expect.stringMatching(/Cannot reach the Redis upload-record database at 127\.0\.0\.1:\d+/) })]);
    const several = await refused({ upload: { dbConfigPath: path.join(dir, 'missing.ini'), engine: 'ftp' as never }, maxSpeed: 'fast' });
    expect(several.problems.map((p) => p.field).sort()).toEqual(['dbConfigPath', 'engine', 'maxSpeed']);
    expect(several.message).toMatch(/^3 problems, fix them and try again \(nothing was sent to the farm\)/);
  });

  it('an upload-record folder that cannot be written is found before the upload', async () => {
    const blocker = path.join(dir, 'db-blocker');
    writeFileSync(blocker, 'x');
    const ini = path.join(dir, 'sqlite.ini');
    writeFileSync(ini, `[DATABASE_CONFIG]\non = true\ntype = sqlite\ndb_path = ${blocker}\n`);
    // db_path must exist to be used; a file there is taken, and its db/ folder cannot be made.
    const err = await refused({ upload: { dbConfigPath: ini } });
    expect(err.message).toMatch(/upload-record folder .*db-blocker\/db cannot be used/);
  });

  it('each interface rewords the field: library option → RPC param → CLI flag', async () => {
    const err = await refused({ preflight: [downloadFolderCheck('/proc/frames', 'download.localPath')] });
    const cli = inFieldWords(err.message, err.details, { 'download.localPath': '--download' });
    expect(cli.message).toMatch(/pass a writable folder as --download\.$/);
    expect(cli.details).toMatchObject({ field: '--download', problems: [expect.objectContaining({ field: '--download' })] });
  });
});

describe('ensureWritableFolder and bounded steps', () => {
  it('creates missing levels and removes them again when the folder cannot take files', async () => {
    const ok = path.join(dir, 'new', 'a', 'b');
    await ensureWritableFolder(ok);
    expect(existsSync(ok)).toBe(true);
    if (process.getuid?.() === 0) return; // root writes anywhere: the read-only half needs a user
    const ro = path.join(dir, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    await expect(ensureWritableFolder(path.join(ro, 'x', 'y'))).rejects.toMatchObject({ code: 'ERR_FOLDER_NOT_WRITABLE' });
    expect(existsSync(path.join(ro, 'x'))).toBe(false);
  });

  it('a filesystem call that blocks (a FIFO opened for reading) is given up on cancel and on timeout', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const controller = new AbortController();
    const blocked = bounded('open fifo', () => open(fifo, 'r'), { signal: controller.signal, timeoutMs: 3_600_000 });
    setImmediate(() => controller.abort(new Error('cancelled by the test')));
    await expect(blocked).rejects.toBeInstanceOf(AbortedError);
    await expect(bounded('open fifo', () => open(fifo, 'r'), { timeoutMs: 50 })).rejects.toBeInstanceOf(StepTimeoutError);
    // A writer frees the threads the blocked opens hold (non-blocking: no reader left is fine too).
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: the readers are gone already.
    }
  });
});
