import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SceneFacts } from '../../../protocol/src/scene';
import type { TaskInfo } from '../jobfiles/types';
import { AnalyzeBase } from './analyze-base';
import { CGExeNotExistError, SceneFormatError } from './errors';
import type { AnalyseCallOptions, AnalyzeOptions } from './options';
import { readMayaAscii, readMayaBinary } from './static/maya/index';

export interface AnalyzeMayaOptions extends AnalyzeOptions {
  /** "0" legacy render layers, "1" Render Setup; copied to task_info. */
  renderLayerType?: '0' | '1';
  /** Maya project folder; copied to task_info.input_project_path. */
  inputProjectPath?: string;
}

/** Analyses a Maya scene (.ma/.mb) into job files (rayvision_maya AnalyzeMaya). */
export class AnalyzeMaya extends AnalyzeBase {
  protected readonly host = 'maya' as const;
  readonly renderLayerType: '0' | '1';
  readonly inputProjectPath: string;

  constructor(options: AnalyzeMayaOptions) {
    super(options, 'Maya');
    this.renderLayerType = options.renderLayerType ?? '0';
    this.inputProjectPath = options.inputProjectPath ?? '';
  }

  protected override readStatic(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    const ext = path.extname(this.cgFile).toLowerCase();
    if (ext === '.ma') return readMayaAscii(this.cgFile, { signal: options.signal });
    if (ext === '.mb') return readMayaBinary(this.cgFile, { signal: options.signal });
    throw new SceneFormatError(`${this.cgFile} is not a Maya scene (.ma or .mb).`, { details: { file: this.cgFile } });
  }

  /**
   * The batch script runs in mayapy; a `maya`/`mayabatch` path (what the old SDK used) is replaced
   * by the mayapy next to it.
   */
  override async findExe(exePath?: string): Promise<string | undefined> {
    const exe = await super.findExe(exePath);
    if (!exe || !/^maya(batch)?(\.exe)?$/i.test(path.basename(exe))) return exe;
    const mayapy = path.join(path.dirname(exe), process.platform === 'win32' || exe.toLowerCase().endsWith('.exe') ? 'mayapy.exe' : 'mayapy');
    if (existsSync(mayapy)) return mayapy;
    throw new CGExeNotExistError(`Batch analysis needs mayapy, and there is none next to ${exe}; pass the mayapy path.`, { details: { exe } });
  }

  /** Relative references resolve against inputProjectPath when given. */
  protected override prepareFacts(facts: SceneFacts): SceneFacts {
    if (!this.inputProjectPath || facts.variables.PROJECT) return facts;
    return { ...facts, variables: { ...facts.variables, PROJECT: path.resolve(this.inputProjectPath) } };
  }

  protected override extraTaskInfo(): Partial<TaskInfo> {
    return { render_layer_type: this.renderLayerType, input_project_path: this.inputProjectPath.replace(/\\/g, '/') };
  }
}
