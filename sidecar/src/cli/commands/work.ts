/**
 * The commands that run SDK work through the sidecar as jobs: analyze, check, upload, submit,
 * download. Each maps its flags to one protocol method and prints the job's result.
 */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ensureLogin, withLoginFlags, type LoginFlags } from '../login-flags';
import { runAction, setCurrentJob, type GlobalFlags } from '../run';
import { submitSettingsOf, withSubmitFlags } from '../submit-flags';

type Flags = LoginFlags & GlobalFlags & Record<string, any>;
const globals = (cmd: Command): Flags => cmd.optsWithGlobals() as Flags;
const paths = (dir: string) => ({
  taskJsonPath: path.join(dir, 'task.json'),
  tipsJsonPath: path.join(dir, 'tips.json'),
  assetJsonPath: path.join(dir, 'asset.json'),
  uploadJsonPath: path.join(dir, 'upload.json'),
});
const hardware = (spec?: string) => {
  if (!spec) return undefined;
  const [model, ram, gpuNum] = spec.split(',');
  return { model: model ?? 'Default', ram: ram ?? '64GB', gpuNum: gpuNum ? gpuNum : null };
};

/** `--priority`: an integer 0–100 (the farm's taskUserLevel), refused on the command line otherwise. */
const priority = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 100) throw new InvalidArgumentError('expected an integer from 0 to 100.');
  return n;
};

/** Registers analyze, check, upload, submit and download. */
export function registerWorkCommands(program: Command): void {
  program
    .command('analyze <scene>')
    .description('analyse a scene into task/asset/tips/upload json')
    .option('--mode <mode>', 'static | batch | auto', 'auto')
    .option('--host <host>', 'houdini | maya | clarisse (default: from the extension)')
    .option('--workspace <dir>', 'folder for the analysis output')
    .option('--software-version <v>', 'DCC version to render with')
    .action((scene: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        const r = await client.runJob(
          'analyze/scene',
          {
            scenePath: path.resolve(scene),
            mode: f.mode,
            ...(f.host ? { host: f.host } : {}),
            ...(f.workspace ? { workspace: path.resolve(f.workspace) } : {}),
            ...(f.softwareVersion ? { softwareVersion: f.softwareVersion } : {}),
          },
          (n) => out.note(n),
          setCurrentJob,
        );
        out.result(r, () => `job files in ${r.workspace}`);
      });
    });

  withLoginFlags(program.command('check <workspace>'))
    .description('check the job files of an analysis folder against the farm; prints the task id')
    .option('--hardware <model,ram,gpuNum>', 'hardware, e.g. Default,64GB')
    .option('--allow-incomplete', 'accept a scene the reader could not read completely (truncated or damaged)')
    .action((dir: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const p = paths(path.resolve(dir));
        const hw = hardware(f.hardware);
        const r = await client.runJob('check/run', { taskJsonPath: p.taskJsonPath, uploadJsonPath: p.uploadJsonPath, assetJsonPath: p.assetJsonPath, tipsJsonPath: p.tipsJsonPath, ...(hw ? { hardwareConfig: hw } : {}), ...(f.allowIncomplete ? { allowIncomplete: true } : {}) }, (n) => out.note(n), setCurrentJob);
        out.result(r, () => `task id ${r.taskId}`);
      });
    });

  withLoginFlags(program.command('upload <workspace>'))
    .description('upload the job files and assets of an analysis folder for a task')
    .requiredOption('--task-id <id>', 'the task id (from check)')
    .option('--max-speed <kbps>', 'rate limit in KB/s')
    .option('--engine <name>', 'http | transmitter | raysyncproxy')
    .action((dir: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const r = await client.runJob(
          'transfer/upload',
          { taskId: Number(f.taskId), ...paths(path.resolve(dir)), ...(f.maxSpeed ? { maxSpeed: Number(f.maxSpeed) } : {}), ...(f.engine ? { engineType: f.engine } : {}) },
          (n) => out.note(n),
          setCurrentJob,
        );
        out.result(r, () => `uploaded ${r.files} file(s), ${r.bytes} bytes`);
      });
    });

  withSubmitFlags(withLoginFlags(program.command('submit <scene>')))
    .description('analyse, check, upload and submit a scene (the whole flow)')
    .option('--mode <mode>', 'analysis mode: static | batch | auto', 'auto')
    .option('--hardware <model,ram,gpuNum>', 'hardware, e.g. Default,64GB')
    .option('--software-version <v>', 'DCC version to render with (as the farm names it)')
    .option('--priority <0-100>', 'task priority (the farm default is 50)', priority)
    .option('--download <dir>', 'wait for the frames and download them here')
    .option('--allow-incomplete', 'submit even if the scene could not be read completely (truncated or damaged)')
    .action((scene: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const hw = hardware(f.hardware);
        const r = await client.runJob(
          'submit/scene',
          {
            scenePath: path.resolve(scene),
            mode: f.mode,
            ...(hw ? { hardwareConfig: hw } : {}),
            ...(f.softwareVersion ? { softwareVersion: f.softwareVersion } : {}),
            ...(f.priority !== undefined ? { priority: f.priority } : {}),
            ...submitSettingsOf(f),
            ...(f.allowIncomplete ? { allowIncomplete: true } : {}),
            ...(f.download ? { download: { localPath: path.resolve(f.download), sleepTime: 1 } } : {}),
          },
          (n) => out.note(n),
          setCurrentJob,
        );
        out.result(r, () => [`task ${r.taskId} submitted`, ...r.paths.map((p: string) => `  ${p}`)].join('\n'));
      });
    });

  withLoginFlags(program.command('download <taskIds...>'))
    .description('download task outputs')
    .option('--mode <mode>', 'once | auto | afterCompleted', 'once')
    .option('--local-path <dir>', 'destination folder')
    .option('--sleep <seconds>', 'poll interval in auto modes', '10')
    .option('--flat', 'put files directly in the folder (no <task>_<scene> level)')
    .action((taskIds: string[], _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const r = await client.runJob(
          'download/start',
          {
            taskIds: taskIds.map(Number),
            mode: f.mode,
            sleepTime: Number(f.sleep),
            keepFolder: !f.flat,
            ...(f.localPath ? { localPath: path.resolve(f.localPath) } : {}),
          },
          (n) => out.note(n),
          setCurrentJob,
        );
        out.result(r, () => [`${r.files} file(s) in ${r.localPath}`, ...r.paths.map((p: string) => `  ${p}`)].join('\n'));
      });
    });
}
