import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HostName, SceneFacts } from '../../../protocol/src/scene';
import { throwIfAborted } from '../errors';
import type { AssetJson, TaskInfo, TaskJson, TipsJson, UploadJson } from '../jobfiles/types';
import { writeTipsJson } from '../jobfiles/write';
import { findDccExe } from './batch/find-exe';
import { runBatchAnalysis } from './batch/run-batch';
import { AnalyseFailError, AnalyzeError, CGExeNotExistError, CGFileNotExistsError } from './errors';
import type { AnalyzeResult } from './intake';
import { jobFilePaths, writeJobFiles } from './jobs/write-job-files';
import { detectLocalOs, type AnalyseCallOptions, type AnalyzeOptions } from './options';
import { asReports } from './progress-relay';
import { withOcioConfig } from './ocio/ocio-config';
import { referenceReaderFor } from './reference-readers';
import { followReferences } from './resolve/follow-references';
import { normalizePathMap, type PathMapRule } from './resolve/path-map';
import { TIPS } from './tips-codes';
import { createAnalysisFolder, dropEmptyAnalysisFolder } from './workspace';

/**
 * What AnalyzeHoudini/Maya/Clarisse share (spec/analysis.md §1.0): validate inputs, make a fresh
 * analysis folder, get scene facts (static reader, DCC batch script), write the four job files.
 */
export abstract class AnalyzeBase {
  readonly cgFile: string;
  softwareVersion: string;
  readonly projectName: string | null;
  readonly pluginConfig: Record<string, string> | null;
  readonly renderSoftware: string;
  readonly localOs: 'windows' | 'linux';
  readonly workspace?: string;
  readonly customExePath?: string;
  readonly platform: string;
  /** The user's path map as rules (origin `user`). */
  readonly pathMap: PathMapRule[];
  /** Filled by `analyse()`: the job files as written, and the folder holding them. */
  taskInfo?: TaskJson;
  assetInfo?: AssetJson;
  tipsInfo?: TipsJson;
  uploadInfo?: UploadJson;
  jobDir?: string;
  facts?: SceneFacts;

  protected abstract readonly host: HostName;

  constructor(options: AnalyzeOptions, defaultRenderSoftware: string) {
    if (!options.cgFile || !existsSync(options.cgFile) || !statSync(options.cgFile).isFile()) {
      throw new CGFileNotExistsError(`The scene file ${options.cgFile} does not exist; check cgFile.`, { details: { file: options.cgFile, field: 'cgFile', fieldPhrase: 'cgFile' } });
    }
    if (options.customExePath && !existsSync(options.customExePath)) {
      throw new CGExeNotExistError(`customExePath ${options.customExePath} does not exist; fix it or leave it unset to search the usual install folders.`, {
        details: { exe: options.customExePath, field: 'customExePath', fieldPhrase: 'customExePath' },
      });
    }
    if (options.workspace && !existsSync(options.workspace)) {
      throw new CGFileNotExistsError(`The workspace folder ${options.workspace} does not exist; create it or leave workspace unset.`, {
        details: { workspace: options.workspace },
      });
    }
    this.cgFile = options.cgFile;
    this.softwareVersion = options.softwareVersion ?? '';
    this.projectName = options.projectName ?? null;
    this.pluginConfig = options.pluginConfig ?? null;
    this.renderSoftware = options.renderSoftware ?? defaultRenderSoftware;
    this.localOs = options.localOs ?? detectLocalOs();
    if (options.workspace) this.workspace = options.workspace;
    if (options.customExePath) this.customExePath = options.customExePath;
    this.platform = options.platform ?? '2';
    this.pathMap = normalizePathMap(options.pathMap);
  }


