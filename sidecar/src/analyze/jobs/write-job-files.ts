import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SceneFacts } from '../../../../protocol/src/scene';
import { convertPath, type WinMntMap } from '../../jobfiles/convert-path';
import { defaultTaskInfo } from '../../jobfiles/defaults';
import { writeAssetJson, writeTaskJson, writeTipsJson, writeUploadJson, addTip } from '../../jobfiles/write';
import { CG_IDS, type AssetJson, type TaskInfo, type TaskJson, type TipsJson, type UploadJson } from '../../jobfiles/types';
import { throwIfAborted } from '../../errors';
import { TIPS, missingFileCode } from '../tips-codes';
import { md5File } from './md5';
import type { PathMapRule } from '../resolve/path-map';
import { resolveReferences } from './resolve-references';
import { markProducedFiles } from './rop-order';
import { buildSceneInfo, houdiniTaskFlags } from './scene-info';
import { gpuNodes } from '../../jobfiles/gpu-nodes';

export interface JobFilesOptions {
  /** The scene file as the user gave it (local path). */
  cgFile: string;
  softwareVersion: string;
  projectName?: string | null;
  pluginConfig?: Record<string, string> | null;
  /** "Houdini", "Maya", "Clarisse" … (gives cg_id). */
  renderSoftware: string;
  localOs: 'windows' | 'linux';
  platform: string;
  /** Extra task_info values (Maya: render_layer_type, input_project_path). */
  taskInfo?: Partial<TaskInfo>;
  winMntMap?: WinMntMap;
  /** The user's path map (normalised rules), applied before the host's fallbacks. */
  pathMap?: readonly PathMapRule[];
  signal?: AbortSignal;
}

export interface JobFilePaths {
  taskJsonPath: string;
  assetJsonPath: string;
  tipsJsonPath: string;
  uploadJsonPath: string;
}

export interface JobFilesResult {
  paths: JobFilePaths;
  task: TaskJson;
  asset: AssetJson;
  tips: TipsJson;
  upload: UploadJson;
}

/** The four file paths inside an analysis folder. */
export function jobFilePaths(dir: string): JobFilePaths {
  return {
    taskJsonPath: path.join(dir, 'task.json'),
    assetJsonPath: path.join(dir, 'asset.json'),
    tipsJsonPath: path.join(dir, 'tips.json'),
    uploadJsonPath: path.join(dir, 'upload.json'),
  };
}

/** cg_id for a DCC name, case-insensitively (rayvision_utils CG_SETTING). */
export function cgIdOf(renderSoftware: string): string {
  const key = Object.keys(CG_IDS).find((k) => k.toLowerCase() === renderSoftware.toLowerCase());
  return key ? CG_IDS[key]! : '';
}

const two = (n: number): string => String(n).padStart(2, '0');
function formatMtime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** task.json from facts and options (a fresh task_info each time). */
export function buildTaskJson(facts: SceneFacts, options: JobFilesOptions): TaskJson {
  const taskInfo: TaskInfo = {
    ...defaultTaskInfo(),
    input_cg_file: options.cgFile.replace(/\\/g, '/'),
    project_name: options.projectName ?? '',
    cg_id: cgIdOf(options.renderSoftware),
    platform: options.platform,
    os_name: options.localOs === 'windows' ? '1' : '0',
    ...houdiniTaskFlags(facts),
    ...(options.taskInfo ?? {}),
  };
  const sceneInfo = buildSceneInfo(facts);
  const gpu = gpuNodes(facts);
  return {
    // Read by the check (a GPU scene on CPU-only hardware is refused) and by the dialog.
    ...(Object.keys(gpu).length ? { additional_info: { gpu_nodes: gpu } } : {}),
    task_info: taskInfo,
    software_config: {
      plugins: { ...(options.pluginConfig ?? facts.plugins ?? {}) },
      cg_version: options.softwareVersion,
      cg_name: options.renderSoftware,
    },
    scene_info: sceneInfo,
    scene_info_render: structuredClone(sceneInfo),
  };
}

