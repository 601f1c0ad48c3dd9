import { HscriptError } from './errors';
import type { HscriptEvaluator } from './evaluator';
import { relativeNodePath, resolveNodePath } from './node-paths';
import type { Ast } from './parse-expr';
import { isFrame, isStr, str, text, toParts, type Part, type Value } from './values';

/**
 * The HScript functions a file path uses, evaluated statically. Arguments are evaluated lazily
 * (if/ifs evaluate one branch). Python functions and anything not listed are errors naming the
 * function: the value then needs the DCC.
 */
type Fn = (e: HscriptEvaluator, node: string, arg: (i: number) => Value, count: number) => Value;

const MAX_PAD = 32;

const int = (e: HscriptEvaluator, v: Value, what: string): number => {
  const n = e.numberOf(v, what);
  if (typeof n !== 'number') throw new HscriptError('frame', `${what} depends on the frame`);
  return Math.trunc(n);
};

const rounding = (f: (n: number) => number): Fn => (e, _node, arg) => {
  const n = e.numberOf(arg(0), 'the argument');
  return typeof n === 'number' ? f(n) : { kind: 'frame', float: false };
};

const numeric = (f: (...n: number[]) => number): Fn => (e, _node, arg, count) => {
  const ns = Array.from({ length: count }, (_, i) => {
    const n = e.numberOf(arg(i), `argument ${i + 1}`);
    if (typeof n !== 'number') throw new HscriptError('frame', `argument ${i + 1} depends on the frame`);
    return n;
  });
  return f(...ns);
};

/** padzero(width, value): the value as an integer padded with zeros; the frame becomes a padded frame token. */
const padzero: Fn = (e, _node, arg) => {
  const wv = arg(0);
  if (isFrame(wv)) throw new HscriptError('frame', "padzero's width depends on the frame (the form is padzero(4, $F))");
  const width = int(e, wv, "padzero's width");
  if (width < 0 || width > MAX_PAD) throw new HscriptError('limit', `padzero width ${width}`);
  const v = e.numberOf(arg(1), "padzero's value");
  if (typeof v !== 'number') return str({ frame: { pad: width, float: false } });
  const n = Math.trunc(v);
  return text((n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0'));
};

/** Replaces `from` by `to` in the known text of `s` (scene variables take their values first). */
const strreplace: Fn = (e, _node, arg) => {
  const from = e.textOf(arg(1), "strreplace's search text");
  const to = toParts(arg(2));
  const s = arg(0);
  if (!isStr(s)) return from ? text(e.textOf(s, "strreplace's text").split(from).join(e.textOf(str(...to), "strreplace's replacement"))) : s;
  if (!from) return s;
  const parts: Part[] = [];
  for (const p of s.parts) {
    // A variable keeps its name unless the search text is in its value ($HIP stays $HIP).
    const known = 'variable' in p ? e.scene.variable(p.variable) : undefined;
    const t = 'text' in p ? p.text : known?.includes(from) ? known : undefined;
    if (t === undefined) {
      parts.push(p);
      continue;
    }
    const pieces = t.split(from);
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push(...to);
      parts.push({ text: piece });
    });
  }
  return str(...parts);
};

const nodePathArg = (e: HscriptEvaluator, node: string, v: Value, what: string): string => e.nodeAt(node, e.textOf(v, what));

