// Resolving paths of moved scenes: per-host rule lists, path maps, references followed all the way down.
export { MAYA_RULES } from './maya-rules';
export { HOUDINI_RULES } from './houdini-rules';
export { CLARISSE_RULES } from './clarisse-rules';
export { HOST_RULES, ScopeFactory, mayaProjectRoot } from './scope';
export { normalizePathMap, parseHoudiniPathmap, parseMayaDirmap, applyPathMap, type PathMapRule, type MappedPath } from './path-map';
export { parsePathForm, toSlashes, isAbsoluteAnyOs, type PathForm } from './path-forms';
export { resolvePath, type PathResolution, type FoundFile } from './resolve-path';
export { followReferences, type FollowOptions, type ReferenceReader } from './follow-references';
export { loadMayaProject, parseFileRules, type MayaProject } from './maya-workspace';
export type { Rule, Candidate, ResolveScope } from './rules';
