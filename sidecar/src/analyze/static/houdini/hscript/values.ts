import { HscriptError } from './errors';

/**
 * Values of the static HScript evaluator. The frame is not known statically, so `$F`, `$FF` and
 * `$T` stay symbolic: a `Frame` number, and a frame part in strings, which the token grammar later
 * turns into a file-name pattern. Scene variables other than the node's own (`$OS`) stay symbolic
 * too (`$HIP`, `$JOB` …), so the result keeps following the scene wherever it is opened.
 */
export type Part = { text: string } | { variable: string } | { frame: { pad: number; float: boolean } };

/** A number that depends on the frame (any value of $F, $FF or $T, maybe transformed). */
export interface Frame {
  kind: 'frame';
  float: boolean;
}

export type Value = number | Frame | { kind: 'str'; parts: Part[] };

export const MAX_STRING = 8192;

export const str = (...parts: Part[]): Value => ({ kind: 'str', parts: mergeParts(parts) });
export const text = (s: string): Value => str({ text: s });
export const isStr = (v: Value): v is { kind: 'str'; parts: Part[] } => typeof v === 'object' && v.kind === 'str';
export const isFrame = (v: Value): v is Frame => typeof v === 'object' && v.kind === 'frame';

/** Joins neighbouring text parts; fails when the string grows past the evaluator's bound. */
export function mergeParts(parts: Part[]): Part[] {
  const out: Part[] = [];
  let length = 0;
  for (const p of parts) {
    if ('text' in p) {
      length += p.text.length;
      if (!p.text) continue;
      const last = out[out.length - 1];
      if (last && 'text' in last) {
        out[out.length - 1] = { text: last.text + p.text };
        continue;
      }
    } else length += 8;
    out.push(p);
  }
  if (length > MAX_STRING) throw new HscriptError('limit', `the value grows past ${MAX_STRING} characters`);
  return out;
}

/** Houdini's number → string: integers plain, other numbers with up to 6 significant digits. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new HscriptError('type', `the expression gives ${n}`);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

/** Any value as string parts (what a backtick expression inserts). */
export function toParts(v: Value): Part[] {
  if (typeof v === 'number') return [{ text: formatNumber(v) }];
  if (v.kind === 'frame') return [{ frame: { pad: 0, float: v.float } }];
  return v.parts;
}

const IDENT = /^[A-Za-z0-9_:]/;

function frameToken(pad: number, float: boolean): string {
  if (float) return 'FF';
  return pad > 1 ? `F${pad}` : 'F';
}

/**
 * String parts in the token grammar (tokens/tokenize.ts): variables and frames as `$NAME`, or
 * `${NAME}` where the next character would run into the name.
 */
export function toGrammar(parts: Part[]): string {
  let out = '';
  parts.forEach((p, i) => {
    if ('text' in p) {
      out += p.text;
      return;
    }
    const name = 'variable' in p ? p.variable : frameToken(p.frame.pad, p.frame.float);
    const next = parts[i + 1];
    const glued = next !== undefined && (!('text' in next) || IDENT.test(next.text));
    out += glued ? `\${${name}}` : `$${name}`;
  });
  return out;
}

/** The text of parts whose variables have values; frames or unknown variables are an error. */
export function concrete(parts: Part[], variable: (name: string) => string | undefined, what: string): string {
  let out = '';
  for (const p of parts) {
    if ('text' in p) out += p.text;
    else if ('frame' in p) throw new HscriptError('frame', `${what} depends on the frame`);
    else {
      const v = variable(p.variable);
      if (v === undefined) throw new HscriptError('missing', `variable $${p.variable} has no value (${what})`);
      out += v;
    }
  }
  return out;
}
