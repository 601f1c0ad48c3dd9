// The `rayvision` CLI as scripts use it: real processes (tsx), a real sidecar found through the
// discovery file of a temp SDK home, `--json` output and the documented exit codes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { ExitCode, exitCodeFor } from '../../sidecar/src/cli/exit-codes';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';

const root = path.resolve(__dirname, '..', '..');
const main = path.join(root, 'sidecar', 'src', 'cli', 'main.ts');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const scene = path.resolve(root, '..', 'shared', 'scenes', 'houdini', 'sphere.hip');
let home: string;
let sidecar: Sidecar;

const cli = (args: string[], env: Record<string, string> = {}) =>
  execa(tsx, [main, ...args], { reject: false, env: { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '', ...env }, cwd: tmpdir() });
const jsonLines = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'rv-cli-'));
  process.env.RAYVISION_SDK_HOME = home;
});
afterAll(async () => {
  await sidecar?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('maps sidecar errors to documented codes', () => {
    expect(exitCodeFor({ code: ErrorCodes.NotLoggedIn })).toBe(ExitCode.Auth);
    expect(exitCodeFor({ code: ErrorCodes.Aborted })).toBe(ExitCode.Cancelled);
    expect(exitCodeFor({ code: ErrorCodes.SdkError, data: { code: 'ERR_SIGNATURE' } })).toBe(ExitCode.Auth);
    expect(exitCodeFor({ code: ErrorCodes.SdkError, data: { code: 'ERR_UPLOAD_FAILED' } })).toBe(ExitCode.Sdk);
    expect(exitCodeFor({ code: ErrorCodes.IncompatibleProtocol })).toBe(ExitCode.Incompatible);
    expect(exitCodeFor(new Error('x'))).toBe(ExitCode.Failure);
  });
});

describe('rayvision CLI', () => {
  it('prints help (0) and refuses an unknown option (2)', async () => {
    expect((await cli(['--help'])).exitCode).toBe(0);
    expect((await cli(['status', '--bogus'])).exitCode).toBe(ExitCode.Usage);
  });

  it('exits 6 when no sidecar runs and auto-start is off', async () => {
    const r = await cli(['--no-auto-start', 'status']);
    expect(r.exitCode).toBe(ExitCode.NoSidecar);
    expect(r.stderr).toMatch(/rayvision sidecar/);
  });

  it('talks to the running sidecar: status, login errors, tasks on the local farm, one sidecar per user', async () => {
    sidecar = await startSidecar({ home, idleTimeoutMs: 0 });
    const status = await cli(['--json', 'status']);
    expect(status.exitCode).toBe(0);
    expect(jsonLines(status.stdout).at(-1).result).toMatchObject({ pid: process.pid, loggedIn: false });

    const notLogged = await cli(['tasks']);
    expect(notLogged.exitCode).toBe(ExitCode.Auth);
    expect(notLogged.stderr).toMatch(/--local/);

    const tasks = await cli(['--json', 'tasks', '--local']);
    expect(tasks.exitCode).toBe(0);
    expect(jsonLines(tasks.stdout).at(-1).result).toHaveProperty('items');

    const second = await cli(['sidecar']);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/already runs/);
  });

  it('submits a scene and downloads its frames (--json lines, exit 0)', async () => {
    const out = path.join(home, 'frames');
    const bad = await cli(['submit', scene, '--local', '--priority', '101']);
    expect(bad.exitCode).toBe(ExitCode.Usage);
    expect(bad.stderr).toContain('expected an integer from 0 to 100');
    const r = await cli(['--json', 'submit', scene, '--local', '--mode', 'static', '--priority', '70', '--download', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.some((l) => l.method === 'job/progress')).toBe(true);
    const result = lines.at(-1).result;
    expect(result.paths.length).toBeGreaterThan(0);
    for (const p of result.paths) expect(existsSync(p)).toBe(true);
    expect(lines.filter((l) => l.method === 'download/frame')).toHaveLength(result.paths.length);
    const tasks = jsonLines((await cli(['--json', 'tasks', '--local'])).stdout).at(-1).result;
    expect(tasks.items.find((t: { id: number }) => t.id === result.taskId).taskUserLevel).toBe(70);

    // The same frames again with `download` (once, flat): every file lands directly in the folder.
    const again = await cli(['--json', 'download', String(result.taskId), '--local-path', path.join(home, 'again'), '--flat']);
    expect(again.exitCode, again.stderr).toBe(0);
    const got = jsonLines(again.stdout).at(-1).result;
    expect(got.files).toBe(result.paths.length);
    for (const p of got.paths) expect(path.dirname(p)).toBe(path.join(home, 'again'));
  });

  it('cancel answers for an unknown job, stop shuts the sidecar down', async () => {
    const cancel = await cli(['cancel', 'no-such-job']);
    expect(cancel.exitCode).toBe(ExitCode.Usage);
    expect(cancel.stderr).toMatch(/No job/);
    const stop = await cli(['stop']);
    expect(stop.exitCode).toBe(0);
    expect(await sidecar.closed).toBe('shutdown requested');
  });
});
