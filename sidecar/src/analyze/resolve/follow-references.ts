/**
 * References followed all the way down (static readers only; a DCC session has them loaded
 * already): every referenced scene the rules find is read with its host's reader, its own
 * references and textures join the facts with `definedIn` set to it (so they resolve from its
 * folder), to any depth, each file once, cycles safe. The reader chosen per file is the hook for
 * formats read later (HDA libraries, USD layers): a file no reader takes is uploaded, not opened.
 */
import path from 'node:path';
import type { FileReference, SceneFacts } from '../../../../protocol/src/scene';
import { throwIfAborted } from '../../errors';
import { AnalyzeError } from '../errors';
import { isOcioConfig } from '../ocio/ocio-config';
import { isMaterialX } from '../usd/mtlx-reader';
import { TIPS } from '../tips-codes';
import type { ListingCache } from '../tokens/match-disk';
import { referenceVariables, sceneVariables } from './scene-variables';
import type { PathMapRule } from './path-map';
import { resolvePath } from './resolve-path';
import { ScopeFactory } from './scope';

/** Reads one referenced file into facts, or undefined when this file type is not read. */
export type ReferenceReader = (file: string, signal?: AbortSignal) => Promise<SceneFacts> | undefined;

export interface FollowOptions {
  read: ReferenceReader;
  pathMap?: readonly PathMapRule[];
  signal?: AbortSignal;
  /** Stop after reading this many files (a runaway chain); default 10 000. */
  maxFiles?: number;
}

/** The same file whatever the spelling (case-insensitive where the OS is). */
const fileKey = (file: string): string => {
  const p = path.resolve(file);
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
};

/** The facts with the references of every referenced file found, read once each. */
export async function followReferences(facts: SceneFacts, scenePath: string, options: FollowOptions): Promise<SceneFacts> {
  const scopes = new ScopeFactory(facts, scenePath, options.pathMap ? { pathMap: options.pathMap } : {});
  const variables = sceneVariables(facts, scenePath);
  const listings: ListingCache = new Map();
  const visited = new Set([fileKey(scenePath)]);
  const references: FileReference[] = [...facts.references];
  const warnings = [...facts.warnings];
  const pathMaps = [...facts.pathMaps];
  const limit = options.maxFiles ?? 10_000;
  // Maya names a referenced file's nodes `<namespace>:<name>`, nested ones `<outer>:<inner>:<name>`
  const prefixOf = new Map<string, string>();
  let read = 0;
  for (let i = 0; i < references.length; i += 1) {
    throwIfAborted(options.signal);
    const ref = references[i]!;
    if (ref.kind !== 'scene_reference' && ref.kind !== 'hda' && ref.kind !== 'usd' && !isOcioConfig(ref.path) && !isMaterialX(ref.path)) continue;
    // a .ma repeats nested references at its top (`file -rdi 2 -rfn "char:propRN"`): their own parent
    // file, followed, names them with the right folder; the copy at the top is not followed
    if (isNestedCopy(facts, ref)) continue;
    const scope = scopes.scopeOf(ref);
    const r = await resolvePath(ref.path, {
      kind: ref.kind, variables: referenceVariables(ref, facts, scope.ownerDir, variables), scope, rules: scopes.rules, listings,
    });
    for (const { file } of r.files) {
      const key = fileKey(file);
      if (visited.has(key) || read >= limit) continue;
      const reading = options.read(file, options.signal);
      if (!reading) continue;
      visited.add(key);
      read += 1;
      let child: SceneFacts;
      try {
        child = await reading;
      } catch (err) {
        if (!(err instanceof AnalyzeError)) throw err;
        // no parm: this is not the reference's missing-file verdict (which the rules give), and stays a tip
        warnings.push({ code: TIPS.referenceMissing, node: ref.node, message: `Referenced file ${file} (attribute ${ref.parm}) could not be read, so its own references are not listed: ${err.message}` });
        continue;
      }
      const prefix = (ref.definedIn ? prefixOf.get(fileKey(ref.definedIn)) ?? '' : '') + (ref.namespace ? `${ref.namespace}:` : '');
      prefixOf.set(key, prefix);
      for (const c of child.references) references.push({ ...c, node: `${prefix}${c.node}`, definedIn: c.definedIn ?? file });
      for (const w of child.warnings) warnings.push({ ...w, message: `In ${path.basename(file)}: ${w.message}` });
      for (const m of child.pathMaps) {
        pathMaps.push(m);
        scopes.maps.push(m);
      }
    }
  }
  const followed = new Set(references.filter((r) => r.definedIn && r.kind === 'scene_reference').map((r) => r.node));
  const kept = references.filter((r) => !(isNestedCopy(facts, r) && followed.has(r.node)));
  return { ...facts, references: kept, warnings, pathMaps };
}

/** A Maya scene's own listing of a nested reference (its reference node is namespaced). */
function isNestedCopy(facts: SceneFacts, ref: FileReference): boolean {
  return facts.host === 'maya' && ref.kind === 'scene_reference' && !ref.definedIn && ref.node.includes(':');
}
