import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileReference, SceneFacts } from '../../../../protocol/src/scene';
import { addTip } from '../../jobfiles/write';
import type { TipsJson } from '../../jobfiles/types';
import { TIPS, missingFileCode } from '../tips-codes';
import type { PathMapRule } from '../resolve/path-map';
import { resolvePath, type PathResolution } from '../resolve/resolve-path';
import { mayaProjectRoot, ScopeFactory } from '../resolve/scope';
import { siblingFarmPath, textureSiblings } from './texture-siblings';
import { referenceVariables, sceneVariables } from '../resolve/scene-variables';

export { sceneVariables };
import type { ListingCache } from '../tokens';

export interface ResolvedAsset {
  /** Absolute local path (as the file system returned it): what is uploaded. */
  file: string;
  /**
   * The paths the scene names the file by; their server paths are where the farm looks (just `file`
   * unless found by a fallback; two saved paths found as one file give two).
   */
  farmPaths: string[];
  size: number;
  mtimeMs: number;
  /** The nodes and parameters that reference it (for the check's report when it goes missing). */
  users: { node: string; parm: string }[];
}

export interface ResolvedReferences {
  /** Each needed file once, in the order first referenced. */
  assets: ResolvedAsset[];
  /** Display form of each reference that named no existing file. */
  missing: string[];
  tips: TipsJson;
}

export interface ResolveReferencesOptions {
  /** The user's path map (normalised), applied with the scene's own maps before the fallbacks. */
  pathMap?: readonly PathMapRule[];
  signal?: AbortSignal;
}

/** Folder relative references resolve against first: the Maya project (see mayaProjectRoot), else the scene's folder. */
export function baseDirOf(facts: SceneFacts, scenePath: string): string {
  return facts.host === 'maya' ? mayaProjectRoot(facts, scenePath) : path.dirname(scenePath);
}

const where = (facts: SceneFacts, ref: FileReference): string => {
  const inFile = ref.definedIn ? `, in ${ref.definedIn.replace(/\\/g, '/')}` : '';
  return facts.host === 'houdini' ? `(node ${ref.node}, parm ${ref.parm}${inFile})` : `(node ${ref.node}, attribute ${ref.parm}${inFile})`;
};

function missingMessage(facts: SceneFacts, ref: FileReference, shown: string, why: string): string {
  if (facts.host === 'houdini') {
    const inFile = ref.definedIn ? `  In: ${ref.definedIn.replace(/\\/g, '/')}` : '';
    return `Nodes: ${ref.node}  Parm: ${ref.parm}  File name: ${ref.path}  miss file: ${shown}${inFile}${why ? `  (${why})` : ''}`;
  }
  const inFile = ref.definedIn ? `, in ${ref.definedIn.replace(/\\/g, '/')}` : '';
  return `Reference file not found: ${shown} (node ${ref.node}, attribute ${ref.parm}, raw ${ref.path}${inFile})${why ? ` (${why})` : ''}`;
}

function foundMessage(facts: SceneFacts, ref: FileReference, r: PathResolution): string {
  const first = r.files[0]!.file.replace(/\\/g, '/');
  const more = r.files.length > 1 ? ` and ${r.files.length - 1} more file(s) of the pattern` : '';
  const mapped = r.candidate!.uploadAs === 'found' ? 'where it was found' : 'the saved path';
  return `Found by ${r.candidate!.how} (rule ${r.rule!.id}): ${ref.path} is not at its saved path; ${first}${more} is uploaded and mapped to ${mapped} ${where(facts, ref)}. ` +
    'Repath it in the scene so it no longer depends on this fallback.';
}

/** Resolves one reference: the raw path by the host's rules, then the DCC's evaluated value. */
async function resolveOne(ref: FileReference, facts: SceneFacts, scopes: ScopeFactory, variables: Record<string, string>, listings: ListingCache): Promise<PathResolution> {
  const scope = scopes.scopeOf(ref);
  const vars = referenceVariables(ref, facts, scope.ownerDir, variables);
  const options = { kind: ref.kind, sequence: ref.sequence === true, variables: vars, scope, rules: scopes.rules, listings };
  const first = await resolvePath(ref.path, options);
  if (first.files.length > 0 || !ref.evaluated) return first;
  const evaluated = await resolvePath(ref.evaluated, options);
  // An expression the reader evaluated: its value is what is missing, not the expression.
  return evaluated.files.length > 0 || first.needsDcc ? evaluated : first;
}

