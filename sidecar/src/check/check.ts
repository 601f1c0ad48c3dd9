/**
 * `RayvisionCheck` (spec/api.md §5): validate the job files against the farm, pick the hardware,
 * resolve tips, then fill ids and write the files back. All problems are collected into one
 * `CheckFailedError` report (file, setting, what to do) before anything is created on the farm.
 * Differences from the old SDK: tips.json is read when no analyzer object is given; the hardware
 * fields are written even for an in-memory task; no task id is created when the check fails; a
 * missing default workspace is created; files are written even if they did not exist yet.
 */
import { existsSync } from 'node:fs';
import { ensurePrivateDir } from '../private-files';
import path from 'node:path';
import { readJsonFile, renderingNodes, writeJsonAtomic, type TaskJson } from '../jobfiles';
import { runPreflight, type PreflightCheck } from '../preflight/index';
import { sdkHome } from '../transfer/sdk-home';
import type { CheckApi } from './api-shape';
import { checkAssets } from './assets';
import { CheckError, CheckFailedError, issueOf, TaskInfoError, type CheckIssue } from './errors';
import { selectHardware, type FarmHardwareConfig, type HardwareRequest } from './hardware';
import { fillTaskIds, stringifyParams } from './task-ids';
import { resolveTips } from './tips';
import { checkPluginVersions, checkSoftwareVersion, softwareDetail } from './version-check';
import { gpuProblem } from './gpu-check';

type Json = Record<string, unknown>;

/**
 * What an analyzer hands over: its four file paths and, optionally, tips computed in memory. The
 * analyze layer's result (`taskJsonPath` …, `tips`) is accepted as it is.
 */
export interface CheckAnalyzer {
  taskJson?: string;
  tipsJson?: string;
  assetJson?: string;
  uploadJson?: string;
  tipsInfo?: Record<string, string[]>;
  taskJsonPath?: string;
  tipsJsonPath?: string;
  assetJsonPath?: string;
  uploadJsonPath?: string;
  tips?: Record<string, string[]>;
}

type Analyzer = Pick<CheckAnalyzer, 'taskJson' | 'tipsJson' | 'assetJson' | 'uploadJson' | 'tipsInfo'>;

function normaliseAnalyzer(a: CheckAnalyzer | undefined): Analyzer | undefined {
  if (!a) return undefined;
  const pick = <T>(x: T | undefined, y: T | undefined) => x ?? y;
  const out: Analyzer = {};
  const task = pick(a.taskJson, a.taskJsonPath);
  const tips = pick(a.tipsJson, a.tipsJsonPath);
  const asset = pick(a.assetJson, a.assetJsonPath);
  const upload = pick(a.uploadJson, a.uploadJsonPath);
  const info = pick(a.tipsInfo, a.tips);
  if (task) out.taskJson = task;
  if (tips) out.tipsJson = tips;
  if (asset) out.assetJson = asset;
  if (upload) out.uploadJson = upload;
  if (info) out.tipsInfo = info;
  return out;
}

export interface CheckExecuteOptions {
  hardwareConfig: HardwareRequest;
  /** task.json path, or the task object itself. */
  taskJson: string | Json;
  uploadJson?: string;
  assetJson?: string;
  tipsJson?: string;
  /** true: write into the task's folder; false: into a new `<workspace>/<unix seconds>/`. */
  isCover?: boolean;
  /**
   * Submit a scene whose read was incomplete (tips 15101–15107: truncated or damaged): the user accepted
   * it. Without it such a scene is refused with the damage listed.
   */
  allowIncomplete?: boolean;
  /** true: return the task id; false: `{ taskId, taskJson, issues }`. */
  onlyId?: boolean;
  /**
   * Local checks run before anything reaches the farm (preflight/): a job whose download folder,
   * transfer settings or assets cannot work fails here, before a task is created.
   */
  preflight?: PreflightCheck[];
  signal?: AbortSignal;
}

export interface CheckResult {
  taskId: number;
  taskJson: Json;
  /** Warnings (error-level issues throw). */
  issues: CheckIssue[];
  /** Where the four files were written. */
  paths: { task: string; tips: string; asset: string; upload: string };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const readOr = async (file: string | undefined, fallback: Json | null): Promise<Json | null> => (file && existsSync(file) ? ((await readJsonFile(file)) as Json) : fallback);

export class RayvisionCheck {
  readonly workspace: string;
  private readonly options: { analyze?: Analyzer };

