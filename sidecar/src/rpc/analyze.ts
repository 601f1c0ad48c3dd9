/**
 * `analyze/*`: scene files through the analyze layer's Analyze* classes (as a job), and facts
 * computed inside a DCC through `intakeSceneFacts`.
 */
import path from 'node:path';
import type { z } from 'zod';
import { ErrorCodes } from '../../../protocol/src/index';
import type { HostName } from '../../../protocol/src/scene';
import type { scene } from '../../../protocol/src/analyze';
import type { ProgressListener } from '../../../protocol/src/index';
import { AnalyzeClarisse, AnalyzeHoudini, AnalyzeMaya, intakeSceneFacts, type AnalyzeResult } from '../analyze/index';
import type { PartialHandlers } from './dispatcher';
import { RpcException } from './rpc-errors';

const BY_EXTENSION: Record<string, HostName> = { '.hip': 'houdini', '.hiplc': 'houdini', '.hipnc': 'houdini', '.ma': 'maya', '.mb': 'maya', '.project': 'clarisse' };

/** The host of a scene: given, or from its extension. */
export function hostOf(scenePath: string, host?: HostName): HostName {
  const h = host ?? BY_EXTENSION[path.extname(scenePath).toLowerCase()];
  if (!h) {
    throw new RpcException(ErrorCodes.InvalidParams, `Cannot tell the DCC of ${path.basename(scenePath)} from its extension: pass host (houdini, maya or clarisse).`, {
      issues: [{ path: 'host', message: 'required for this file type' }],
      details: { field: 'host', fieldPhrase: 'host' },
    });
  }
  return h;
}

/** The analysis options' names as analyze/scene and submit/scene call them (errors speak of these). */
export const ANALYSIS_PARAM_NAMES = { cgFile: 'scenePath', customExePath: 'exePath', exePath: 'exePath' } as const;

/** The Analyze* / intakeSceneFacts options of analysis params (only the keys given). */
export function analysisOptions(p: z.output<typeof scene.params>) {
  return {
    cgFile: p.scenePath,
    ...(p.workspace ? { workspace: p.workspace } : {}),
    ...(p.softwareVersion ? { softwareVersion: p.softwareVersion } : {}),
    ...(p.projectName ? { projectName: p.projectName } : {}),
    ...(p.pluginConfig ? { pluginConfig: p.pluginConfig } : {}),
    ...(p.platform ? { platform: p.platform } : {}),
    ...(p.pathMap ? { pathMap: p.pathMap } : {}),
  };
}

/** Runs the Analyze* class of the scene's host (the SDK's public entry point for analysis). */
export async function analyzeScene(
  p: z.output<typeof scene.params>,
  call: { signal: AbortSignal; onProgress: ProgressListener },
): Promise<AnalyzeResult> {
  const options = analysisOptions(p);
  const host = hostOf(p.scenePath, p.host);
  const analyzer = host === 'houdini' ? new AnalyzeHoudini(options) : host === 'maya' ? new AnalyzeMaya(options) : new AnalyzeClarisse(options);
  return analyzer.analyse({ mode: p.mode, ...(p.exePath ? { exePath: p.exePath } : {}), ...call });
}

/** Keeps paths, facts and tips; the client reads the files by path when it needs them. */
export function analysisSummary(r: AnalyzeResult) {
  return {
    taskJsonPath: r.taskJsonPath,
    assetJsonPath: r.assetJsonPath,
    tipsJsonPath: r.tipsJsonPath,
    uploadJsonPath: r.uploadJsonPath,
    workspace: r.workspace,
    facts: r.facts,
    tips: r.tips as Record<string, unknown>,
  };
}

export const analyzeHandlers: PartialHandlers<'analyze/scene' | 'analyze/intake'> = {
  'analyze/scene': (p, { sidecar, conn }) => {
    hostOf(p.scenePath, p.host); // a bad file type is a params error, answered at once
    const jobId = sidecar.jobs.start('analyze/scene', conn, async (ctx) => analysisSummary(await analyzeScene(p, ctx)), ANALYSIS_PARAM_NAMES);
    return { jobId };
  },
  'analyze/intake': async (p) => {
    const { facts, ...options } = p;
    return analysisSummary(await intakeSceneFacts(facts, options));
  },
};
