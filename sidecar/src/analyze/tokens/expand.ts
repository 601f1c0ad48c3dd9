import path from 'node:path';
import { isAbsoluteLike, matchOnDisk, splitSegments, type ListingCache } from './match-disk';
import { piecesToDisplay, substitute, type Piece, type SubstituteContext } from './substitute';

export interface ExpandContext extends SubstituteContext {
  /** Folder that relative references resolve against (Houdini $HIP, Maya project, Clarisse $PDIR). */
  baseDir: string;
  /** The reference names a sequence without a token (Maya useFrameExtension): the last number varies. */
  sequence?: boolean;
  /** Share directory listings across references (one analysis). */
  listings?: ListingCache;
}

export interface ExpandedReference {
  raw: string;
  /** The reference after variable substitution, `*` for each token: what tips show. */
  display: string;
  /** Existing files it names (absolute, sorted). */
  files: string[];
  unresolved: string[];
  pattern: boolean;
  needsDcc: boolean;
  /** Why the reference was not looked up on disk (an unevaluated expression, a token in a folder name). */
  problem?: string;
}

/** True when a token sits in a folder name: only the file name of a pattern may vary. */
function tokenInFolder(pieces: Piece[]): boolean {
  const segments = splitSegments(pieces);
  return segments.slice(0, -1).some((seg) => seg.some((p) => 're' in p));
}

/** Turns the last `<digits>.` group of a literal path into a frame pattern (the 2020 sequence rule). */
function numberToFrame(pieces: Piece[]): Piece[] {
  for (let i = pieces.length - 1; i >= 0; i -= 1) {
    const p = pieces[i]!;
    if (!('lit' in p)) continue;
    const slash = Math.max(p.lit.lastIndexOf('/'), p.lit.lastIndexOf('\\'));
    const name = p.lit.slice(slash + 1);
    const m = /^(.*?)(\d+)(\.[^\d]*)$/.exec(name);
    if (!m) return pieces;
    const prefix = p.lit.slice(0, slash + 1) + m[1]!;
    return [...pieces.slice(0, i), { lit: prefix }, { re: `\\d{${m[2]!.length}}` }, { lit: m[3]! }, ...pieces.slice(i + 1)];
  }
  return pieces;
}

/** A raw reference after variable substitution: pattern pieces, what tips show, and why it cannot be looked up. */
export interface ReferencePieces {
  pieces: Piece[];
  display: string;
  unresolved: string[];
  pattern: boolean;
  needsDcc: boolean;
  /** Set when the reference must not be looked up on disk (an unevaluated expression, a token in a folder name). */
  problem?: string;
}

/** Substitutes variables and turns tokens (and, for `sequence`, the last number) into patterns. */
export function referencePieces(raw: string, ctx: SubstituteContext & { sequence?: boolean }): ReferencePieces {
  const sub = substitute(raw.trim(), ctx);
  let pieces = sub.pieces;
  let pattern = sub.hasFrame || sub.hasTile;
  if (ctx.sequence && !sub.hasFrame) {
    const withFrame = numberToFrame(pieces);
    pattern = pattern || withFrame !== pieces;
    pieces = withFrame;
  }
  const display = piecesToDisplay(pieces).replace(/\\/g, '/');
  const out: ReferencePieces = { pieces, display, unresolved: sub.unresolved, pattern, needsDcc: sub.needsDcc };
  if (sub.needsDcc) out.problem = 'expression needs the DCC to evaluate';
  else if (tokenInFolder(pieces)) out.problem = 'a frame or tile token sits in a folder name: only the file name of a sequence may vary';
  return out;
}

/**
 * Expands one raw reference to the files that exist: variables from the scene then the environment,
 * frame and tile tokens matched against directory listings, relative paths against `baseDir`.
 * A pattern matches only its tokenised file name in its own folder; a value without a token names
 * one file; a value holding an expression nobody evaluated is never looked up (no folder sweeps).
 */
export async function expandReference(raw: string, ctx: ExpandContext): Promise<ExpandedReference> {
  const { pieces, display, unresolved, pattern, needsDcc, problem } = referencePieces(raw, ctx);
  const result: ExpandedReference = { raw, display, files: [], unresolved, pattern, needsDcc };
  if (problem && needsDcc) return { ...result, problem };
  if (unresolved.length > 0 || display.trim() === '') return result;
  if (problem) return { ...result, problem };
  const absolute = isAbsoluteLike(display);
  result.files = await matchOnDisk(pieces, ctx.baseDir, 100_000, ctx.listings);
  if (!absolute) result.display = path.join(ctx.baseDir, display).replace(/\\/g, '/');
  return result;
}
