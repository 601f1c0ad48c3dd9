import { tokenize, type Token } from './tokenize';

/** A piece of a resolved reference: literal text, or a regular expression for a token. */
export type Piece = { lit: string } | { re: string };

export interface SubstituteContext {
  /** Scene variables ($HIP, $JOB, user `set -g` vars, $PDIR …); looked up before the environment. */
  variables: Record<string, string>;
  env?: Record<string, string | undefined>;
}

export interface Substituted {
  pieces: Piece[];
  /** Variables with no value anywhere. */
  unresolved: string[];
  hasFrame: boolean;
  hasTile: boolean;
  /** Holds an expression only a DCC can evaluate: such a reference is never matched on disk. */
  needsDcc: boolean;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function frameRe(token: Extract<Token, { kind: 'frame' }>): string {
  if (token.float) return '-?\\d+(?:\\.\\d+)?';
  return token.pad > 1 ? `-?\\d{${token.pad},}` : '-?\\d+';
}

const TILE_RE: Record<string, string> = {
  udim: '\\d{4}', uvtile: 'u\\d+_v\\d+', tile: '_u\\d+_v\\d+', u: '\\d+', v: '\\d+', U: '\\d+', V: '\\d+', mapid: '\\d+',
};

/** Houdini variable modifiers, applied left to right: r (drop extension), e (extension), t (tail), h (head). */
export function applyModifiers(value: string, modifiers: string): string {
  let v = value.replace(/\\/g, '/');
  for (const m of modifiers) {
    const slash = v.lastIndexOf('/');
    const dot = v.lastIndexOf('.');
    if (m === 'r') v = dot > slash ? v.slice(0, dot) : v;
    else if (m === 'e') v = dot > slash ? v.slice(dot + 1) : '';
    else if (m === 't') v = v.slice(slash + 1);
    else if (m === 'h') v = slash >= 0 ? v.slice(0, slash) : '';
  }
  return v;
}

function lookup(name: string, ctx: SubstituteContext): string | undefined {
  if (Object.prototype.hasOwnProperty.call(ctx.variables, name)) return ctx.variables[name];
  const env = ctx.env ?? process.env;
  return env[name];
}

/** Replaces variables (recursively, values may hold tokens) and turns frame/tile tokens into patterns. */
export function substitute(raw: string, ctx: SubstituteContext): Substituted {
  const out: Substituted = { pieces: [], unresolved: [], hasFrame: false, hasTile: false, needsDcc: false };
  const walk = (text: string, depth: number): void => {
    for (const token of tokenize(text)) {
      switch (token.kind) {
        case 'text':
          out.pieces.push({ lit: token.text });
          break;
        case 'var': {
          const value = depth < 8 ? lookup(token.name, ctx) : undefined;
          if (value === undefined) {
            if (!out.unresolved.includes(token.name)) out.unresolved.push(token.name);
            out.pieces.push({ lit: token.raw });
          } else walk(token.modifiers ? applyModifiers(value, token.modifiers) : value, depth + 1);
          break;
        }
        case 'frame':
          out.hasFrame = true;
          out.pieces.push({ re: frameRe(token) });
          break;
        case 'tile':
          out.hasTile = true;
          out.pieces.push({ re: TILE_RE[token.style]! });
          break;
        case 'wild':
          out.pieces.push({ re: '[^/]*' });
          break;
        case 'expr':
          // Never a wildcard: a backtick expression standing for "anything" swept whole folders.
          out.needsDcc = true;
          out.pieces.push({ lit: token.raw });
          break;
      }
    }
  };
  walk(raw, 0);
  return out;
}

/** Pieces → one display string, with `*` standing for each pattern (for tips and logs). */
export function piecesToDisplay(pieces: Piece[]): string {
  return pieces.map((p) => ('lit' in p ? p.lit : '*')).join('');
}

/** Pieces of one path segment → an anchored regex source. */
export function segmentRegex(pieces: Piece[]): string {
  return '^' + pieces.map((p) => ('lit' in p ? escapeRe(p.lit) : p.re)).join('') + '$';
}
