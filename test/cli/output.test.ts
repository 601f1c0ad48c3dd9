// The CLI as a TD scripts against it (issue 17), part 2: exit codes and human output: the built bundle, real processes, the sidecar it
// starts, a local farm over HTTP, and a pseudo-terminal for what a terminal shows. Each case is
// one complaint from the issue: what failed late now fails before the farm is charged, errors name
// the flags of the command that was typed (and those flags exist), exit codes tell the truth, and
// the human output reads well piped and on odd terminals.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { builtCli, removeBundle, sphere, type BuiltCli } from './helpers/built-cli';

let cli: BuiltCli;
let farm: Farm;
let login: string[];

beforeAll(async () => {
  cli = await builtCli();
  // Frames move only on tick(): a submitted task has no output until the test renders it.
  farm = await startFarm({ frameDurationMs: 0 });
  login = cli.farmFlags(farm);
});
afterAll(async () => {
  await cli?.close();
  await farm?.close();
  removeBundle();
});

const last = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Every `--flag` a message names must be an option of that command. */
async function flagsExist(command: string, message: string): Promise<void> {
  const help = (await cli.run([command, '--help'])).stdout;
  for (const flag of message.match(/--[a-z][a-z-]*/g) ?? []) expect(help, `${flag} named by: ${message}`).toContain(flag);
}

describe('exit codes tell the truth', () => {
  it('no such task (8), nothing downloaded yet (9), then the frames (0)', async () => {
    const none = await cli.run(['download', '99999999', ...login]);
    expect(none.exitCode).toBe(8);
    expect(none.stderr).toMatch(/No task 99999999/);
    const sub = await cli.run(['--json', 'submit', sphere, ...login, '--mode', 'static']);
    expect(sub.exitCode, sub.stderr).toBe(0);
    const taskId = String(last(sub.stdout).result.taskId);
    const out = path.join(cli.home, 'out');
    const empty = await cli.run(['download', taskId, ...login, '--local-path', out]);
    expect(empty.exitCode, empty.stderr).toBe(9);
    expect(empty.stderr).toMatch(/Nothing downloaded: task \d+ has no output files yet/);
    await flagsExist('download', empty.stderr);
    for (let i = 0; i < 30; i++) await farm.tick();
    const full = await cli.run(['download', taskId, ...login, '--local-path', out]);
    expect(full.exitCode, full.stderr).toBe(0);
    const again = await cli.run(['download', taskId, ...login, '--local-path', out]);
    expect(again.exitCode).toBe(0); // all already here is not "nothing downloaded"
    expect(again.stdout).toMatch(/already here/);
    const proc = await cli.run(['download', taskId, ...login, '--local-path', '/proc/frames']);
    expect(proc.exitCode).toBe(4);
    expect(proc.stderr).toMatch(/pass a writable folder as --local-path\./);
  });

  it('install-plugins: no DCC found is exit 10; --dry-run says would write; --uninstall removes the folders it made', async () => {
    const user = mkdtempSync(path.join(tmpdir(), 'rv-user-'));
    const env = { HOME: user, USERPROFILE: '', HOUDINI_USER_PREF_DIR: '', MAYA_APP_DIR: '', APPDATA: '' };
    try {
      const nothing = await cli.run(['install-plugins'], env);
      expect(nothing.exitCode).toBe(10);
      expect(nothing.stderr).toMatch(/No Houdini, Maya or Clarisse settings folder found; nothing was written/);
      mkdirSync(path.join(user, 'houdini20.5'));
      mkdirSync(path.join(user, 'maya', '2025'), { recursive: true });
      const dry = await cli.run(['install-plugins', '--houdini', '--maya', '--dry-run'], env);
      expect(dry.exitCode).toBe(0);
      expect(dry.stdout).toMatch(/^would write +houdini 20\.5/m);
      expect(dry.stdout).not.toMatch(/^written/m);
      expect(existsSync(path.join(user, 'houdini20.5', 'packages'))).toBe(false);
      expect((await cli.run(['install-plugins', '--houdini', '--maya'], env)).exitCode).toBe(0);
      expect(readdirSync(path.join(user, 'houdini20.5', 'packages'))).toEqual(['rayvision.json']);
      expect((await cli.run(['install-plugins', '--houdini', '--maya', '--uninstall'], env)).exitCode).toBe(0);
      expect(readdirSync(path.join(user, 'houdini20.5'))).toEqual([]);
      expect(readdirSync(path.join(user, 'maya', '2025'))).toEqual([]);
    } finally {
      rmSync(user, { recursive: true, force: true });
    }
  });
});

