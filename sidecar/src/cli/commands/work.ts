/**
 * The commands that run SDK work through the sidecar as jobs: analyze, check, upload, submit,
 * download. Each maps its flags to one protocol method and prints the job's result.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes';
import { hardware, kbps, pathMap, priority, seconds, taskId } from '../flag-values';
import { ensureLogin, withLoginFlags, type LoginFlags } from '../login-flags';
import { runResumable } from '../resume';
import { ReportedFailure, runAction, sayAttached, setCurrentJob, type GlobalFlags } from '../run';
import { submitSettingsOf, withSubmitFlags } from '../submit-flags';

type Flags = LoginFlags & GlobalFlags & Record<string, any>;
const globals = (cmd: Command): Flags => cmd.optsWithGlobals() as Flags;
const paths = (dir: string) => ({
  taskJsonPath: path.join(dir, 'task.json'),
  tipsJsonPath: path.join(dir, 'tips.json'),
  assetJsonPath: path.join(dir, 'asset.json'),
  uploadJsonPath: path.join(dir, 'upload.json'),
});
const HOSTS = ['houdini', 'maya', 'clarisse'] as const;
const MODES = ['static', 'batch', 'auto'] as const;

/** The RPC params these commands' errors may name (rpc field names) → the flag a user types. */
const ANALYZE_FLAGS = { scenePath: 'the <scene> argument', exePath: '--exe', mode: '--mode static', host: '--host', softwareVersion: '--software-version', workspace: '--workspace', pathMap: '--path-map' };
const PATH_MAP_HELP = 'map saved folders to folders here before the fallbacks: JSON {"D:/projects": "/mnt/projects"} or a .json file';
const SUBMIT_FLAGS = {
  ...ANALYZE_FLAGS, 'download.localPath': '--download', priority: '--priority', hardwareConfig: '--hardware',
  frames: '--frames', renderNodes: '--render', chunk: '--chunk', camera: '--camera', scout: '--scout',
  timeoutSeconds: '--timeout', overTimeStopSeconds: '--over-time-stop', assets: '--add-asset/--remove-asset',
};
const UPLOAD_FLAGS = { maxSpeed: '--max-speed', max_speed: '--max-speed', engine: '--engine', taskId: '--task-id' };
const DOWNLOAD_FLAGS = { localPath: '--local-path', maxSpeed: '--max-speed' };

