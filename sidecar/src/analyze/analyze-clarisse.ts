import type { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeBase } from './analyze-base';
import type { AnalyseCallOptions, AnalyzeOptions } from './options';
import { readClarisseProject } from './static/clarisse/index';

/**
 * Analyses a Clarisse project (.project) into job files (rayvision_clarisse AnalyzeClarisse).
 * Batch mode runs Clarisse's own cnode with our script; the old SDK's Windows-only Analyze.exe is gone.
 */
export class AnalyzeClarisse extends AnalyzeBase {
  protected readonly host = 'clarisse' as const;

  constructor(options: AnalyzeOptions) {
    super(options, 'Clarisse');
  }

  protected override readStatic(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    return readClarisseProject(this.cgFile, { signal: options.signal });
  }
}