  constructor(private readonly api: CheckApi, options: { analyze?: CheckAnalyzer; workspace?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.workspace = options.workspace ?? sdkHome(options.env ?? process.env);
    const analyze = normaliseAnalyzer(options.analyze);
    this.options = analyze ? { analyze } : {};
  }

  /** Run the check; returns the task id (or the full result when `onlyId` is false). */
  async execute(opts: CheckExecuteOptions & { onlyId: false }): Promise<CheckResult>;
  async execute(opts: CheckExecuteOptions): Promise<number>;
  async execute(opts: CheckExecuteOptions): Promise<number | CheckResult> {
    const { signal } = opts;
    const paths = this.resolvePaths(opts);
    const task = typeof opts.taskJson === 'string' ? ((await readJsonFile(opts.taskJson)) as Json) : structuredClone(opts.taskJson);
    const taskInfo = this.validateTask(task, paths.task);
    await runPreflight(opts.preflight ?? [], { signal });
    const sw = task.software_config as Json;
    const issues: CheckIssue[] = [];
    const capture = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof CheckError)) throw e;
        issues.push(issueOf(e, paths.task));
        return undefined;
      }
    };
    const uploadFile = opts.uploadJson || this.options.analyze?.uploadJson || paths.upload;
    const assetFile = opts.assetJson || this.options.analyze?.assetJson || paths.asset;
    // Local and first: a missing or changed asset must cost no farm request (issue 20).
    issues.push(...(await checkAssets({ uploadJson: existsSync(uploadFile) || opts.uploadJson ? uploadFile : undefined, assetJson: existsSync(assetFile) ? assetFile : undefined, signal })));
    const cg = { cgId: String(taskInfo.cg_id ?? ''), cgName: String(sw.cg_name ?? ''), cgVersion: String(sw.cg_version ?? '') };
    const plugins = isObject(sw.plugins) ? (sw.plugins as Record<string, string>) : {};
    const detail = await capture(() => softwareDetail(this.api, cg.cgId, signal));
    if (detail !== undefined) {
      await capture(() => checkSoftwareVersion(this.api, cg, signal, detail));
      issues.push(...checkPluginVersions(detail, plugins, paths.task));
    }
    const tipsFile = this.options.analyze?.tipsJson ?? opts.tipsJson ?? paths.tips;
    const tips = this.options.analyze?.tipsInfo ?? (await readOr(tipsFile, {})) ?? {};
    const configs = ((await this.api.user.getHardwareConfig(null, signal ? { signal } : {})) ?? []) as FarmHardwareConfig[];
    const hw = await capture(async () =>
      selectHardware({
        configs,
        request: opts.hardwareConfig,
        ...cg,
        plugins,
        tipCodes: Object.keys(tips),
        platform: String(taskInfo.platform || this.api.platform),
      }),
    );
    if (hw) await capture(async () => gpuProblem(task as TaskJson, renderingNodes(task as TaskJson), opts.hardwareConfig, configs));
    issues.push(...(await resolveTips(this.api, tips, tipsFile, signal, opts.allowIncomplete === true)));
    if (issues.some((i) => i.severity === 'error')) throw new CheckFailedError(issues);

    const taskId = await fillTaskIds(this.api, taskInfo, signal);
    Object.assign(taskInfo, { hardwareConfigId: hw!.hardwareConfigId, ram: hw!.ram, graphics_cards_num: hw!.graphicsCardsNum });
    stringifyParams(taskInfo);
    task.scene_info_render = isObject(task.scene_info_render) && Object.keys(task.scene_info_render).length ? task.scene_info_render : task.scene_info;
    const upload = await readOr(uploadFile, {});
    const asset = await readOr(assetFile, null);
    ensurePrivateDir(path.dirname(paths.task)); // a new folder in the SDK home is the user's only
    await writeJsonAtomic(paths.task, task);
    if (upload && Object.keys(upload).length) await writeJsonAtomic(paths.upload, upload);
    if (asset && Object.keys(asset).length) await writeJsonAtomic(paths.asset, asset);
    if (Object.keys(tips).length && (this.options.analyze?.tipsInfo || !existsSync(paths.tips))) await writeJsonAtomic(paths.tips, tips);
    return opts.onlyId === false ? { taskId, taskJson: task, issues, paths } : taskId;
  }

  private resolvePaths(opts: CheckExecuteOptions): CheckResult['paths'] {
    const a = this.options.analyze;
    if (a?.taskJson) {
      const dir = path.dirname(a.taskJson);
      return { task: a.taskJson, tips: a.tipsJson ?? path.join(dir, 'tips.json'), asset: a.assetJson ?? path.join(dir, 'asset.json'), upload: a.uploadJson ?? path.join(dir, 'upload.json') };
    }
    const base = typeof opts.taskJson === 'string' ? path.dirname(opts.taskJson) : this.workspace;
    const dir = opts.isCover === false ? path.join(this.workspace, String(Math.floor(Date.now() / 1000))) : base;
    const at = (n: string) => path.join(dir, n);
    return { task: at('task.json'), tips: opts.tipsJson && opts.isCover !== false ? opts.tipsJson : at('tips.json'), asset: at('asset.json'), upload: at('upload.json') };
  }

  /** The checks that need no farm: task_info, software_config and a scene section are present. */
  private validateTask(task: unknown, file: string): Json {
    if (!isObject(task) || !isObject(task.task_info) || Object.keys(task.task_info).length === 0) {
      throw new TaskInfoError(`task info can't be empty: ${file} needs a "task_info" object; re-run the analysis.`);
    }
    const sw = task.software_config;
    if (!isObject(sw) || !sw.cg_name || !sw.cg_version) {
      throw new TaskInfoError(`${file} needs software_config.cg_name and cg_version; re-run the analysis or fill them in.`, 1000000, 'software_config');
    }
    if (!isObject(task.scene_info_render) && !isObject(task.scene_info)) {
      throw new TaskInfoError(`${file} has neither scene_info_render nor scene_info; re-run the analysis.`, 1000000, 'scene_info_render');
    }
    return task.task_info;
  }
}
