/**
 * Issue 20: the check reads upload.json and asset.json and refuses, before createTask, a job with a
 * missing, unreadable or changed asset, naming each file with the node and attribute that needs it.
 * Measured with a counting proxy in front of the local farm (not the SDK's report): a refused submit
 * adds no task and no storage request; the same job, analysed again, goes through the same proxy.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeMaya } from '../../sidecar/src/analyze';
import { RayvisionAPI } from '../../sidecar/src/api';
import { CheckFailedError } from '../../sidecar/src/check/errors';
import { checkAssets } from '../../sidecar/src/check/assets';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { toRpcError } from '../../sidecar/src/rpc/rpc-errors';
import { submitJob } from '../../sidecar/src/transfer/submit-job';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy';

const cpu = { model: 'Default', ram: '64GB', gpuNum: null };

let dir: string;
let farm: Farm;
let proxy: CountingProxy;
let api: RayvisionAPI;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'precheck-'));
  farm = await startFarm({ frameDurationMs: 0 });
  proxy = await startCountingProxy({ host: farm.host, port: farm.port });
  api = await RayvisionAPI.connect({ domain: proxy.domain, protocol: 'http', platform: '2', accessId: farm.accessId, accessKey: farm.accessKey, timeout: 10 });
});
afterAll(async () => {
  api?.close();
  await proxy?.close();
  await farm?.close();
  rmSync(dir, { recursive: true, force: true });
});

function farmTaskCount(): number {
  const db = new Database(path.join(farm.dir, 'farm.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A Maya ASCII scene with four textures and a cache, in its own project folder. */
function scene(name: string): { cgFile: string; file: (n: string) => string } {
  const root = path.join(dir, name);
  const file = (n: string) => path.join(root, n).replace(/\\/g, '/');
  mkdirSync(path.join(root, 'tex'), { recursive: true });
  for (const t of ['tex/wood.png', 'tex/skin.png', 'tex/rock.png', 'tex/sky.png', 'anim.abc']) writeFileSync(file(t), `data of ${t}\n`);
  const cgFile = file('shot.ma');
  writeFileSync(cgFile, `//Maya ASCII 2022 scene
//Name: shot.ma
requires maya "2022";
createNode file -n "wood";
	setAttr ".ftn" -type "string" "${file('tex/wood.png')}";
createNode file -n "skin";
	setAttr ".ftn" -type "string" "${file('tex/skin.png')}";
createNode file -n "rock";
	setAttr ".ftn" -type "string" "${file('tex/rock.png')}";
createNode file -n "rock_again";
	setAttr ".ftn" -type "string" "${file('tex/rock.png')}";
createNode file -n "sky";
	setAttr ".ftn" -type "string" "${file('tex/sky.png')}";
createNode AlembicNode -n "anim_abc";
	setAttr ".fn" -type "string" "${file('anim.abc')}";
// End of shot.ma
`);
  return { cgFile, file };
}

async function analyse(cgFile: string) {
  const workspace = await mkdtemp(path.join(dir, 'ws-'));
  return new AnalyzeMaya({ cgFile, workspace, softwareVersion: '2022', localOs: 'linux' }).analyse({ mode: 'static' });
}

const submit = (analysis: Awaited<ReturnType<typeof analyse>>) =>
  submitJob({ api, analysis, hardwareConfig: cpu, upload: { env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } } });

