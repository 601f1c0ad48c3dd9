// The static HScript evaluator for Houdini file parms (docs/analysis.md, "HScript expressions").
export { HscriptEvaluator, MAX_HOPS, MAX_STEPS } from './evaluator';
export { HscriptError, type HscriptFailure } from './errors';
export { hasExpression } from './parm-string';
export type { ChannelInfo, HscriptScene, ParmSlot } from './scene';
export { toGrammar, type Value } from './values';