const FUNCTIONS: Record<string, Fn> = {
  chs: (e, node, arg) => e.reference(node, e.textOf(arg(0), "chs()'s parm path"), 'str').value,
  ch: (e, node, arg) => e.reference(node, e.textOf(arg(0), "ch()'s parm path"), 'num').value,
  chf: (e, node, arg) => e.reference(node, e.textOf(arg(0), "chf()'s parm path"), 'num').value,
  chsraw: (e, node, arg) => e.reference(node, e.textOf(arg(0), "chsraw()'s parm path"), 'raw').value,
  /** chsop: a parm holding a node path, made absolute from the node that holds the parm. */
  chsop: (e, node, arg) => {
    const { value, node: owner } = e.reference(node, e.textOf(arg(0), "chsop()'s parm path"), 'str');
    const path = e.textOf(value, 'the node path chsop() reads');
    if (path.trim() === '') return text('');
    const full = resolveNodePath(owner, path);
    if (full === undefined) throw new HscriptError('missing', `no node "${path}" from ${owner}`);
    return text(full);
  },
  padzero,
  strcat: (_e, _node, arg, count) => str(...Array.from({ length: count }, (_, i) => toParts(arg(i))).flat()),
  strreplace,
  strlen: (e, _node, arg) => e.textOf(arg(0), "strlen()'s text").length,
  substr: (e, _node, arg) => {
    const s = e.textOf(arg(0), "substr()'s text");
    const start = Math.max(0, int(e, arg(1), "substr()'s start"));
    return text(s.substr(start, Math.max(0, int(e, arg(2), "substr()'s length"))));
  },
  opname: (e, node, arg) => text(nodePathArg(e, node, arg(0), "opname()'s node").split('/').filter(Boolean).pop() ?? ''),
  opfullpath: (e, node, arg) => text(nodePathArg(e, node, arg(0), "opfullpath()'s node")),
  opinputpath: (e, node, arg) => {
    const target = nodePathArg(e, node, arg(0), "opinputpath()'s node");
    const index = int(e, arg(1), "opinputpath()'s input index");
    return text(index < 0 ? '' : e.scene.input(target, index));
  },
  oprelativepath: (e, node, arg) =>
    text(relativeNodePath(nodePathArg(e, node, arg(0), "oprelativepath()'s first node"), nodePathArg(e, node, arg(1), "oprelativepath()'s second node"))),
  strcmp: (e, _node, arg) => {
    const a = e.textOf(arg(0), "strcmp()'s first text");
    const b = e.textOf(arg(1), "strcmp()'s second text");
    return a === b ? 0 : a < b ? -1 : 1;
  },
  /** lock(v): a value the user locked; it is the value. */
  lock: (_e, _node, arg) => arg(0),
  if: (e, _node, arg) => (e.truth(arg(0), "if()'s condition") ? arg(1) : arg(2)),
  ifs: (e, _node, arg) => (e.truth(arg(0), "ifs()'s condition") ? arg(1) : arg(2)),
  int: rounding(Math.trunc),
  floor: rounding(Math.floor),
  ceil: rounding(Math.ceil),
  round: rounding(Math.round),
  abs: numeric(Math.abs),
  min: numeric(Math.min),
  max: numeric(Math.max),
  clamp: numeric((v, lo, hi) => Math.min(Math.max(v, lo), hi)),
};

/** How many arguments each function takes: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  chs: [1, 1], ch: [1, 1], chf: [1, 1], chsraw: [1, 1], chsop: [1, 1], padzero: [2, 2], strcat: [1, 16], strreplace: [3, 3],
  strlen: [1, 1], substr: [3, 3], opname: [1, 1], opfullpath: [1, 1], opinputpath: [2, 2], oprelativepath: [2, 2],
  strcmp: [2, 2], lock: [1, 1], if: [3, 3], ifs: [3, 3], int: [1, 1], floor: [1, 1], ceil: [1, 1], round: [1, 1], abs: [1, 1], min: [2, 2], max: [2, 2], clamp: [3, 3],
};

/** Calls a function by name; unknown and Python functions are typed errors. */
export function callFunction(e: HscriptEvaluator, node: string, name: string, args: Ast[]): Value {
  if (/^python/i.test(name)) throw new HscriptError('python', `a Python expression (${name}())`);
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) throw new HscriptError('unsupported', `the function ${name}() is not evaluated without Houdini`);
  const [lo, hi] = ARITY[name]!;
  if (args.length < lo || args.length > hi) throw new HscriptError('syntax', `${name}() takes ${lo === hi ? lo : `${lo}-${hi}`} arguments, not ${args.length}`);
  const values = new Map<number, Value>();
  const arg = (i: number): Value => {
    let v = values.get(i);
    if (v === undefined) {
      v = e.eval(node, args[i]!);
      values.set(i, v);
    }
    return v;
  };
  return fn(e, node, arg, args.length);
}
