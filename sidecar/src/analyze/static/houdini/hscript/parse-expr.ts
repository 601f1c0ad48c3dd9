import { HscriptError } from './errors';

/**
 * A recursive-descent parser for HScript expressions (what sits between backticks, and channel
 * expressions): numbers, "double" (variables expand) and 'single' quoted strings, `$VAR`/`${VAR}`,
 * calls, unary - + !, and the binary operators by precedence || && (== != < > <= >=) (+ -) (* / %) ^.
 * Bounded: expressions over MAX_SOURCE characters or nested deeper than MAX_DEPTH are a 'limit' error.
 */
export type Ast =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string; expand: boolean }
  | { k: 'var'; name: string }
  | { k: 'call'; name: string; args: Ast[] }
  | { k: 'unary'; op: string; a: Ast }
  | { k: 'binary'; op: string; a: Ast; b: Ast };

export const MAX_SOURCE = 4096;
const MAX_DEPTH = 64;

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string; expand: boolean }
  | { t: 'var'; name: string }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'eof' };

const OPS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '^', '!', '(', ')', ','];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j += 1) {
        // \" \' \\ are escapes; any other backslash stays (Windows paths).
        if (src[j] === '\\' && (src[j + 1] === c || src[j + 1] === '\\')) j += 1;
        v += src[j];
      }
      if (j >= src.length) throw new HscriptError('syntax', `unclosed string in ${src}`);
      out.push({ t: 'str', v, expand: c === '"' });
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(src.slice(i, i + 260));
      if (!m) throw new HscriptError('syntax', `a lone $ in ${src}`);
      out.push({ t: 'var', name: (m[1] ?? m[2])! });
      i += m[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 260));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new HscriptError('syntax', `unexpected "${c}" in ${src}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'eof' });
  return out;
}

const LEVELS: string[][] = [['||'], ['&&'], ['==', '!=', '<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

/** Parses one expression; throws HscriptError ('syntax', 'limit', 'python'). */
export function parseExpr(src: string): Ast {
  if (src.length > MAX_SOURCE) throw new HscriptError('limit', `an expression of ${src.length} characters (limit ${MAX_SOURCE})`);
  // Outside string literals only: "tex/hou.png" is a file name, not Python.
  const code = src.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const py = /\b(python\w*)\s*\(/.exec(code);
  if (py) throw new HscriptError('python', `a Python expression (${py[1]}())`);
  if (/\bhou\s*\./.test(code)) throw new HscriptError('python', 'a Python expression (hou.*)');
  const toks = lex(src);
  let pos = 0;
  const peek = (): Tok => toks[pos]!;
  const isOp = (v: string): boolean => {
    const t = peek();
    return t.t === 'op' && t.v === v;
  };
  const expect = (v: string): void => {
    if (!isOp(v)) throw new HscriptError('syntax', `expected "${v}" in ${src}`);
    pos += 1;
  };
  const guard = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new HscriptError('limit', `an expression nested deeper than ${MAX_DEPTH} levels`);
  };

  const binary = (level: number, depth: number): Ast => {
    if (level === LEVELS.length) return unary(depth);
    let a = binary(level + 1, depth);
    // A chain a+b+c… is a tree as deep as it is long: it counts against the same bound.
    for (let t = peek(), chain = 1; t.t === 'op' && LEVELS[level]!.includes(t.v); t = peek(), chain += 1) {
      guard(depth + chain);
      pos += 1;
      a = { k: 'binary', op: t.v, a, b: binary(level + 1, depth + chain) };
    }
    return a;
  };
  const unary = (depth: number): Ast => {
    guard(depth);
    const t = peek();
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!')) {
      pos += 1;
      return { k: 'unary', op: t.v, a: unary(depth + 1) };
    }
    const a = primary(depth);
    if (isOp('^')) {
      pos += 1;
      return { k: 'binary', op: '^', a, b: unary(depth + 1) };
    }
    return a;
  };
  const primary = (depth: number): Ast => {
    const t = peek();
    pos += 1;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'str') return { k: 'str', v: t.v, expand: t.expand };
    if (t.t === 'var') return { k: 'var', name: t.name };
    if (t.t === 'op' && t.v === '(') {
      const a = binary(0, depth + 1);
      expect(')');
      return a;
    }
    if (t.t === 'id') {
      if (!isOp('(')) throw new HscriptError('unsupported', `the bare word "${t.v}" in ${src}`);
      pos += 1;
      const args: Ast[] = [];
      if (!isOp(')')) {
        for (;;) {
          args.push(binary(0, depth + 1));
          if (isOp(',')) {
            pos += 1;
            continue;
          }
          break;
        }
      }
      expect(')');
      return { k: 'call', name: t.v, args };
    }
    throw new HscriptError('syntax', `unexpected ${t.t === 'eof' ? 'end' : t.t === 'op' ? `"${t.v}"` : 'token'} in ${src}`);
  };

  const ast = binary(0, 0);
  if (peek().t !== 'eof') throw new HscriptError('syntax', `unexpected text after the expression in ${src}`);
  return ast;
}
