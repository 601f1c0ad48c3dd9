import { HscriptError } from './errors';

/**
 * How Houdini reads a string parm: text, `$VAR` / `${VAR}` (with `:r :e :t :h` modifiers),
 * and `` `expression` `` segments; `` \` `` and `\$` are a literal backtick and dollar, any other
 * backslash stays (Windows paths).
 */
export type Segment = { text: string } | { variable: string; modifiers: string; raw: string } | { expr: string };

export function scanParmString(raw: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push({ text });
    text = '';
  };
  for (let i = 0; i < raw.length; ) {
    const c = raw[i]!;
    if (c === '\\' && (raw[i + 1] === '`' || raw[i + 1] === '$')) {
      text += raw[i + 1];
      i += 2;
    } else if (c === '`') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '`') j += raw[j] === '\\' && raw[j + 1] === '`' ? 2 : 1;
      if (j >= raw.length) throw new HscriptError('syntax', 'a backtick expression is not closed');
      flush();
      out.push({ expr: raw.slice(i + 1, j).replace(/\\`/g, '`') });
      i = j + 1;
    } else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)((?::[reht])+(?![A-Za-z0-9_]))?)/.exec(raw.slice(i, i + 300));
      if (!m) {
        text += c;
        i += 1;
        continue;
      }
      flush();
      out.push({ variable: (m[1] ?? m[2])!, modifiers: (m[3] ?? '').replace(/:/g, ''), raw: m[0] });
      i += m[0].length;
    } else {
      text += c;
      i += 1;
    }
  }
  flush();
  return out;
}

/** True when a stored value holds a backtick expression (the only values the evaluator changes). */
export function hasExpression(raw: string): boolean {
  return /(^|[^\\])`/.test(raw);
}
