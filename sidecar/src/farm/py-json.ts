/**
 * A JSON reader that keeps what Python's `json.loads` would see: integers and floats stay distinct
 * (`1` vs `1.0`), so the farm can render leaves with Python's `str()` when it rebuilds the string to
 * sign (spec/api.md §1.3 step 4). `JSON.parse` cannot do this on Node 20 (no reviver source text).
 */

/** A float as Python would hold it: the parsed value, printed with Python's repr. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** An integer kept as its decimal text (Python ints have no size limit). */
export class PyInt {
  constructor(readonly text: string) {}
}

export type PyValue = string | boolean | null | PyFloat | PyInt | PyValue[] | { [key: string]: PyValue };

/** Parses JSON text; throws SyntaxError on malformed input, like JSON.parse. */
export function parsePyJson(text: string): PyValue {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const fail = (): never => {
    throw new SyntaxError(`Unexpected token at position ${i} in JSON`);
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      const out: { [key: string]: PyValue } = {};
      ws();
      if (text[i] === '}') { i += 1; return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = str();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        out[key] = value();
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return out; }
        fail();
      }
    }
    if (c === '[') {
      i += 1;
      const out: PyValue[] = [];
      ws();
      if (text[i] === ']') { i += 1; return out; }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return out; }
        fail();
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail();
    i += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? new PyFloat(Number(m[0])) : new PyInt(BigInt(m[0]).toString());
  };
  // Strings: find the closing quote, then let JSON.parse decode the escapes exactly.
  const str = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const result = value();
  ws();
  if (i !== text.length) fail();
  return result;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const negative = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let fixed: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    fixed = `${intPart}.${frac || '0'}`;
  } else {
    fixed = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return negative ? `-${fixed}` : fixed;
}

/** Python's `str()` of a JSON leaf: strings verbatim, True/False/None, ints in decimal, float repr. */
export function pyStr(leaf: PyValue): string {
  if (typeof leaf === 'string') return leaf;
  if (leaf === true) return 'True';
  if (leaf === false) return 'False';
  if (leaf === null) return 'None';
  if (leaf instanceof PyInt) return leaf.text;
  if (leaf instanceof PyFloat) return pyFloatRepr(leaf.value);
  throw new TypeError('pyStr takes a leaf value, not a container');
}
