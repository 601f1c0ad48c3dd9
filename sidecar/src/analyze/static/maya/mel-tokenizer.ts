/**
 * A streaming MEL tokenizer for Maya ASCII files: bytes in (any chunking), statements out.
 *
 * A .ma file is a list of MEL commands ended by `;`. Strings ("…" with backslash escapes) may span
 * lines; `//` comments run to the end of the line. Statements can be huge (mesh data: millions of
 * numbers), so only the first HEAD_MAX tokens of a statement are kept, plus the last few string
 * tokens (`requires … "plugin" "version"` and `file -r … "path"` put what we need at the end).
 * Memory stays bounded whatever the file size: no token is longer than MAX_TOKEN_BYTES.
 */

export type MelTokenKind = 'word' | 'string' | '(' | ')';

/** A word, a string (unescaped, decoded) or a parenthesis. */
export interface MelToken {
  kind: MelTokenKind;
  text: string;
}

/** One `;`-terminated statement. */
export interface MelStatement {
  /** The first tokens of the statement (at most HEAD_MAX, or EXTENDED_MAX when a hook asked). */
  tokens: MelToken[];
  /** The last TAIL_MAX string tokens of the statement, in order (may repeat ones in `tokens`). */
  tailStrings: string[];
  /** How many tokens the statement had in total. */
  tokenCount: number;
  /** Byte offset of the statement's first token. */
  offset: number;
}

/** Tokens kept at the start of every statement. */
export const HEAD_MAX = 64;
/** Head size of statements a hook asks to keep whole (reference edits): still bounded. */
export const EXTENDED_MAX = 1 << 18;
const TAIL_MAX = 4;
/** Longer strings are cut: paths are never this long, only embedded scripts are. */
const MAX_TOKEN_BYTES = 1 << 20;
/** Header comments (`//Maya ASCII 2018 scene`, `//Codeset: 936`) reported before the first statement. */
const MAX_HEADER_COMMENTS = 16;
const MAX_COMMENT_BYTES = 512;
/** Bytes kept of a comment between statements (enough for "End of <file>.ma"'s start). */
const TRAILER_BYTES = 64;

const enum S { Between, Word, Str, StrEsc, LineComment, Slash, BlockComment, BlockStar }

const SEMI = 0x3b, QUOTE = 0x22, BACKSLASH = 0x5c, SLASH = 0x2f, STAR = 0x2a, LPAREN = 0x28, RPAREN = 0x29;

/** Byte classes; everything at or above `Semi` ends a skipped run (see push). */
const enum C { Other, Space, Paren, Semi, Quote, Slash }
const CLASS = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b]) CLASS[b] = C.Space;
CLASS[LPAREN] = C.Paren;
CLASS[RPAREN] = C.Paren;
CLASS[SEMI] = C.Semi;
CLASS[QUOTE] = C.Quote;
CLASS[SLASH] = C.Slash;

/** What the tokenizer calls back. */
export interface MelTokenizerHooks {
  statement(s: MelStatement): void;
  /** A header comment line (without `//`), only before the first statement. */
  comment?(text: string): void;
  /** Turns the bytes of a string token into text (the scene's codeset decides). */
  decode(bytes: Uint8Array): string;
  /** Called when a statement's head is full: return true to keep up to EXTENDED_MAX tokens of it. */
  extend?(head: MelToken[]): boolean;
}

/** Tokenizes a MEL byte stream pushed in chunks; call `end()` after the last chunk. */
export class MelTokenizer {
  private state = S.Between;
  private buf = new Uint8Array(4096);
  private len = 0;
  private pos = 0;
  private tokStart = 0;
  private stmtStart = -1;
  private head: MelToken[] = [];
  private tail: string[] = [];
  private count = 0;
  /** How many tokens of the current statement are kept (HEAD_MAX unless a hook extends it). */
  private limit = HEAD_MAX;
  private statements = 0;
  private comments = 0;
  private trailing: string | undefined;

  constructor(private readonly hooks: MelTokenizerHooks) {}

  /** Bytes consumed so far. */
  get offset(): number {
    return this.pos;
  }

  /**
   * The last line comment when no statement followed it (Maya's closing "// End of x.ma"), its
   * first bytes only; undefined when the stream ended with a statement.
   */
  get lastComment(): string | undefined {
    return this.trailing;
  }

  /** True when the stream stopped inside a string, comment or unterminated statement. */
  get pending(): boolean {
    return this.state === S.Str || this.state === S.StrEsc || this.stmtStart >= 0 || this.len > 0;
  }

