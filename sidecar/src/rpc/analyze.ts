/**
 * `analyze/*`: scene files through the analyze layer's Analyze* classes (as a job), and facts
 * computed inside a DCC through `intakeSceneFacts`.
 */
import { intakeSceneFacts } from '../index';
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

/** Drops the in-memory file contents: the client reads files by path when it needs them. */
function summary(r: Awaited<ReturnType<typeof intakeSceneFacts>>) {
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
  'analyze/scene': () => {
    throw unsupported('analyze/scene (the Analyze* classes)');
  },
  'analyze/intake': async (p) => {
    const { facts, ...options } = p;
    return summary(await intakeSceneFacts(facts, options));
  },
};
