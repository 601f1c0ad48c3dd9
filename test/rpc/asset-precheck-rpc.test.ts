// Issue 20 through the interfaces: check/run over RPC and `rayvision check` refuse an analysis whose
// texture went missing after the analysis, naming the file and its node, and create no task; the
// same scene's truncated copy is refused by submit/scene unless allowIncomplete is passed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';
import { TestClient } from './helpers/ws-client';

const root = path.resolve(__dirname, '..', '..');
let home: string;
let work: string;
let sidecar: Sidecar;
let c: TestClient;
const oldHome = process.env.RAYVISION_SDK_HOME;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'rv-precheck-rpc-'));
  work = path.join(home, 'work');
  mkdirSync(path.join(work, 'tex'), { recursive: true });
  process.env.RAYVISION_SDK_HOME = home;
  sidecar = await startSidecar({ home, idleTimeoutMs: 0 });
  c = await TestClient.open(sidecar.port, sidecar.token);
  await c.initialize('precheck-rpc');
  await c.call('session/login', { farm: 'local', frameDurationMs: 0 });
});
afterAll(async () => {
  await c?.close();
  await sidecar?.close();
  if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
  else process.env.RAYVISION_SDK_HOME = oldHome;
  rmSync(home, { recursive: true, force: true });
});

const slash = (p: string) => p.replace(/\\/g, '/');
const MA = (tex: string, end = true) => `//Maya ASCII 2022 scene
requires maya "2022";
createNode file -n "wall";
	setAttr ".ftn" -type "string" "${slash(tex)}";
${end ? '// End of shot.ma\n' : ''}`;

async function taskCount(): Promise<number> {
  const r = await c.call('task/list', {});
  return Number(r.total ?? r.items?.length ?? 0);
}

describe('the asset check through check/run and the CLI', () => {
  it('a texture removed after the analysis: check/run and `rayvision check` refuse, naming it and its node, no task created', async () => {
    const tex = path.join(work, 'tex', 'wall.png');
    writeFileSync(tex, 'pixels');
    const scene = path.join(work, 'shot.ma');
    writeFileSync(scene, MA(tex));
    const { jobId } = await c.call('analyze/scene', { scenePath: scene, mode: 'static', softwareVersion: '2022' });
    const analysed = await c.jobEnd(jobId);
    expect(analysed.ok, JSON.stringify(analysed.error)).toBe(true);
    const a = analysed.result;
    rmSync(tex);
    const before = await taskCount();

    const run = await c.call('check/run', { taskJsonPath: a.taskJsonPath, uploadJsonPath: a.uploadJsonPath, assetJsonPath: a.assetJsonPath, tipsJsonPath: a.tipsJsonPath });
    const end = await c.jobEnd(run.jobId);
    expect(end.ok).toBe(false);
    const problems = end.error.data.details.problems as { code: string; node?: string; parm?: string; detail?: string }[];
    expect(problems.filter((p) => p.code === 'ERR_ASSET_MISSING').map((p) => [p.node, p.parm, p.detail?.split(' ')[0]])).toEqual([['wall', 'fileTextureName', slash(tex)]]);

    const cli = await execa(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'sidecar', 'src', 'cli', 'main.ts'), '--json', 'check', a.workspace], {
      reject: false, cwd: tmpdir(), env: { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '' },
    });
    expect(cli.exitCode).not.toBe(0);
    const last = JSON.parse(cli.stdout.trim().split('\n').pop()!) as { error: { message: string; data: { details: { problems: { code: string; node?: string }[] } } } };
    expect(last.error.message).toContain(slash(tex));
    expect(last.error.data.details.problems.find((p) => p.code === 'ERR_ASSET_MISSING')?.node).toBe('wall');
    expect(await taskCount()).toBe(before);
  });

  it('a truncated scene: submit/scene refuses it with its tip; allowIncomplete submits it', async () => {
    const tex = path.join(work, 'tex', 'floor.png');
    writeFileSync(tex, 'pixels');
    const scene = path.join(work, 'cut.ma');
    writeFileSync(scene, MA(tex, false)); // no "// End of": Maya did not finish writing it
    const before = await taskCount();
    const refused = await c.jobEnd((await c.call('submit/scene', { scenePath: scene, mode: 'static', softwareVersion: '2022' })).jobId);
    expect(refused.ok).toBe(false);
    const problems = refused.error.data.details.problems as { code: string; severity: string }[];
    expect(problems.find((p) => p.code === '15106')).toMatchObject({ severity: 'error' });
    expect(await taskCount()).toBe(before);
    const accepted = await c.jobEnd((await c.call('submit/scene', { scenePath: scene, mode: 'static', softwareVersion: '2022', allowIncomplete: true })).jobId);
    expect(accepted.ok, JSON.stringify(accepted.error)).toBe(true);
    expect(accepted.result.taskId).toBeGreaterThan(0);
    expect(await taskCount()).toBe(before + 1); // the count sees tasks: the refusals above created none
  });
});
