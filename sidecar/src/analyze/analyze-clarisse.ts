import type { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeBase } from './analyze-base';
import type { AnalyseCallOptions, AnalyzeOptions } from './options';
import { clarisseFarmVersion } from './static/clarisse/farm-version';
import { readClarisseProject } from './static/clarisse/index';
import { TIPS } from './tips-codes';

/**
 * Analyses a Clarisse project (.project) into job files (rayvision_clarisse AnalyzeClarisse).
 * Batch mode runs Clarisse's own cnode with our script; the old SDK's Windows-only Analyze.exe is gone.
 */
export class AnalyzeClarisse extends AnalyzeBase {
  protected readonly host = 'clarisse' as const;
  private readonly versionGiven: boolean;

  constructor(options: AnalyzeOptions) {
    super(options, 'Clarisse');
    this.versionGiven = Boolean(options.softwareVersion);
  }

  protected override readStatic(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    return readClarisseProject(this.cgFile, { signal: options.signal });
  }

  /**
   * A project that records only "Clarisse 4" cannot say which release renders it, and the farm only
   * renders named releases: without a softwareVersion that is tip 15013, whose text says how to pass one,
   * so the check shows the fix beside the farm's list of releases.
   */
  protected override prepareFacts(facts: SceneFacts): SceneFacts {
    const saved = facts.software.version;
    if (this.versionGiven || !saved || clarisseFarmVersion(saved)) return facts;
    const message = `The project records only Clarisse ${saved}, not the release to render with: ` +
      'pass one of the farm\'s releases (e.g. clarisse_ifx_4.0_sp3) as softwareVersion, or --software-version on the command line.';
    return { ...facts, warnings: [...facts.warnings, { code: TIPS.versionMismatch, message }] };
  }
}
