// `rayvision submit` with the dialog's fields as flags: parsed into submit/scene's settings, bad values
// refused on the command line (exit 2) naming the flag's node, and a real run writes them to task.json.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framesFlag, scoutFlag, submitSettingsOf } from '../../sidecar/src/cli/submit-flags';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';

const root = path.resolve(__dirname, '..', '..');
const main = path.join(root, 'sidecar', 'src', 'cli', 'main.ts');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const scene = path.resolve(root, '..', 'shared', 'scenes', 'houdini', 'sphere.hip');
let home: string;
let sidecar: Sidecar;
const cli = (args: string[]) => execa(tsx, [main, ...args], { reject: false, env: { RAYVISION_SDK_HOME: home }, cwd: tmpdir() });

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'rv-cli-flags-'));
  process.env.RAYVISION_SDK_HOME = home;
  sidecar = await startSidecar({ home, idleTimeoutMs: 0 });
});
afterAll(async () => {
  await sidecar?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('submit flags', () => {
  it('parse per-node frames, scouts and lists', () => {
    expect(framesFlag('ropA=1-10;ropB=5,7')).toEqual({ ropA: '1-10', ropB: '5,7' });
    expect(framesFlag('1-100x2, 120')).toEqual({ '*': '1-100x2, 120' });
    expect(() => framesFlag('ropA=1-10;ropB=7-5')).toThrow(/ropB.*ends before it starts/);
    expect(() => framesFlag('=1-3')).toThrow(/no node name/);
    expect(scoutFlag('fml')).toEqual({ mode: 'first-middle-last' });
    expect(scoutFlag('1, 50')).toEqual({ mode: 'custom', frames: '1, 50' });
    expect(() => scoutFlag('middle')).toThrow(/none, first, first-middle-last/);
    expect(submitSettingsOf({ stopAfterScout: true, chunk: 3 })).toEqual({ chunk: 3, scout: { mode: 'first', stopAfter: true } });
  });

  it('a bad value exits 2 before anything runs; good ones reach task.json', async () => {
    const bad = await cli(['submit', scene, '--local', '--frames', 'mantra1=1-x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('mantra1');
    const r = await cli(['--json', 'submit', scene, '--local', '--mode', 'static', '--frames', 'mantra1=2-6x2;', '--chunk', '2',
      '--scout', 'first', '--timeout', '300', '--over-time-stop', '900']);
    expect(r.exitCode, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.split('\n').filter(Boolean).at(-1)!).result;
    const task = JSON.parse(readFileSync(path.join(result.workspace, 'task.json'), 'utf8'));
    expect(task.scene_info_render.rop_node[0].frames).toBe('2-6[2]');
    expect(task.task_info).toMatchObject({ frames_per_task: '2', pre_frames: '100', stop_after_test: '2', time_out: '300', job_stop_time: '900' });
    // A GPU machine lives on its own platform: --platform reaches the task, so the check finds it.
    const gpu = await cli(['--json', 'submit', scene, '--local', '--mode', 'static', '--hardware', '2080Ti,64GB,2*GPU', '--platform', '21']);
    expect(gpu.exitCode, gpu.stderr).toBe(0);
    const gpuTask = JSON.parse(readFileSync(path.join(JSON.parse(gpu.stdout.split('\n').filter(Boolean).at(-1)!).result.workspace, 'task.json'), 'utf8'));
    expect(gpuTask.task_info).toMatchObject({ platform: '21', hardwareConfigId: '721' });
  });
});
