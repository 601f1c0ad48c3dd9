/**
 * A saved path after variable substitution, split the way the fallback rules need it: its root
 * (drive, UNC share, `/` or none) and the components after it, each a list of pattern pieces (a
 * UDIM or frame token stays a pattern inside its component).
 */
import type { ReferenceKind } from '../../../../protocol/src/scene';
import { splitSegments } from '../tokens/match-disk';
import type { Piece } from '../tokens/substitute';
import { parsePathForm, toSlashes, type PathForm } from './path-forms';

export interface Subject {
  pieces: Piece[];
  /** Forward slashes, `*` for each pattern: what tips show. */
  display: string;
  form: PathForm;
  /** Components after the root. */
  tail: Piece[][];
  kind: ReferenceKind;
}

const literalOf = (seg: Piece[]): string | undefined => (seg.every((p) => 'lit' in p) ? seg.map((p) => ('lit' in p ? p.lit : '')).join('') : undefined);

/** Builds the subject of substituted pieces. */
export function makeSubject(pieces: Piece[], display: string, kind: ReferenceKind): Subject {
  const head = pieces[0] && 'lit' in pieces[0] ? [{ lit: toSlashes(pieces[0].lit) }, ...pieces.slice(1)] : pieces;
  const form = parsePathForm(display);
  let segments = splitSegments(head).filter((s) => s.length > 0);
  if (form.kind === 'drive') segments = segments.slice(1);
  else if (form.kind === 'unc') segments = segments.slice(2);
  else if (form.kind === 'relative' && segments[0] && /^[A-Za-z]:/.test(literalOf(segments[0].slice(0, 1)) ?? '')) {
    // `C:x`: relative to drive C's current folder, which means nothing here: keep `x`
    const first = segments[0][0] as { lit: string };
    const rest = first.lit.slice(2);
    segments = [[...(rest ? [{ lit: rest }] : []), ...segments[0].slice(1)], ...segments.slice(1)].filter((s) => s.length > 0);
  }
  return { pieces: head, display, form, tail: segments, kind };
}

/** Pieces for `<dir>/<segments joined by />`. */
export function under(dir: string, segments: Piece[][]): Piece[] {
  const out: Piece[] = [{ lit: dir.replace(/[\\/]+$/, '') }];
  for (const seg of segments) out.push({ lit: '/' }, ...seg);
  return out;
}

/** The literal text of a component, or undefined when it holds a pattern. */
export function literalSegment(seg: Piece[]): string | undefined {
  return literalOf(seg);
}
