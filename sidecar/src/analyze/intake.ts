import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SceneFacts, type SceneFactsInput } from '../../../protocol/src/scene';
import type { ProgressListener } from '../../../protocol/src/progress';
import { throwIfAborted } from '../errors';
import { AnalyseFailError, CGFileNotExistsError } from './errors';
import { writeJobFiles, type JobFilePaths } from './jobs/write-job-files';
import { detectLocalOs, type AnalyzeOptions } from './options';
import { normalizePathMap } from './resolve/path-map';
import { followReferences } from './resolve/follow-references';
import { withOcioConfig } from './ocio/ocio-config';
import { referenceReaderFor } from './reference-readers';
import { createAnalysisFolder, dropEmptyAnalysisFolder } from './workspace';
import type { AssetJson, TaskJson, TipsJson, UploadJson } from '../jobfiles/types';

export interface AnalyzeResult extends JobFilePaths {
  /** The per-analysis folder holding the four files. */
  workspace: string;
  facts: SceneFacts;
  task: TaskJson;
  asset: AssetJson;
  tips: TipsJson;
  upload: UploadJson;
}

const SOFTWARE: Record<string, string> = { houdini: 'Houdini', maya: 'Maya', clarisse: 'Clarisse' };

/** Validates facts (zod) or throws AnalyseFailError naming the first problems. */
export function parseFacts(input: unknown): SceneFacts {
  const parsed = SceneFacts.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new AnalyseFailError(`The scene facts are not valid: ${issues}. Update the plugin or re-run the analysis.`, {
    details: { issues: parsed.error.issues.slice(0, 20) },
  });
}

export interface IntakeOptions extends Omit<AnalyzeOptions, 'cgFile'> {
  /** Defaults to facts.scenePath. */
  cgFile?: string;
  /** Extra task_info values (Maya: render_layer_type, input_project_path). */
  taskInfo?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/**
 * Facts (from a static reader, a batch script or a live DCC session) → the four job files in a fresh
 * analysis folder. The same path for every source, so the files never depend on who read the scene.
 */
export async function intakeSceneFacts(input: SceneFactsInput | unknown, options: IntakeOptions = {}): Promise<AnalyzeResult> {
  let facts = parseFacts(input);
  const pathMap = normalizePathMap(options.pathMap);
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  onProgress?.({ kind: 'begin', title: 'Writing job files', stage: 'jobfiles', files: { transferred: 0, total: 4 } });
  let dir: string | undefined;
  try {
    const cgFile = options.cgFile ?? facts.scenePath;
    // the scene is uploaded and hashed: it must be here, as for Analyze* (checked before any folder exists)
    if (!(await stat(cgFile).catch(() => undefined))?.isFile()) {
      throw new CGFileNotExistsError(`The scene file ${cgFile} does not exist on this machine; save the scene, or pass cgFile.`, { details: { file: cgFile, field: 'cgFile', fieldPhrase: 'cgFile' } });
    }
    facts = await followReferences(withOcioConfig(facts), path.resolve(cgFile), { read: referenceReaderFor(facts), pathMap, ...(signal ? { signal } : {}) });
    dir = await createAnalysisFolder(options.workspace);
    const result = await writeJobFiles(facts, dir, {
      cgFile,
      softwareVersion: options.softwareVersion ?? facts.software.version ?? '',
      projectName: options.projectName ?? null,
      pluginConfig: options.pluginConfig ?? null,
      renderSoftware: options.renderSoftware ?? SOFTWARE[facts.host]!,
      localOs: options.localOs ?? detectLocalOs(),
      platform: options.platform ?? '2',
      taskInfo: options.taskInfo,
      pathMap,
      signal,
    });
    onProgress?.({ kind: 'end', stage: 'jobfiles', files: { transferred: 4, total: 4 }, message: path.basename(dir) });
    return { ...result.paths, workspace: dir, facts, task: result.task, asset: result.asset, tips: result.tips, upload: result.upload };
  } catch (err) {
    if (dir) await dropEmptyAnalysisFolder(dir);
    onProgress?.({ kind: 'end', stage: 'jobfiles', message: 'failed' });
    throw err;
  }
}