describe('human output', () => {
  it('tasks: a header, status names (unknown codes as unknown (N)), sortable by time', async () => {
    for (let i = 0; i < 2; i++) expect((await cli.run(['submit', sphere, ...login, '--mode', 'static'])).exitCode).toBe(0);
    const page = last((await cli.run(['--json', 'tasks', ...login])).stdout).result;
    const [odd] = page.items as { id: number }[];
    farm.setFaults({ taskStatus: { [odd!.id]: 77 } });
    try {
      const r = await cli.run(['tasks', ...login, '--sort', 'time']);
      expect(r.exitCode, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^ID +STATUS +FRAMES +SUBMITTED +SCENE$/);
      expect(r.stdout).toMatch(new RegExp(`^${odd!.id} +unknown \\(77\\) `, 'm'));
      expect(r.stdout).toMatch(/ (waiting|rendering|finished) /);
      const json = last((await cli.run(['--json', 'tasks', ...login, '--sort', 'time'])).stdout).result.items as { submitDate: number; statusName: string }[];
      expect(json.map((t) => t.submitDate)).toEqual([...json.map((t) => t.submitDate)].sort((a, b) => b - a));
      expect(json.every((t) => !/render_task_status/.test(t.statusName))).toBe(true);
      const oldest = last((await cli.run(['--json', 'tasks', ...login, '--sort', 'time', '--reverse'])).stdout).result.items as { submitDate: number }[];
      expect(oldest.map((t) => t.submitDate)).toEqual([...json.map((t) => t.submitDate)].reverse());
    } finally {
      farm.setFaults({});
    }
  });

  it('piped: one line per stage (analyse, check, upload, submit)', async () => {
    const r = await cli.run(['submit', sphere, ...login, '--mode', 'static']);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const stage of ['[analyse]', '[check]', '[upload-config]', '[upload-assets]', '[submit]']) expect(r.stderr).toContain(stage);
    expect(r.stderr).not.toMatch(/\r|\x1b\[/);
  });

  it('on a terminal: bars that fit the width, 80 columns when the terminal reports 0, errors once, the cursor shown again', async () => {
    const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    const zero = await cli.underPty(0, ['analyze', sphere, '--mode', 'static']);
    expect(zero.exitCode, zero.output).toBe(0);
    // 80 columns assumed: the analysis line is shorter, so its title arrives whole.
    expect(plain(zero.output)).toMatch(new RegExp(`analyse  done in \\d+s  Analysing ${sphere.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\r?\n`));
    const narrow = await cli.underPty(30, ['analyze', sphere, '--mode', 'static']);
    // Each bar drawn (from column 1) and each final stage line fits in 29 columns.
    const drawn = narrow.output.split('\x1b[1G').slice(1).map((s) => s.split(/\x1b\[|\r|\n/)[0]!).filter(Boolean);
    const afterBars = narrow.output.slice(narrow.output.lastIndexOf('\x1b[?25h'));
    const finals = plain(afterBars).split(/\r?\n/).filter((l) => l.startsWith('analyse'));
    expect(drawn.length).toBeGreaterThan(0);
    expect(finals.length).toBeGreaterThan(0);
    for (const line of [...drawn, ...finals]) expect(line.length, line).toBeLessThanOrEqual(29);
    expect(narrow.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(narrow.output.lastIndexOf('\x1b[?25l'));
    const failed = await cli.underPty(100, ['submit', sphere, ...login, '--mode', 'static', '--download', '/proc/frames']);
    expect(failed.exitCode).toBe(4);
    expect(count(failed.output, 'cannot be used'), failed.output).toBe(1);
    expect(failed.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(failed.output.lastIndexOf('\x1b[?25l'));
  });

  it('--quiet: the result alone, on a terminal too; an error is still printed', async () => {
    const r = await cli.run(['--quiet', 'submit', sphere, ...login, '--mode', 'static']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^task \d+ submitted$/); // execa strips the final newline
    const tty = await cli.underPty(100, ['-q', 'analyze', sphere, '--mode', 'static']);
    expect(tty.exitCode, tty.output).toBe(0);
    expect(tty.output).toMatch(/^job files in \S+$/); // no escape sequence: nothing was drawn
    const bad = await cli.run(['--quiet', 'download', '99999999', ...login]);
    expect(bad.exitCode).toBe(8);
    expect(bad.stderr).toMatch(/^rayvision: No task 99999999/);
  });

  it('under `script` from util-linux as well (a second pty implementation)', async () => {
    const hasScript = await execa('script', ['--version'], { reject: false });
    if (hasScript.exitCode !== 0) return;
    const r = await execa('script', ['-qec', `${process.execPath} ${cli.bundle} analyze ${sphere} --mode static`, '/dev/null'], {
      reject: false,
      env: { RAYVISION_SDK_HOME: cli.home, RAYVISION_PLUGINS_DIR: '' },
    });
    expect(r.exitCode, String(r.stdout)).toBe(0);
    expect(String(r.stdout)).toContain('\x1b[?25l'); // the bars hide the cursor while they are drawn
    expect(String(r.stdout).lastIndexOf('\x1b[?25h')).toBeGreaterThan(String(r.stdout).lastIndexOf('\x1b[?25l'));
    expect(String(r.stdout)).toContain('job files in');
  });
});
