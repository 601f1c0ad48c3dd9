/**
 * A streaming tokenizer for the USD text format (spec/usd.md §3.2): text is pushed in chunks and
 * tokens come out as soon as they are whole, so memory stays bounded by the longest token.
 * Newlines are tokens (they end statements); comments are dropped.
 */
export type UsdaToken =
  | { t: 'nl' }
  | { t: 'punct'; v: string }
  | { t: 'string'; v: string }
  | { t: 'asset'; v: string }
  | { t: 'path'; v: string }
  | { t: 'word'; v: string };

/** Thrown for text that no USD layer can hold (an unterminated string at the end, a control character in an asset path). */
export class UsdaSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', '=', ',', ';']);
const WORD_STOP = /[\s()[\]{}=,;"'@<#]/;
/** What matters inside a skipped bracket: its own brackets, strings (which may hold brackets), comments. */
const SKIP_STOPS: Record<string, RegExp> = { '[': /[[\]"'#]/g, '(': /[()"'#]/g, '{': /[{}"'#]/g };
/** The longest single token kept while waiting for its end (a doc string, a huge asset path). */
const MAX_TOKEN = 64 * 1024 * 1024;

export class UsdaTokenizer {
  private buf = '';
  private consumed = 0;
  /** While > 0, the contents of a bracket are skipped without tokens (numeric arrays, see skipContents). */
  private skipDepth = 0;
  private skipOpen = '';
  private skipClose = '';

  constructor(private readonly emit: (token: UsdaToken) => void) {}

  /** Characters read so far (for error offsets). */
  get offset(): number {
    return this.consumed;
  }

  /**
   * Skips the contents of the bracket just emitted up to its closing bracket, which is emitted:
   * the scanner asks for it where no asset path can be (a float3[] of a million points).
   */
  skipContents(open: string): void {
    this.skipOpen = open;
    this.skipClose = open === '[' ? ']' : open === '(' ? ')' : '}';
    this.skipDepth = 1;
  }

  push(text: string): void {
    this.buf += text;
    this.scan(false);
    if (this.buf.length > MAX_TOKEN) throw new UsdaSyntaxError(`a token longer than ${MAX_TOKEN} characters`, this.consumed);
  }

  end(): void {
    this.scan(true);
    if (this.buf.length > 0) throw new UsdaSyntaxError('the layer ends inside a string, an asset path or a comment', this.consumed);
  }

  private scan(final: boolean): void {
    const s = this.buf;
    let i = 0;
    const n = s.length;
    while (i < n) {
      if (this.skipDepth > 0) {
        const { at, wait } = this.skipFast(s, i, final);
        i = at;
        if (wait) break; // a string or comment inside is not complete yet: keep it for the next text
        continue;
      }
      const c = s[i]!;
      const start = i;
      if (c === '\n') { this.emit({ t: 'nl' }); i += 1; continue; }
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i += 1; continue; }
      let end = -1;
      if (c === '#' || (c === '/' && s[i + 1] === '/')) {
        const nl = s.indexOf('\n', i);
        if (nl < 0 && !final) break;
        i = nl < 0 ? n : nl;
        continue;
      }
      if (c === '/' && s[i + 1] === '*') {
        const close = s.indexOf('*/', i + 2);
        if (close < 0) { if (final) throw new UsdaSyntaxError('an unterminated /* comment', this.consumed + i); break; }
        for (let k = i; k < close; k += 1) if (s[k] === '\n') this.emit({ t: 'nl' });
        i = close + 2;
        continue;
      }
      if (c === '"' || c === "'") {
        const triple = s.startsWith(c.repeat(3), i);
        if (triple) {
          const close = findClose(s, i + 3, c.repeat(3));
          if (close < 0) { if (final) throw new UsdaSyntaxError('an unterminated """ string', this.consumed + i); break; }
          this.emit({ t: 'string', v: unescape(s.slice(i + 3, close)) });
          i = close + 3;
          continue;
        }
        if (!final && n - i < 3) break; // might be the start of a triple quote
        const close = findClose(s, i + 1, c, true);
        if (close === -2) throw new UsdaSyntaxError('a quoted string runs past the end of its line', this.consumed + i);
        if (close < 0) { if (final) throw new UsdaSyntaxError('an unterminated string', this.consumed + i); break; }
        this.emit({ t: 'string', v: unescape(s.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
      if (c === '@') {
        if (s.startsWith('@@@', i)) {
          const close = findTripleAt(s, i + 3);
          if (close < 0) { if (final) throw new UsdaSyntaxError('an unterminated @@@ asset path', this.consumed + i); break; }
          this.emit({ t: 'asset', v: checkAsset(s.slice(i + 3, close).replace(/\\@@@/g, '@@@'), this.consumed + i) });
          i = close + 3;
          continue;
        }
        if (!final && n - i < 3) break;
        end = s.indexOf('@', i + 1);
        const nl = s.indexOf('\n', i + 1);
        if (end < 0 || (nl >= 0 && nl < end)) {
          if (nl >= 0 || final) throw new UsdaSyntaxError('an asset path runs past the end of its line', this.consumed + i);
          break;
        }
        this.emit({ t: 'asset', v: checkAsset(s.slice(i + 1, end), this.consumed + i) });
        i = end + 1;
        continue;
      }
      if (c === '<') {
        end = s.indexOf('>', i + 1);
        const nl = s.indexOf('\n', i + 1);
        if (end < 0 || (nl >= 0 && nl < end)) {
          if (nl >= 0 || final) throw new UsdaSyntaxError('a scene path <…> runs past the end of its line', this.consumed + i);
          break;
        }
        this.emit({ t: 'path', v: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
      if (PUNCT.has(c)) { this.emit({ t: 'punct', v: c }); i += 1; continue; }
      // a word: identifier (namespaced a:b, a.timeSamples), number, keyword; `type[]` stays one word
      let k = i;
      let partial = false;
      while (k < n) {
        const ch = s[k]!;
        if (WORD_STOP.test(ch)) break;
        if (ch === ':') {
          if (k + 1 >= n) { partial = !final; break; }
          if (WORD_STOP.test(s[k + 1]!)) break; // `1: @a@` — a time-sample key
        }
        k += 1;
      }
      if (partial || (k >= n && !final)) { i = start; break; }
      if (k === i) { this.emit({ t: 'punct', v: s[k]! }); i += 1; continue; }
      let word = s.slice(i, k);
      if (s.startsWith('[]', k)) { word += '[]'; k += 2; }
      else if (k + 1 >= n && s[k] === '[' && !final) { i = start; break; }
      this.emit({ t: 'word', v: word });
      i = k;
    }
    this.consumed += i;
    this.buf = s.slice(i);
  }

  /** Skipping: where scanning resumes (past the closing bracket, or the end), or where to wait for more text. */
  private skipFast(s: string, from: number, final: boolean): { at: number; wait: boolean } {
    const open = this.skipOpen;
    const close = this.skipClose;
    const n = s.length;
    let k = from;
    const next = SKIP_STOPS[open]!;
    while (k < n) {
      next.lastIndex = k;
      const hit = next.exec(s);
      if (!hit) return { at: n, wait: false };
      k = hit.index;
      const c = s[k]!;
      if (c === close) {
        this.skipDepth -= 1;
        if (this.skipDepth === 0) {
          this.emit({ t: 'punct', v: close });
          return { at: k + 1, wait: false };
        }
      } else if (c === open) this.skipDepth += 1;
      else if (c === '"' || c === "'") {
        if (!final && n - k < 3) return { at: k, wait: true };
        const triple = s.startsWith(c.repeat(3), k);
        const end = triple ? findClose(s, k + 3, c.repeat(3)) : findClose(s, k + 1, c);
        if (end < 0) {
          if (final) throw new UsdaSyntaxError('an unterminated string', this.consumed + k);
          return { at: k, wait: true };
        }
        k = end + (triple ? 3 : 1);
        continue;
      } else if (c === '#') {
        const nl = s.indexOf('\n', k);
        if (nl < 0) return final ? { at: n, wait: false } : { at: k, wait: true };
        k = nl;
      }
      k += 1;
    }
    return { at: n, wait: false };
  }
}

/** Index of the closing quote, -1 when not yet in the text, -2 when a one-line string meets a newline. */
function findClose(s: string, from: number, quote: string, oneLine = false): number {
  for (let k = from; k < s.length; k += 1) {
    const ch = s[k]!;
    if (ch === '\\') { k += 1; continue; }
    if (oneLine && ch === '\n') return -2;
    if (s.startsWith(quote, k)) return k;
  }
  return -1;
}

function findTripleAt(s: string, from: number): number {
  for (let k = from; k < s.length; k += 1) {
    if (s[k] === '\\' && s.startsWith('@@@', k + 1)) { k += 3; continue; }
    if (s.startsWith('@@@', k)) return k;
  }
  return -1;
}

function checkAsset(path: string, offset: number): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) throw new UsdaSyntaxError('an asset path holds a control character', offset);
  return path;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** TfEscapeStringReplaceChar's escapes (spec/usd.md §3.2). */
function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|[\s\S])/g, (_, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}
