/**
 * Parses a `.parm` entry (spec/analysis.md §4.1): `{` `version 0.8` then per parm
 * `<name> [ <flags> locks=<n> ] ( <v1> <v2> … )`, then `}`. Values are bare tokens, double-quoted
 * strings with backslash escapes, or channel references `[ <channel> <cached value> ]` whose
 * cached strings are single-quoted.
 */
export interface ParmValue {
  /** The value text (unquoted). For a channel reference, the cached value. */
  text: string;
  /** Channel name when the component is animated/expression-driven (see the `.chn` entry). */
  channel?: string;
}

export type ParmMap = Map<string, ParmValue[]>;

const count = (s: string, c: string): number => s.split(c).length - 1;

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  skipSpace(): void {
    while (this.i < this.s.length && isSpace(this.s[this.i])) this.i += 1;
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  /** A quoted string starting at the current quote character. */
  quoted(q: string): string {
    let out = '';
    this.i += 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '\\' && this.i + 1 < this.s.length) {
        const n = this.s[this.i + 1]!;
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        this.i += 2;
        continue;
      }
      this.i += 1;
      if (c === q) return out;
      out += c;
    }
    return out;
  }
  /** A bare token: up to whitespace (Houdini separates values with tabs, so `%(UDIM)d` stays whole). */
  bare(): string {
    const start = this.i;
    while (this.i < this.s.length && !isSpace(this.s[this.i])) this.i += 1;
    let text = this.s.slice(start, this.i);
    // Tolerate a closing bracket glued to the last value: keep it only when the token opened it.
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      while (text.length > 1 && text.endsWith(close) && count(text, open) < count(text, close)) {
        text = text.slice(0, -1);
        this.i -= 1;
      }
    }
    return text;
  }
  /** A value: quoted, bare, or `[ chan cached ]`. */
  value(): ParmValue | undefined {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined || c === ')') return undefined;
    if (c === '"' || c === "'") return { text: this.quoted(c) };
    if (c === '[') {
      this.i += 1;
      this.skipSpace();
      const channel = this.bare();
      this.skipSpace();
      const q = this.peek();
      const text = q === '"' || q === "'" ? this.quoted(q) : this.bare();
      this.skipSpace();
      if (this.peek() === ']') this.i += 1;
      return { text, channel };
    }
    const text = this.bare();
    if (text === '' && this.i < this.s.length) this.i += 1;
    return { text };
  }
  /** Skips to the end of the current line (used to recover from a malformed parm line). */
  skipLine(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i += 1;
  }
}

/**
 * Parses a .parm entry text into parm name → component values; malformed lines are skipped.
 * `keep(name, line)`, when given, lets the caller skip lines it does not need without tokenizing
 * them (lines holding a double quote are always parsed: a quoted value may span lines).
 */
export function parseParms(text: string, keep?: (name: string, rest: string) => boolean): ParmMap {
  const parms: ParmMap = new Map();
  const s = new Scanner(text);
  while (s.i < text.length) {
    s.skipSpace();
    const lineStart = s.i;
    const name = s.bare();
    if (!name) {
      s.i = Math.max(s.i + 1, lineStart + 1);
      continue;
    }
    // The `version 0.8` header line; a parm may be called "version" too (`version [ 0 locks=0 ] ( 3 )`).
    if (name === '{' || name === '}' || (name === 'version' && /^[ \t]+[\d.]+[ \t]*(\r?\n|$)/.test(text.slice(s.i, s.i + 40)))) {
      s.skipLine();
      continue;
    }
    if (keep) {
      const nl = text.indexOf('\n', s.i);
      const end = nl < 0 ? text.length : nl;
      const rest = text.slice(s.i, end);
      if (!rest.includes('"') && !keep(name, rest)) {
        s.i = end;
        continue;
      }
    }
    s.skipSpace();
    if (s.peek() === '[') {
      const close = text.indexOf(']', s.i);
      const nl = text.indexOf('\n', s.i);
      if (close < 0 || (nl >= 0 && nl < close)) {
        s.skipLine();
        continue;
      }
      s.i = close + 1;
      s.skipSpace();
    }
    if (s.peek() !== '(') {
      s.skipLine();
      continue;
    }
    s.i += 1;
    const values: ParmValue[] = [];
    for (let guard = 0; guard < 100_000; guard += 1) {
      const before = s.i;
      const v = s.value();
      if (!v) break;
      values.push(v);
      if (s.i === before) break;
    }
    s.skipSpace();
    if (s.peek() === ')') s.i += 1;
    parms.set(name, values);
  }
  return parms;
}
