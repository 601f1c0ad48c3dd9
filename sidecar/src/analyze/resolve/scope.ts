/**
 * What the rules need to know about a scene, made once per analysis: the host's rule list, the
 * Maya project, the maps (the scene's or session's own, then the user's), the Houdini search path,
 * and for each reference the folder of the file that names it.
 */
import path from 'node:path';
import type { FileReference, SceneFacts } from '../../../../protocol/src/scene';
import { CLARISSE_RULES } from './clarisse-rules';
import { HOUDINI_RULES, houdiniSearchVariables } from './houdini-rules';
import { MAYA_RULES } from './maya-rules';
import { findProjectRoot, loadMayaProject, type MayaProject } from './maya-workspace';
import { parseHoudiniPathmap, type PathMapRule } from './path-map';
import type { ResolveScope, Rule } from './rules';

/** The rule list of each host, in order. */
export const HOST_RULES: Readonly<Record<SceneFacts['host'], readonly Rule[]>> = {
  maya: MAYA_RULES,
  houdini: HOUDINI_RULES,
  clarisse: CLARISSE_RULES,
};

export interface ScopeOptions {
  /** The user's map (already normalised). */
  pathMap?: readonly PathMapRule[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** The Maya project root: the facts' PROJECT (inputProjectPath, the live workspace), else the nearest workspace.mel above the scene, else the scene's folder. */
export function mayaProjectRoot(facts: SceneFacts, scenePath: string): string {
  const v = facts.variables;
  const given = v.PROJECT ?? v.project ?? v.workspace;
  if (given && path.isAbsolute(given)) return path.resolve(given);
  return findProjectRoot(path.dirname(scenePath)) ?? path.dirname(scenePath);
}

/** Entries of a search-path variable; `&` (Houdini's default path) and `$HFS` entries are left out. */
function searchEntries(value: string | undefined, platform: NodeJS.Platform): string[] {
  if (!value) return [];
  const parts = platform === 'win32' ? value.split(';') : value.split(/[;:]/);
  return parts.map((p) => p.trim()).filter((p) => p && p !== '&' && !p.includes('$') && path.isAbsolute(p));
}

/** Makes the scope of each reference of one analysis. */
export class ScopeFactory {
  readonly rules: readonly Rule[];
  readonly sceneDir: string;
  readonly maps: PathMapRule[];
  private readonly project?: MayaProject;
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform;

  constructor(readonly facts: SceneFacts, scenePath: string, options: ScopeOptions = {}) {
    this.rules = HOST_RULES[facts.host];
    this.sceneDir = path.dirname(scenePath);
    this.env = options.env ?? process.env;
    this.platform = options.platform ?? process.platform;
    const own = [...(facts.pathMaps ?? [])];
    if (facts.host === 'houdini' && facts.source === 'static' && !own.some((r) => r.origin === 'HOUDINI_PATHMAP')) {
      own.push(...parseHoudiniPathmap(this.env.HOUDINI_PATHMAP));
    }
    this.maps = [...own, ...(options.pathMap ?? [])];
    if (facts.host === 'maya') this.project = loadMayaProject(mayaProjectRoot(facts, scenePath));
  }

  /** The scope of one reference. */
  scopeOf(ref: FileReference): ResolveScope {
    const owner = ref.definedIn && this.facts.host !== 'houdini' ? path.resolve(ref.definedIn) : undefined;
    const scope: ResolveScope = {
      host: this.facts.host,
      sceneDir: this.sceneDir,
      ownerDir: owner ? path.dirname(owner) : this.sceneDir,
      ownerLabel: owner ? path.basename(owner) : 'the scene',
      maps: this.maps,
      platform: this.platform,
    };
    if (this.project) scope.project = this.project;
    if (this.facts.host === 'houdini') {
      scope.searchPath = houdiniSearchVariables(ref.kind).flatMap((name) => searchEntries(this.env[name], this.platform));
    }
    return scope;
  }
}
