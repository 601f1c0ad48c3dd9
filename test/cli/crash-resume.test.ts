// Crash recovery as a last line: the sidecar is SIGKILLed under a running `rayvision submit
// --download` (and `rayvision download --mode auto`); the CLI starts a sidecar again, logs in again,
// resumes the download into the same folder, says so, and ends with every frame on disk exactly once.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const main = path.join(root, 'sidecar', 'src', 'cli', 'main.ts');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const scene = path.resolve(root, '..', 'shared', 'scenes', 'houdini', 'sphere.hip');
let home: string;
const started = new Set<number>(); // sidecar pids this test caused, stopped at the end

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'rv-crash-'));
});
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(home, { recursive: true, force: true });
});

const sidecarPid = (): number => JSON.parse(readFileSync(path.join(home, 'sidecar.json'), 'utf8')).pid;

/** Runs the CLI with --json; SIGKILLs the sidecar once `killWhen` sees a line; resolves with all lines. */
async function runAndKill(args: string[], killWhen: (line: any) => boolean): Promise<{ exitCode: number | undefined; lines: any[]; stderr: string; killed: number }> {
  const child: ResultPromise = execa(tsx, [main, '--json', ...args], {
    reject: false, buffer: false, stdin: 'ignore', cwd: tmpdir(),
    env: { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '' },
  });
  const lines: any[] = [];
  let stderr = '';
  let killed = 0;
  let rest = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    rest += d.toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    for (const l of parts.filter(Boolean)) {
      const line = JSON.parse(l);
      lines.push(line);
      if (!killed && killWhen(line)) {
        killed = sidecarPid();
        process.kill(killed, 'SIGKILL');
      }
    }
  });
  const r = await child;
  if (existsSync(path.join(home, 'sidecar.json'))) started.add(sidecarPid());
  return { exitCode: r.exitCode, lines, stderr, killed };
}

const frames = (lines: any[]) => lines.filter((l) => l.method === 'download/frame').map((l) => l.params.localPath as string);
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(e.parentPath, e.name));

describe('the CLI survives a sidecar crash', () => {
  it('submit --download: killed after the first frame, resumed on a fresh sidecar, every frame once', async () => {
    const out = path.join(home, 'frames');
    const r = await runAndKill(
      ['submit', scene, '--local', '--frame-ms', '300', '--mode', 'static', '--frames', '1-6', '--download', out],
      (l) => l.method === 'download/frame',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.killed).toBeGreaterThan(0);
    const notice = r.lines.find((l) => l.method === 'cli/resumed');
    expect(notice?.params.message).toMatch(/sidecar stopped during the job; started it again \(pid \d+\) and resumed the download of task \d+ into /);
    expect(notice.params.pid).not.toBe(r.killed);
    const result = r.lines.at(-1).result;
    expect(result.resumedAfterRestart).toMatchObject({ restarts: 1 });
    const got = frames(r.lines);
    expect(new Set(got).size).toBe(got.length); // no frame handed over twice
    const onDisk = filesUnder(out).sort();
    expect(onDisk).toHaveLength(6);
    expect([...new Set(got)].sort()).toEqual(onDisk); // none lost
  });

  it('download --mode auto: resumed with the same options after a kill, and the output says so', async () => {
    // A fresh task rendering slowly, submitted without download; then the CLI follows it.
    const sub = await execa(tsx, [main, '--json', 'submit', scene, '--local', '--frame-ms', '300', '--mode', 'static', '--frames', '1-5'], {
      reject: false, cwd: tmpdir(), env: { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '' },
    });
    expect(sub.exitCode, sub.stderr).toBe(0);
    const taskId = JSON.parse(sub.stdout.trim().split('\n').at(-1)!).result.taskId;
    const out = path.join(home, 'dl');
    const r = await runAndKill(['download', String(taskId), '--local', '--mode', 'auto', '--sleep', '1', '--local-path', out], (l) => l.method === 'download/frame');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.lines.some((l) => l.method === 'cli/resumed')).toBe(true);
    const got = frames(r.lines);
    expect(new Set(got).size).toBe(got.length);
    expect(filesUnder(out)).toHaveLength(5);
  });
});