/**
 * Facts → the four job files in `dir` (spec/api.md §7): task.json, asset.json (each needed file
 * once), tips.json (facts warnings + missing references + version mismatch), upload.json (the scene
 * with its md5, then every asset and the scene, with server paths). All written atomically.
 */
export async function writeJobFiles(analysed: SceneFacts, dir: string, options: JobFilesOptions): Promise<JobFilesResult> {
  const { signal } = options;
  const facts = markProducedFiles(analysed);
  const scenePath = path.resolve(options.cgFile);
  const resolved = await resolveReferences(facts, scenePath, { ...(options.pathMap ? { pathMap: options.pathMap } : {}), ...(signal ? { signal } : {}) });
  throwIfAborted(signal);
  const tips: TipsJson = resolved.tips;
  // Only numeric codes are tips; others (e.g. "info") are diagnostics kept in the facts. A host's own
  // missing-file warning for a reference the rules resolved is replaced by their verdict (found or not).
  const missingCode = missingFileCode(facts.host);
  const resolvedPlugs = new Set(facts.references.map((r) => `${r.node}\u0000${r.parm}`));
  const stale = (w: SceneFacts['warnings'][number]): boolean => w.code === missingCode && resolvedPlugs.has(`${w.node ?? ''}\u0000${w.parm ?? ''}`);
  for (const w of facts.warnings.filter((x) => /^\d+$/.test(x.code) && !stale(x))) {
    const where = [w.node && `node ${w.node}`, w.parm && `parm ${w.parm}`].filter(Boolean).join(', ');
    addTip(tips, w.code, where ? `${w.message} (${where})` : w.message);
  }
  const saved = facts.software.version;
  if (saved && options.softwareVersion && !versionsMatch(saved, options.softwareVersion)) {
    addTip(tips, TIPS.versionMismatch, `The scene was saved with ${facts.software.name} ${saved} but software_version is ${options.softwareVersion}.`);
  }
  const sceneKey = scenePath.replace(/\\/g, '/');
  const assets = resolved.assets.filter((a) => a.file.replace(/\\/g, '/') !== sceneKey);
  const asset: AssetJson = {
    asset: assets.map((a) => `${a.file.replace(/\\/g, '/')}  (mtime ${formatMtime(a.mtimeMs)}) size ${a.size}`),
    missing: resolved.missing,
    needed_by: Object.fromEntries(assets.map((a) => [a.file.replace(/\\/g, '/'), a.users])),
  };
  const local = options.cgFile.replace(/\\/g, '/');
  const sceneServer = convertPath(local, { winMntMap: options.winMntMap });
  const hash = await md5File(scenePath, signal);
  await stat(scenePath);
  const upload: UploadJson = {
    scene: [{ local, server: sceneServer, hash }],
    asset: [
      // a file found by a fallback goes where the scene names it, so the farm finds it as saved
      ...assets.flatMap((a) => a.farmPaths.map((p) => ({ local: a.file.replace(/\\/g, '/'), server: convertPath(p.replace(/\\/g, '/'), { winMntMap: options.winMntMap }) }))),
      { local, server: sceneServer },
    ],
  };
  const task = buildTaskJson(facts, options);
  const paths = jobFilePaths(dir);
  throwIfAborted(signal);
  await writeTaskJson(paths.taskJsonPath, task);
  await writeAssetJson(paths.assetJsonPath, asset);
  await writeTipsJson(paths.tipsJsonPath, tips);
  await writeUploadJson(paths.uploadJsonPath, upload);
  return { paths, task, asset, tips, upload };
}

/** "17.0.352" matches "17.0.352"; "2018" matches "2018.5"? no: only the same release or a prefix of it. */
function versionsMatch(saved: string, wanted: string): boolean {
  const a = saved.trim();
  const b = wanted.trim();
  return a === b || a.startsWith(b + '.') || b.startsWith(a + '.') || b.includes(a);
}
