// `rayvision cancel` ends a job in every stage of a submit (analyse, check, upload, submit,
// download), and a job that cannot stop within the grace period is reported as still running,
// never as cancelled. Real processes: the built CLI, its auto-started sidecar, a local farm whose
// requests of one stage hang (fault injection), and a stand-in DCC interpreter for the analysis.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm, type FarmFaults } from '../../sidecar/src/farm';
import { builtCli, removeBundle, sphere, type BuiltCli } from './helpers/built-cli';

let cli: BuiltCli;
let farm: Farm;
let slowExe: string;
let stubbornExe: string;

beforeAll(async () => {
  cli = await builtCli();
  farm = await startFarm({ frameDurationMs: 0 });
  // A batch interpreter that takes its time, and one that ignores SIGTERM (execa kills it 5 s later).
  slowExe = path.join(cli.home, 'hython');
  writeFileSync(slowExe, '#!/bin/sh\necho "analysing"\nsleep 300 &\nwait\n');
  stubbornExe = path.join(cli.home, 'stubborn-hython');
  writeFileSync(stubbornExe, '#!/bin/sh\ntrap "" TERM\necho "analysing"\nwhile true; do sleep 0.2; done\n');
  chmodSync(slowExe, 0o755);
  chmodSync(stubbornExe, 0o755);
});
afterAll(async () => {
  await cli?.close();
  await farm?.close();
  removeBundle();
});

const taskCount = async (): Promise<number> => {
  const r = await cli.run(['--json', 'tasks', ...cli.farmFlags(farm), '--page-size', '100']);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!).result.total;
};

/** Starts a submit, waits until it reports `stage`, cancels it from a second process. */
async function cancelInStage(stage: RegExp, faults: FarmFaults, extra: string[] = []) {
  farm.setFaults(faults);
  const submit = cli.spawnJson(['submit', sphere, ...cli.farmFlags(farm), '--mode', 'static', ...extra]);
  const seen = await submit.waitFor((l) => l.method === 'job/progress' && stage.test(l.params.progress.stage ?? ''));
  const cancel = await cli.run(['cancel', seen.params.jobId]);
  const end = await submit.done;
  farm.setFaults({});
  return { cancel, end, jobId: seen.params.jobId as string };
}

describe('rayvision cancel, stage by stage', () => {
  it('analyse: the batch interpreter is stopped; no task is created', async () => {
    const before = await taskCount();
    const r = await cancelInStage(/analy|batch/, {}, ['--mode', 'batch', '--exe', slowExe]);
    expect(r.cancel.exitCode, r.cancel.stderr).toBe(0);
    expect(r.cancel.stdout).toContain(`job ${r.jobId} cancelled`);
    expect(r.end.exitCode).toBe(5);
    expect(await taskCount()).toBe(before);
  });

  it('check: a farm request that never answers is abandoned; no task is created', async () => {
    const before = await taskCount();
    const r = await cancelInStage(/check/, { hangRate: 1, paths: ['/api/render/plugin/querySoftwareDetail'] });
    expect(r.cancel.stdout).toContain('cancelled');
    expect(r.end.exitCode).toBe(5);
    expect(await taskCount()).toBe(before);
  });

  it('upload: a storage upload that never answers is abandoned', async () => {
    const r = await cancelInStage(/upload/, { hangRate: 1, scope: 'storage' });
    expect(r.cancel.exitCode, r.cancel.stderr).toBe(0);
    expect(r.cancel.stdout).toContain('cancelled');
    expect(r.end.exitCode).toBe(5);
  });

  it('submit: a submitTask that never answers is abandoned', async () => {
    const r = await cancelInStage(/^submit$/, { hangRate: 1, paths: ['/api/render/submit/task'] });
    expect(r.cancel.stdout).toContain('cancelled');
    expect(r.end.exitCode).toBe(5);
  });

  it('download: waiting for frames that never come ends at once', async () => {
    const r = await cancelInStage(/download/, { neverEnd: 'all' }, ['--download', path.join(cli.home, 'frames')]);
    expect(r.cancel.stdout).toContain('cancelled');
    expect(r.end.exitCode).toBe(5);
  });

  it('a job that cannot stop within the grace period is reported as still running, never as cancelled', async () => {
    const submit = cli.spawnJson(['submit', sphere, ...cli.farmFlags(farm), '--mode', 'batch', '--exe', stubbornExe]);
    const seen = await submit.waitFor((l) => l.method === 'job/progress' && /batch/.test(l.params.progress.stage ?? ''));
    // The interpreter ignores SIGTERM; the job can only end once it is killed, seconds later.
    const cancel = await cli.run(['cancel', seen.params.jobId, '--grace', '0.5']);
    expect(cancel.exitCode).toBe(11);
    expect(cancel.stderr).toMatch(/did not stop within 0\.5 s: it is still running/);
    expect(cancel.stdout).not.toMatch(/cancelled/);
    const status = await cli.run(['status']);
    expect(status.stdout).toMatch(new RegExp(`job ${seen.params.jobId} submit/scene (running \\(cancel asked|cancelled)`));
    // In the end it does stop, and then it is cancelled.
    expect((await submit.done).exitCode).toBe(5);
    const again = await cli.run(['cancel', seen.params.jobId]);
    expect(again.stdout).toMatch(/had already ended \(cancelled\)/);
  });
});