/** Registers analyze, check, upload, submit and download. */
export function registerWorkCommands(program: Command): void {
  program
    .command('analyze <scene>')
    .description('analyse a scene into task/asset/tips/upload json')
    .addOption(new Option('--mode <mode>', 'static | batch | auto').choices(MODES).default('auto'))
    .addOption(new Option('--host <host>', 'the DCC (default: from the extension)').choices(HOSTS))
    .option('--exe <path>', 'batch mode: the DCC interpreter to run (hython, mayapy, cnode)')
    .option('--workspace <dir>', 'folder for the analysis output')
    .option('--software-version <v>', 'DCC version to render with')
    .option('--path-map <json|file>', PATH_MAP_HELP, pathMap)
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
            ...(f.exe ? { exePath: path.resolve(f.exe) } : {}),
            ...(f.pathMap ? { pathMap: f.pathMap } : {}),
          },
          (n) => out.note(n),
          setCurrentJob,
        );
        out.result(r, () => `job files in ${r.workspace}`);
      }, ANALYZE_FLAGS);
    });

  withLoginFlags(program.command('check <workspace>'))
    .description('check the job files of an analysis folder against the farm; prints the task id')
    .option('--hardware <model,ram,gpuNum>', 'hardware, e.g. Default,64GB', hardware)
    .option('--allow-incomplete', 'accept a scene the reader could not read completely (truncated or damaged)')
    .action((dir: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const p = paths(path.resolve(dir));
        const hw = f.hardware;
        const r = await client.runJob('check/run', { taskJsonPath: p.taskJsonPath, uploadJsonPath: p.uploadJsonPath, assetJsonPath: p.assetJsonPath, tipsJsonPath: p.tipsJsonPath, ...(hw ? { hardwareConfig: hw } : {}), ...(f.allowIncomplete ? { allowIncomplete: true } : {}) }, (n) => out.note(n), setCurrentJob);
        out.result(r, () => `task id ${r.taskId}`);
      });
    });

  withLoginFlags(program.command('upload <workspace>'))
    .description('upload the job files and assets of an analysis folder for a task')
    .requiredOption('--task-id <id>', 'the task id (from check)', taskId)
    .option('--max-speed <kbps>', 'rate limit in KB/s (0 = unlimited)', kbps)
    .addOption(new Option('--engine <name>', 'transfer engine').choices(['http', 'transmitter', 'aspera', 'raysyncproxy']))
    .action((dir: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const r = await client.runJob(
          'transfer/upload',
          { taskId: f.taskId, ...paths(path.resolve(dir)), ...(f.maxSpeed !== undefined ? { maxSpeed: f.maxSpeed } : {}), ...(f.engine ? { engineType: f.engine } : {}) },
          (n) => out.note(n),
          setCurrentJob,
          sayAttached,
        );
        out.result(r, () => `uploaded ${r.files} file(s), ${r.bytes} bytes`);
      }, UPLOAD_FLAGS, 'upload');
    });

  withSubmitFlags(withLoginFlags(program.command('submit <scene>')))
    .description('analyse, check, upload and submit a scene (the whole flow)')
    .addOption(new Option('--mode <mode>', 'analysis mode').choices(MODES).default('auto'))
    .addOption(new Option('--host <host>', 'the DCC (default: from the extension)').choices(HOSTS))
    .option('--exe <path>', 'batch analysis: the DCC interpreter to run (hython, mayapy, cnode)')
    .option('--hardware <model,ram,gpuNum>', 'hardware, e.g. Default,64GB', hardware)
    .option('--software-version <v>', 'DCC version to render with (as the farm names it)')
    .option('--priority <0-100>', 'task priority (the farm default is 50)', priority)
    .option('--download <dir>', 'wait for the frames and download them here')
    .option('--allow-incomplete', 'submit even if the scene could not be read completely (truncated or damaged)')
    .option('--path-map <json|file>', PATH_MAP_HELP, pathMap)
    .action((scene: string, _o, cmd: Command) => {
      const f = globals(cmd);
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const hw = f.hardware;
        const localPath = f.download ? path.resolve(f.download) : undefined;
        const { result: r, resumed } = await runResumable(client, out, f, {
          method: 'submit/scene',
          params: {
            scenePath: path.resolve(scene),
            mode: f.mode,
            ...(f.host ? { host: f.host } : {}),
            ...(f.exe ? { exePath: path.resolve(f.exe) } : {}),
            ...(hw ? { hardwareConfig: hw } : {}),
            // The task renders on --platform (a GPU machine lives on its own platform), also on the local farm.
            ...(f.platform ? { platform: String(f.platform) } : {}),
            ...(f.softwareVersion ? { softwareVersion: f.softwareVersion } : {}),
            ...(f.priority !== undefined ? { priority: f.priority } : {}),
            ...submitSettingsOf(f),
            ...(f.allowIncomplete ? { allowIncomplete: true } : {}),
            ...(f.pathMap ? { pathMap: f.pathMap } : {}),
            ...(localPath ? { download: { localPath, sleepTime: 1 } } : {}),
          },
          // Once the task is downloading, a fresh sidecar can follow it on the farm into the same folder.
          resumeWith: (taskId) => (localPath && taskId !== undefined ? { taskIds: [taskId], mode: 'auto', localPath, sleepTime: 1 } : undefined),
        });
        // After a restart the download's answer stands in for the lost submit job's.
        const shown = resumed ? { taskId: resumed.taskId, paths: r.paths, resumedAfterRestart: resumed } : r;
        out.result(shown, () => [`task ${shown.taskId} submitted${resumed ? ' (download resumed after a sidecar restart)' : ''}`, ...shown.paths.map((p: string) => `  ${p}`)].join('\n'));
      }, SUBMIT_FLAGS);
    });

  withLoginFlags(program.command('download <taskIds...>'))
    .description('download task outputs (exit 8: no such task, 9: nothing to download yet)')
    .addOption(new Option('--mode <mode>', 'download mode').choices(['once', 'auto', 'afterCompleted']).default('once'))
    .option('--local-path <dir>', 'destination folder')
    .option('--sleep <seconds>', 'poll interval in auto modes', seconds, 10)
    .option('--flat', 'put files directly in the folder (no <task>_<scene> level)')
    .action((taskIds: string[], _o, cmd: Command) => {
      const f = globals(cmd);
      // Refused on the command line, before any login or farm request.
      const ids = taskIds.map((t) => {
        try {
          return taskId(t);
        } catch (err) {
          return cmd.error(`error: argument '${t}': ${(err as Error).message}`, { exitCode: 2, code: 'commander.invalidArgument' });
        }
      });
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const params = {
          taskIds: ids,
          mode: f.mode,
          sleepTime: f.sleep,
          keepFolder: !f.flat,
          ...(f.localPath ? { localPath: path.resolve(f.localPath) } : {}),
        };
        // The same download again on a restarted sidecar: files already here are not fetched twice.
        const { result: r, resumed } = await runResumable(client, out, f, { method: 'download/start', params, resumeWith: () => params });
        if (resumed) r.resumedAfterRestart = resumed;
        if (r.files === 0 && !r.skipped) {
          // Asked for files and got none: a script must not take this for success.
          out.error({ message: `Nothing downloaded: task ${taskIds.join(', ')} has no output files yet (see \`rayvision tasks\`); run again when frames are done, or use --mode auto to wait for them.`, code: 'ERR_NOTHING_DOWNLOADED', data: r });
          throw new ReportedFailure(ExitCode.NothingDownloaded);
        }
        out.result(r, () => [`${r.files} file(s) in ${r.localPath}${r.skipped ? ` (${r.skipped} already here)` : ''}`, ...r.paths.map((p: string) => `  ${p}`)].join('\n'));
      }, DOWNLOAD_FLAGS, 'download');
    });
}