  push(chunk: Uint8Array): void {
    const base = this.pos;
    const n = chunk.length;
    let state = this.state;
    for (let i = 0; i < n; i++) {
      // Past the kept head of a statement (mesh data …) only strings, `;` and comments matter:
      // skip everything else in a tight loop.
      if ((state === S.Between || state === S.Word) && this.count >= this.limit) {
        while (i < n && CLASS[chunk[i]!]! < C.Semi) i++;
        if (i === n) break;
        state = S.Between;
      }
      const c = chunk[i]!;
      switch (state) {
        case S.Between: {
          const k = CLASS[c]!;
          if (k === C.Space) continue;
          this.tokStart = base + i;
          if (k === C.Semi) { this.endStatement(); continue; }
          if (this.stmtStart < 0 && k !== C.Slash) this.stmtStart = base + i;
          if (k === C.Quote) { state = S.Str; this.len = 0; continue; }
          if (c === LPAREN || c === RPAREN) { this.addToken(c === LPAREN ? '(' : ')', ''); continue; }
          if (k === C.Slash) { state = S.Slash; continue; }
          state = S.Word; this.len = 0;
          i--; // the word loop below collects it
          continue;
        }
        case S.Word: {
          let j = i;
          for (let k = C.Other; j < n; j++) {
            k = CLASS[chunk[j]!]!;
            if (k !== C.Other && k !== C.Slash) break; // '/' inside a word is part of it
          }
          if (this.count < this.limit) this.bytes(chunk, i, j);
          if (j === n) { i = n; continue; }
          this.finishWord();
          state = S.Between;
          i = j - 1; // the delimiter is read again between tokens
          continue;
        }
        case S.Str: {
          let j = i;
          while (j < n && chunk[j] !== QUOTE && chunk[j] !== BACKSLASH) j++;
          this.bytes(chunk, i, j);
          if (j === n) { i = n; continue; }
          i = j;
          if (chunk[j] === QUOTE) { this.finishString(); state = S.Between; } else state = S.StrEsc;
          continue;
        }
        case S.StrEsc:
          state = S.Str;
          if (this.keepString()) this.byte(escaped(c));
          continue;
        case S.Slash:
          if (c === SLASH) { state = S.LineComment; this.len = 0; continue; }
          if (c === STAR) { state = S.BlockComment; continue; }
          // a word that starts with '/' (rare in MEL, but not an error)
          if (this.stmtStart < 0) this.stmtStart = base + i - 1;
          state = S.Word; this.len = 0; this.byte(SLASH);
          i--;
          continue;
        case S.LineComment: {
          let j = i;
          while (j < n && chunk[j] !== 0x0a) j++;
          if (this.statements === 0) this.bytes(chunk, i, Math.min(j, i + MAX_COMMENT_BYTES - this.len));
          else if (this.stmtStart < 0) this.bytes(chunk, i, Math.min(j, i + TRAILER_BYTES - this.len));
          if (j === n) { i = n; continue; }
          this.finishComment();
          state = S.Between;
          i = j;
          continue;
        }
        case S.BlockComment:
          if (c === STAR) state = S.BlockStar;
          continue;
        case S.BlockStar:
          state = c === SLASH ? S.Between : c === STAR ? S.BlockStar : S.BlockComment;
          continue;
      }
    }
    this.state = state;
    this.pos = base + n;
  }

  /** Flushes the last token; an unterminated final statement is dropped (reported by `pending`). */
  end(): void {
    if (this.state === S.Word) { this.finishWord(); this.state = S.Between; }
    if (this.state === S.LineComment) { this.finishComment(); this.state = S.Between; }
  }

  private keepString(): boolean {
    return this.len < MAX_TOKEN_BYTES;
  }

  /** Appends chunk[from, to) to the token, up to MAX_TOKEN_BYTES. */
  private bytes(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    let need = this.len + (to - from);
    if (need > MAX_TOKEN_BYTES) {
      to = from + Math.max(0, MAX_TOKEN_BYTES - this.len);
      need = MAX_TOKEN_BYTES;
      if (to <= from) return;
    }
    if (need > this.buf.length) {
      let size = this.buf.length;
      while (size < need) size *= 2;
      const bigger = new Uint8Array(Math.min(size, MAX_TOKEN_BYTES));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.buf.set(chunk.subarray(from, to), this.len);
    this.len = need;
  }

  private byte(c: number): void {
    if (this.len === this.buf.length) {
      if (this.len >= MAX_TOKEN_BYTES) return;
      const bigger = new Uint8Array(Math.min(this.buf.length * 2, MAX_TOKEN_BYTES));
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
  }

  private finishWord(): void {
    if (this.count < this.limit) this.addToken('word', latin1(this.buf, this.len));
    else this.count++;
    this.len = 0;
  }

  private finishString(): void {
    const inHead = this.count < this.limit;
    const text = this.hooks.decode(this.buf.subarray(0, this.len));
    this.len = 0;
    if (inHead) this.head.push({ kind: 'string', text });
    this.counted();
    this.tail.push(text);
    if (this.tail.length > TAIL_MAX) this.tail.shift();
  }

  private addToken(kind: MelTokenKind, text: string): void {
    if (this.count < this.limit) this.head.push({ kind, text });
    this.counted();
  }

  private counted(): void {
    if (++this.count === HEAD_MAX && this.limit === HEAD_MAX && this.hooks.extend?.(this.head)) this.limit = EXTENDED_MAX;
  }

  private finishComment(): void {
    if (this.statements === 0 && this.comments < MAX_HEADER_COMMENTS) {
      this.comments++;
      this.hooks.comment?.(latin1(this.buf, this.len).trim());
    } else if (this.statements > 0 && this.stmtStart < 0) {
      this.trailing = latin1(this.buf, this.len).trim();
    }
    this.len = 0;
  }

  private endStatement(): void {
    if (this.count > 0) {
      this.statements++;
      this.trailing = undefined;
      this.hooks.statement({
        tokens: this.head,
        tailStrings: this.tail,
        tokenCount: this.count,
        offset: this.stmtStart < 0 ? this.tokStart : this.stmtStart,
      });
    }
    this.head = [];
    this.tail = [];
    this.count = 0;
    this.limit = HEAD_MAX;
    this.stmtStart = -1;
  }
}

function escaped(c: number): number {
  switch (c) {
    case 0x6e: return 0x0a; // \n
    case 0x74: return 0x09; // \t
    case 0x72: return 0x0d; // \r
    default: return c; // \" \\ and anything else stand for themselves
  }
}

function latin1(buf: Uint8Array, len: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset, len).toString('latin1');
}
