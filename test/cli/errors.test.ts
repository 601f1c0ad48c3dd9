// The CLI as a TD scripts against it (issue 17), part 1: fail before the farm, errors as flags: the built bundle, real processes, the sidecar it
// starts, a local farm over HTTP, and a pseudo-terminal for what a terminal shows. Each case is
// one complaint from the issue: what failed late now fails before the farm is charged, errors name
// the flags of the command that was typed (and those flags exist), exit codes tell the truth, and
// the human output reads well piped and on odd terminals.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { builtCli, removeBundle, scenes, sphere, type BuiltCli } from './helpers/built-cli';

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
const taskTotal = async () => last((await cli.run(['--json', 'tasks', ...login])).stdout).result.total as number;
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Every `--flag` a message names must be an option of that command. */
async function flagsExist(command: string, message: string): Promise<void> {
  const help = (await cli.run([command, '--help'])).stdout;
  for (const flag of message.match(/--[a-z][a-z-]*/g) ?? []) expect(help, `${flag} named by: ${message}`).toContain(flag);
}

describe('fail before the farm is charged', () => {
  it('submit --download under a file or under /proc fails before createTask, once, naming --download', async () => {
    const file = path.join(cli.home, 'a-file');
    writeFileSync(file, 'x');
    const before = await taskTotal();
    for (const target of [path.join(file, 'frames'), '/proc/frames']) {
      const r = await cli.run(['submit', sphere, ...login, '--mode', 'static', '--download', target]);
      expect(r.exitCode, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/cannot be used .*; pass a writable folder as --download\./);
      expect(count(r.stderr, 'cannot be used'), r.stderr).toBe(1);
      await flagsExist('submit', r.stderr);
    }
    expect(await taskTotal()).toBe(before);
  });

  it('bad flag values are refused on the command line (exit 2), before the sidecar or the farm', async () => {
    const before = farm.requests.length;
    for (const args of [
      ['tasks', ...login, '--page-size', 'ten'],
      ['download', '12x', ...login],
      ['download', '1', ...login, '--sleep', '-1'],
      ['upload', cli.home, ...login, '--task-id', '1', '--max-speed', 'fast'],
      ['submit', sphere, ...login, '--hardware', ','],
      ['submit', sphere, ...login, '--mode', 'quick'],
    ]) {
      const r = await cli.run(args);
      expect(r.exitCode, `${args.join(' ')}\n${r.stderr}`).toBe(2);
    }
    expect(farm.requests.length).toBe(before);
  });
});

describe('errors in the words of the CLI', () => {
  it('the scene, the host, the interpreter and the software version are named as flags that exist', async () => {
    const odd = path.join(cli.home, 'shot.xyz');
    writeFileSync(odd, 'x');
    const cases: [string[], RegExp][] = [
      [['submit', path.join(cli.home, 'missing.hip'), ...login], /does not exist; check the <scene> argument\./],
      [['submit', odd, ...login], /pass --host \(houdini, maya or clarisse\)/],
      [['submit', sphere, ...login, '--mode', 'batch'], /set --exe, or analyse with --mode static\./],
      [['analyze', sphere, '--mode', 'batch'], /set --exe, or analyse with --mode static\./],
      [['submit', sphere, ...login, '--mode', 'static', '--software-version', '99.9'], /Set --software-version to one of them\./],
    ];
    for (const [args, expected] of cases) {
      const r = await cli.run(args);
      expect(r.exitCode, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/cgFile|customExePath|pass host|software_config\.cg_version in task\.json|localPath/);
      await flagsExist(args[0]!, r.stderr);
    }
  });

  it('a check failure is printed once, with a link for each solution page', async () => {
    const r = await cli.run(['submit', path.join(scenes, 'clarisse', 'spherix_demo.project'), ...login, '--mode', 'static']);
    expect(r.exitCode).toBe(4);
    expect(count(r.stderr, 'fix them and check again'), r.stderr).toBe(1);
    expect(r.stderr).toContain('https://www.renderbus.com/support-new/tips/15013');
    const json = await cli.run(['--json', 'submit', path.join(scenes, 'clarisse', 'spherix_demo.project'), ...login, '--mode', 'static']);
    const problems = last(json.stdout).error.data.details.problems as { solutionUrl?: string }[];
    expect(problems.some((p) => p.solutionUrl?.startsWith('https://'))).toBe(true);
  });
});