describe('the asset check before createTask (counting proxy in front of the farm)', () => {
  it('refuses a missing, an unreadable and two changed files, listing each with its node; no task, no storage request', async () => {
    const s = scene('broken');
    const analysis = await analyse(s.cgFile);
    expect(analysis.asset.needed_by?.[s.file('tex/rock.png')]).toEqual([{ node: 'rock', parm: 'fileTextureName' }, { node: 'rock_again', parm: 'fileTextureName' }]);
    rmSync(s.file('tex/wood.png'));                                        // missing
    rmSync(s.file('tex/skin.png'));
    mkdirSync(s.file('tex/skin.png'));                                     // unreadable as a file (even for root)
    appendFileSync(s.file('tex/rock.png'), 'edited after the analysis');  // changed: size
    const later = new Date(Date.now() + 120_000);
    utimesSync(s.file('anim.abc'), later, later);                          // changed: mtime only
    appendFileSync(s.cgFile, '\n');                                        // the scene itself: md5

    const tasksBefore = farmTaskCount();
    const storageBefore = proxy.count('/storage/');
    const createBefore = proxy.count('/api/render/submit/createTask') + proxy.count('/api/render/task/createTask');
    const seenBefore = proxy.seen.length;
    const err = (await submit(analysis).catch((e: unknown) => e)) as CheckFailedError;
    expect(err).toBeInstanceOf(CheckFailedError);
    // Through the proxy: the check asked the farm about versions and hardware, but created nothing and stored nothing.
    expect(proxy.seen.length).toBeGreaterThan(seenBefore);
    expect(proxy.count('/storage/')).toBe(storageBefore);
    expect(proxy.count('/api/render/submit/createTask') + proxy.count('/api/render/task/createTask')).toBe(createBefore);
    expect(farmTaskCount()).toBe(tasksBefore);

    const byCode = Object.fromEntries(err.errors.map((i) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(['ERR_ASSET_CHANGED', 'ERR_ASSET_MISSING', 'ERR_ASSET_UNREADABLE']);
    const problems = (toRpcError(err).data as { details: { problems: { code: string; node?: string; parm?: string; detail?: string }[] } }).details.problems;
    const where = (code: string) => problems.filter((p) => p.code === code).map((p) => [p.detail!.split(' ')[0], p.node ?? null, p.parm ?? null]);
    expect(where('ERR_ASSET_MISSING')).toEqual([[s.file('tex/wood.png'), 'wood', 'fileTextureName']]);
    expect(where('ERR_ASSET_UNREADABLE')).toEqual([[s.file('tex/skin.png'), 'skin', 'fileTextureName']]);
    expect(where('ERR_ASSET_CHANGED').sort()).toEqual([[s.file('anim.abc'), 'anim_abc', 'abc_File'], [s.cgFile, null, null], [s.file('tex/rock.png'), 'rock', 'fileTextureName']].sort());
    expect(problems.find((p) => p.detail?.startsWith(s.file('tex/rock.png')))!.detail).toMatch(/also needed by rock_again\.fileTextureName/);
    expect(err.message).toMatch(/missing/i);
    expect(readFileSync(analysis.taskJsonPath, 'utf8')).not.toMatch(/"task_id": "\d+"/);
  });

  it('the same scene analysed again passes, and its task and uploads go through the same proxy', async () => {
    const s = scene('fixed');
    const analysis = await analyse(s.cgFile);
    const tasksBefore = farmTaskCount();
    const storageBefore = proxy.count('/storage/');
    const res = await submit(analysis);
    expect(res.taskId).toBeGreaterThan(0);
    expect(farmTaskCount()).toBe(tasksBefore + 1);
    // 4 config files, then 5 assets + the scene: small files travel in the local farm's batches
    // (batch-init + batch for each group), so the proxy sees at least those storage requests.
    expect(proxy.count('/storage/') - storageBefore).toBeGreaterThanOrEqual(4);
    expect(proxy.count('/api/render/submit/createTask') + proxy.count('/api/render/task/createTask')).toBeGreaterThanOrEqual(1);
  });
});

describe('checkAssets on hand-written job files', () => {
  it('an old-style upload.json (no asset.json): only presence is checked, every missing file listed', async () => {
    const ws = await mkdtemp(path.join(dir, 'old-'));
    const there = path.join(ws, 'there.png');
    writeFileSync(there, 'x');
    const upload = path.join(ws, 'upload.json');
    const gone = Array.from({ length: 30 }, (_, i) => path.join(ws, `gone.${i}.png`));
    writeFileSync(upload, JSON.stringify({ asset: [there, ...gone].map((local) => ({ local, server: local })) }));
    const issues = await checkAssets({ uploadJson: upload });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'ERR_ASSET_MISSING', file: upload, setting: 'asset' });
    expect(issues[0]!.details!.map((d) => d.split(' ')[0])).toEqual(gone.map((g) => g.replace(/\\/g, '/')));
    expect(await checkAssets({ uploadJson: undefined })).toEqual([]);
  });
});