/** The tip of a reference whose value only the DCC can work out (the static reader said why). */
function needsDccMessage(facts: SceneFacts, ref: FileReference): string {
  const what = `the expression needs the DCC: ${ref.dccReason}; analyse with mode "batch" where ${facts.software.name || 'the DCC'} is installed`;
  if (facts.host === 'houdini') return `Nodes: ${ref.node}  Parm: ${ref.parm}  File name: ${ref.path}  ${what}`;
  return `Reference not resolved: ${ref.path} (node ${ref.node}, attribute ${ref.parm}): ${what}`;
}

/**
 * Resolves every reference of the facts by its host's rule list (resolve/): the files found become
 * assets (each once, uploaded from where they were found, mapped to the path the scene names them
 * by), a file found by a fallback or map gets a tip naming the rule, and the rest become
 * missing-file tips with node and parm.
 */
export async function resolveReferences(facts: SceneFacts, scenePath: string, options: ResolveReferencesOptions | AbortSignal = {}): Promise<ResolvedReferences> {
  const opts: ResolveReferencesOptions = options instanceof AbortSignal ? { signal: options } : options;
  const scopes = new ScopeFactory(facts, scenePath, { ...(opts.pathMap ? { pathMap: opts.pathMap } : {}) });
  const variables = sceneVariables(facts, scenePath);
  const seen = new Map<string, ResolvedAsset>();
  const out: ResolvedReferences = { assets: [], missing: [], tips: {} };
  const code = missingFileCode(facts.host);
  const listings: ListingCache = new Map();
  for (const ref of facts.references) {
    if (opts.signal?.aborted) break;
    // A ROP of the render's graph writes it on the farm first: nothing to upload, nothing missing.
    if (ref.producedBy) continue;
    if (ref.needsDcc && ref.dccReason) {
      // Never guessed on disk: a value standing for "anything" would sweep the folder.
      addTip(out.tips, code, needsDccMessage(facts, ref));
      continue;
    }
    const r = await resolveOne(ref, facts, scopes, variables, listings);
    if (r.files.length === 0) {
      const why = r.unresolved.length
        ? `variable ${r.unresolved.map((v) => '$' + v).join(', ')} has no value`
        : r.problem ?? (ref.needsDcc ? 'expression needs the DCC to evaluate'
          : r.tried.length > 1 ? `looked for ${r.tried.length} places, e.g. ${r.tried.slice(0, 3).join(', ')}` : '');
      if (!out.missing.includes(r.display)) out.missing.push(r.display);
      addTip(out.tips, code, missingMessage(facts, ref, r.display, why));
      continue;
    }
    if (r.candidate?.fallback) addTip(out.tips, TIPS.foundByFallback, foundMessage(facts, ref, r));
    for (const { file, farmPath } of r.files) {
      const key = file.replace(/\\/g, '/');
      const known = seen.get(key);
      if (known) {
        if (!known.farmPaths.includes(farmPath)) known.farmPaths.push(farmPath);
        if (!known.users.some((u) => u.node === ref.node && u.parm === ref.parm)) known.users.push({ node: ref.node, parm: ref.parm });
        continue;
      }
      const info = await stat(file).catch(() => undefined);
      const readable = info ? await access(file, constants.R_OK).then(() => true, () => false) : false;
      if (!info || !readable) {
        addTip(out.tips, code, missingMessage(facts, ref, key, info ? 'the file cannot be read: check its permissions' : 'the file vanished while analysing'));
        continue;
      }
      const asset: ResolvedAsset = { file, farmPaths: [farmPath], size: info.size, mtimeMs: info.mtimeMs, users: [{ node: ref.node, parm: ref.parm }] };
      seen.set(key, asset);
      out.assets.push(asset);
      for (const sibling of await textureSiblings(file, listings)) {
        const skey = sibling.replace(/\\/g, '/');
        const sinfo = seen.has(skey) ? undefined : await stat(sibling).catch(() => undefined);
        if (!sinfo?.isFile()) continue;
        const converted: ResolvedAsset = { file: sibling, farmPaths: [siblingFarmPath(farmPath, sibling)], size: sinfo.size, mtimeMs: sinfo.mtimeMs, users: [{ node: ref.node, parm: `${ref.parm} (converted texture)` }] };
        seen.set(skey, converted);
        out.assets.push(converted);
      }
    }
  }
  return out;
}
