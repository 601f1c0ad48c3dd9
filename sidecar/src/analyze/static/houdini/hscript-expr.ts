/**
 * Evaluates the few channel expressions a static reader can: numbers, `$FSTART`, `$FEND`,
 * `$RFSTART`, `$RFEND`, `$FPS`, `$NFRAMES` and + - * / with parentheses. Anything else (functions,
 * `ch()` references, python) returns undefined and the parm's cached value is used instead.
 */
export function evalFrameExpr(expr: string, vars: Record<string, number>): number | undefined {
  const text = expr.replace(/\$\{?([A-Z]+)\}?/g, (all, name: string) => (name in vars ? `(${vars[name]})` : all));
  if (!/^[\d\s.+\-*/()eE]+$/.test(text)) return undefined;
  let i = 0;
  const peek = (): string => {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    return text[i] ?? '';
  };
  const atom = (): number => {
    const c = peek();
    if (c === '(') {
      i += 1;
      const v = sum();
      if (peek() === ')') i += 1;
      return v;
    }
    if (c === '-') {
      i += 1;
      return -atom();
    }
    if (c === '+') {
      i += 1;
      return atom();
    }
    const m = /^\d+(\.\d*)?([eE][-+]?\d+)?|^\.\d+/.exec(text.slice(i));
    if (!m) throw new Error('bad number');
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number => {
    let v = atom();
    for (let c = peek(); c === '*' || c === '/'; c = peek()) {
      i += 1;
      v = c === '*' ? v * atom() : v / atom();
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let c = peek(); c === '+' || c === '-'; c = peek()) {
      i += 1;
      v = c === '+' ? v + product() : v - product();
    }
    return v;
  };
  try {
    const v = sum();
    return peek() === '' && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