  /** Reads the scene with the TypeScript reader of its format. */
  protected abstract readStatic(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts>;

  /** Static facts; subclasses may cache them. */
  protected staticFacts(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    return this.readStatic(options);
  }

  /** Extra task_info values of the host (Maya: render_layer_type, input_project_path). */
  protected extraTaskInfo(): Partial<TaskInfo> {
    return {};
  }

  /** Adds what the options know to the facts before the job files are written (Maya: the project). */
  protected prepareFacts(facts: SceneFacts): SceneFacts {
    return facts;
  }

  /** The version used to find the DCC before the scene is read (Houdini sniffs the file). */
  protected async versionForSearch(): Promise<string> {
    return this.softwareVersion;
  }

  /** The interpreter to run: `exePath`, else customExePath, else the installed DCC; undefined if none. */
  async findExe(exePath?: string): Promise<string | undefined> {
    if (exePath) {
      if (!existsSync(exePath)) throw new CGExeNotExistError(`${exePath} does not exist; pass the DCC's interpreter.`, { details: { exe: exePath } });
      return exePath;
    }
    if (this.customExePath) return this.customExePath;
    return findDccExe({ host: this.host, version: await this.versionForSearch() });
  }

  /** The DCC name and version for messages ("Maya 2018"). */
  protected softwareLabel(): string {
    return `${this.renderSoftware} ${this.softwareVersion}`.trim();
  }

  /** Runs the DCC's batch analysis, or throws CGExeNotExistError (tip 15019 written) when none is installed. */
  private async batchFacts(exe: string | undefined, dir: string, call: AnalyseCallOptions, relay: AnalyseCallOptions['onProgress']): Promise<SceneFacts> {
    if (!exe) {
      await writeTipsJson(jobFilePaths(dir).tipsJsonPath, { [TIPS.cgNotExists]: [this.softwareLabel()] });
      throw new CGExeNotExistError(`${this.softwareLabel()} software of scene has not been found. Install it, set customExePath, or analyse with mode static.`, {
        details: { host: this.host, version: this.softwareVersion, field: 'exePath', fieldPhrase: 'customExePath', fields: [{ field: 'mode', fieldPhrase: 'mode static' }] },
      });
    }
    return runBatchAnalysis({ host: this.host, exe, scene: this.cgFile, outputDir: dir, signal: call.signal, onProgress: relay });
  }

  /**
   * `auto`: the static reader first; the DCC's batch analysis only when the static reader could not
   * read the file or left references that need the DCC (expressions), and a DCC is installed. A
   * failed batch run falls back to the static facts with a 999 tip.
   */
  private async autoFacts(dir: string, call: AnalyseCallOptions, relay: AnalyseCallOptions['onProgress']): Promise<SceneFacts> {
    let staticFacts: SceneFacts | undefined;
    let staticError: unknown;
    try {
      staticFacts = await this.staticFacts({ signal: call.signal, onProgress: relay });
    } catch (err) {
      if (!(err instanceof AnalyzeError)) throw err;
      staticError = err;
    }
    if (staticFacts && !staticFacts.references.some((r) => r.needsDcc)) return staticFacts;
    const exe = await this.findExe(call.exePath);
    if (!exe) {
      if (staticFacts) return staticFacts;
      throw staticError;
    }
    try {
      return await runBatchAnalysis({ host: this.host, exe, scene: this.cgFile, outputDir: dir, signal: call.signal, onProgress: relay });
    } catch (err) {
      if (!(err instanceof AnalyseFailError) || !staticFacts) throw err;
      const message = `The batch analysis with ${exe} failed, the static reader's results were used: ${err.message.split('\n')[0]}`;
      return { ...staticFacts, warnings: [...staticFacts.warnings, { code: TIPS.unknownError, message }] };
    }
  }

  /**
   * Analyses the scene and writes task/asset/tips/upload.json into a fresh folder.
   * mode `static`: TypeScript reader; `batch`: the DCC's interpreter (CGExeNotExistError when none);
   * `auto` (default): static, then batch when references need the DCC and one is installed.
   */
  async analyse(call: AnalyseCallOptions = {}): Promise<AnalyzeResult> {
    const { signal, onProgress } = call;
    const mode = call.mode ?? 'auto';
    throwIfAborted(signal);
    const dir = await createAnalysisFolder(this.workspace);
    this.jobDir = dir;
    onProgress?.({ kind: 'begin', title: `Analysing ${this.cgFile}`, stage: 'analyse', cancellable: true });
    try {
      const relay = asReports(onProgress, 'analyse');
      let facts =
        mode === 'static' ? await this.staticFacts({ signal, onProgress: relay })
          : mode === 'batch' ? await this.batchFacts(await this.findExe(call.exePath), dir, call, relay)
            : await this.autoFacts(dir, call, relay);
      facts = await followReferences(withOcioConfig(facts), path.resolve(this.cgFile), { read: referenceReaderFor(facts), pathMap: this.pathMap, ...(signal ? { signal } : {}) });
      facts = this.prepareFacts(facts);
      if (!this.softwareVersion && facts.software.version) this.softwareVersion = facts.software.version;
      this.facts = facts;
      const result = await writeJobFiles(facts, dir, {
        cgFile: this.cgFile,
        softwareVersion: this.softwareVersion,
        projectName: this.projectName,
        pluginConfig: this.pluginConfig,
        renderSoftware: this.renderSoftware,
        localOs: this.localOs,
        platform: this.platform,
        taskInfo: this.extraTaskInfo(),
        pathMap: this.pathMap,
        signal,
      });
      this.taskInfo = result.task;
      this.assetInfo = result.asset;
      this.tipsInfo = result.tips;
      this.uploadInfo = result.upload;
      onProgress?.({ kind: 'end', stage: 'analyse', message: 'done' });
      return { ...result.paths, workspace: dir, facts, task: result.task, asset: result.asset, tips: result.tips, upload: result.upload };
    } catch (err) {
      await dropEmptyAnalysisFolder(dir);
      onProgress?.({ kind: 'end', stage: 'analyse', message: 'failed' });
      throw err;
    }
  }
}
