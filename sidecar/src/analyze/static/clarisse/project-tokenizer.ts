/**
 * A streaming tokenizer for Clarisse `.project` text (spec/analysis.md §4.4): quoted strings with
 * backslash escapes, bare words (numbers, yes/no, <empty>, #created …), braces and line ends.
 * It turns them into three events a structure builder consumes: a block opens (with the tokens of
 * its header line: `Context "scene"`, `Image`, `embedded_objects`, `color`), an attribute line ends,
 * a block closes. Lines keep at most MAX_LINE_TOKENS tokens and strings at most MAX_STRING_BYTES,
 * so memory stays bounded on any input.
 */

/** A bare word or a quoted (unescaped) string. */
export interface ProjectToken {
  quoted: boolean;
  text: string;
}

/** What the tokenizer calls back: block open, attribute line, block close. */
export interface ProjectEvents {
  open(header: ProjectToken[], offset: number): void;
  line(tokens: ProjectToken[], offset: number): void;
  close(offset: number): void;
}

const MAX_LINE_TOKENS = 64;
const MAX_STRING_BYTES = 1 << 20;

const enum S { Between, Word, Str, StrEsc }

const NL = 0x0a, QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b;

/** Tokenizes a project byte stream pushed in chunks; call `end()` after the last chunk. */
export class ProjectTokenizer {
  private state = S.Between;
  private buf = new Uint8Array(4096);
  private len = 0;
  private tokens: ProjectToken[] = [];
  private lineStart = -1;
  private pos = 0;
  private readonly utf8 = new TextDecoder('utf-8');

  constructor(private readonly events: ProjectEvents) {}

  get offset(): number {
    return this.pos;
  }

  /** True when the stream stopped inside a string. */
  get inString(): boolean {
    return this.state === S.Str || this.state === S.StrEsc;
  }

  push(chunk: Uint8Array): void {
    const base = this.pos;
    let state = this.state;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      switch (state) {
        case S.Between:
          if (isBlank(c)) continue;
          if (c === NL) { this.flushLine(); continue; }
          if (this.lineStart < 0) this.lineStart = base + i;
          if (c === LBRACE) { this.events.open(this.take(), this.lineStart); this.lineStart = -1; continue; }
          if (c === RBRACE) { this.flushLine(); this.events.close(base + i); continue; }
          this.len = 0;
          if (c === QUOTE) { state = S.Str; continue; }
          state = S.Word;
          this.byte(c);
          continue;
        case S.Word:
          if (isBlank(c) || c === NL || c === LBRACE || c === RBRACE || c === QUOTE) {
            this.add(false);
            state = S.Between;
            i--; // the delimiter is read again between tokens
            continue;
          }
          this.byte(c);
          continue;
        case S.Str:
          if (c === QUOTE) { this.add(true); state = S.Between; continue; }
          if (c === BACKSLASH) { state = S.StrEsc; continue; }
          this.byte(c);
          continue;
        case S.StrEsc:
          this.byte(c === 0x6e ? NL : c === 0x74 ? 0x09 : c);
          state = S.Str;
          continue;
      }
    }
    this.state = state;
    this.pos = base + chunk.length;
  }

  end(): void {
    if (this.state === S.Word) { this.add(false); this.state = S.Between; }
    this.flushLine();
  }

  private byte(c: number): void {
    if (this.len === this.buf.length) {
      if (this.len >= MAX_STRING_BYTES) return;
      const bigger = new Uint8Array(Math.min(this.buf.length * 2, MAX_STRING_BYTES));
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
  }

  private add(quoted: boolean): void {
    if (this.tokens.length < MAX_LINE_TOKENS) {
      this.tokens.push({ quoted, text: this.utf8.decode(this.buf.subarray(0, this.len)) });
    }
    this.len = 0;
  }

  private take(): ProjectToken[] {
    const t = this.tokens;
    this.tokens = [];
    return t;
  }

  private flushLine(): void {
    if (this.tokens.length > 0) this.events.line(this.take(), this.lineStart);
    this.lineStart = -1;
  }
}
