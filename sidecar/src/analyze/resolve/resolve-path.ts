/**
 * One saved path → the files it means on this machine, by the host's rule list: variables
 * substituted, then each rule's candidates in order until one names existing files (a pattern
 * "exists" when at least one file matches). Records which rule found them and, for each file, the
 * path the farm will look for it under (the saved location for an absolute saved path).
 */
import path from 'node:path';
import type { ReferenceKind } from '../../../../protocol/src/scene';
import { matchOnDisk, type ListingCache } from '../tokens/match-disk';
import { referencePieces } from '../tokens/expand';
import { piecesToDisplay } from '../tokens/substitute';
import { formatPathForm, toSlashes } from './path-forms';
import type { Candidate, ResolveScope, Rule } from './rules';
import { literalSegment, makeSubject, type Subject } from './subject';

export interface FoundFile {
  /** Where the file is on this machine. */
  file: string;
  /** The path the scene names it by, for the server path (equals `file` unless an absolute saved path was found elsewhere). */
  farmPath: string;
}

export interface PathResolution {
  /** The saved path after substitution (`*` for patterns); relative ones as first tried. */
  display: string;
  files: FoundFile[];
  rule?: Rule;
  candidate?: Candidate;
  unresolved: string[];
  needsDcc: boolean;
  /** Why it was not looked up on disk (an unevaluated expression, a token in a folder name). */
  problem?: string;
  /** Candidates tried, in order (for a missing file's tip). */
  tried: string[];
}

/** The saved path with its last `kept` components taken from the found file. */
function farmPathOf(subject: Subject, candidate: Candidate, file: string): string {
  if (subject.form.kind === 'relative' || candidate.uploadAs === 'found') return file;
  const head = subject.tail.slice(0, subject.tail.length - candidate.kept).map(literalSegment);
  if (head.some((s) => s === undefined)) return file;
  const found = toSlashes(file).split('/');
  return formatPathForm({ ...subject.form, segments: [...(head as string[]), ...found.slice(found.length - candidate.kept)] });
}

export interface ResolvePathOptions {
  kind: ReferenceKind;
  /** Maya useFrameExtension: the last number varies. */
  sequence?: boolean;
  variables: Record<string, string>;
  scope: ResolveScope;
  rules: readonly Rule[];
  listings: ListingCache;
}

/** Resolves one saved path by the rule list. */
export async function resolvePath(raw: string, options: ResolvePathOptions): Promise<PathResolution> {
  const sub = referencePieces(raw, { variables: options.variables, sequence: options.sequence === true });
  const out: PathResolution = { display: sub.display, files: [], unresolved: sub.unresolved, needsDcc: sub.needsDcc, tried: [] };
  if (sub.problem) out.problem = sub.problem;
  if (sub.problem || sub.unresolved.length > 0 || sub.display.trim() === '') return out;
  const subject = makeSubject(sub.pieces, sub.display, options.kind);
  // a relative path the rules cannot find is shown where the DCC takes it without a search
  if (subject.form.kind === 'relative') out.display = path.join(options.scope.project?.root ?? options.scope.ownerDir, sub.display).replace(/\\/g, '/');
  for (const rule of options.rules) {
    for (const candidate of rule.candidates(subject, options.scope)) {
      const files = await matchOnDisk(candidate.pieces, options.scope.sceneDir, 100_000, options.listings);
      const shown = piecesToDisplay(candidate.pieces).replace(/\\/g, '/');
      if (files.length === 0) {
        out.tried.push(shown);
        continue;
      }
      out.files = files.map((file) => ({ file, farmPath: farmPathOf(subject, candidate, file) }));
      out.rule = rule;
      out.candidate = candidate;
      return out;
    }
  }
  return out;
}
