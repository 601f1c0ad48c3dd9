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

export interface MelToken {
  kind: MelTokenKind;
  text: string;
}

export interface MelStatement {
  /** The first tokens of the statement (at most HEAD_MAX). */
  tokens: MelToken[];
  /** The last TAIL_MAX string tokens of the statement, in order (may repeat ones in `tokens`). */
  tailStrings: string[];
  /** How many tokens the statement had in total. */
  tokenCount: number;
  /** Byte offset of the statement's first token. */
  offset: number;
}

export const HEAD_MAX = 64;
const TAIL_MAX = 4;
/** Longer strings are cut: paths are never this long, only embedded scripts are. */
const MAX_TOKEN_BYTES = 1 << 20;
/** Header comments (`//Maya ASCII 2018 scene`, `//Codeset: 936`) reported before the first statement. */
const MAX_HEADER_COMMENTS = 16;
const MAX_COMMENT_BYTES = 512;

const enum S { Between, Word, Str, StrEsc, LineComment, Slash, BlockComment, BlockStar }

const SEMI = 0x3b, QUOTE = 0x22, BACKSLASH = 0x5c, SLASH = 0x2f, STAR = 0x2a, LPAREN = 0x28, RPAREN = 0x29;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b;
}

export interface MelTokenizerHooks {
  statement(s: MelStatement): void;
  /** A header comment line (without `//`), only before the first statement. */
  comment?(text: string): void;
  /** Turns the bytes of a string token into text (the scene's codeset decides). */
  decode(bytes: Uint8Array): string;
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
  private statements = 0;
  private comments = 0;

  constructor(private readonly hooks: MelTokenizerHooks) {}

  /** Bytes consumed so far. */
  get offset(): number {
    return this.pos;
  }

  /** True when the stream stopped inside a string, comment or unterminated statement. */
  get pending(): boolean {
    return this.state === S.Str || this.state === S.StrEsc || this.stmtStart >= 0 || this.len > 0;
  }

  push(chunk: Uint8Array): void {
    const base = this.pos;
    let state = this.state;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      switch (state) {
        case S.Between:
          if (isSpace(c)) continue;
          this.tokStart = base + i;
          if (c === SEMI) { this.endStatement(); continue; }
          if (this.stmtStart < 0 && c !== SLASH) this.stmtStart = base + i;
          if (c === QUOTE) { state = S.Str; this.len = 0; continue; }
          if (c === LPAREN || c === RPAREN) { this.addToken(c === LPAREN ? '(' : ')', ''); continue; }
          if (c === SLASH) { state = S.Slash; continue; }
          state = S.Word; this.len = 0; this.byte(c);
          continue;
        case S.Word:
          if (isSpace(c) || c === SEMI || c === QUOTE || c === LPAREN || c === RPAREN) {
            this.finishWord();
            state = S.Between;
            i--; // re-read the delimiter between tokens
            continue;
          }
          if (this.count < HEAD_MAX) this.byte(c);
          continue;
        case S.Str:
          if (c === QUOTE) { this.finishString(); state = S.Between; continue; }
          if (c === BACKSLASH) { state = S.StrEsc; continue; }
          if (this.keepString()) this.byte(c);
          continue;
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
        case S.LineComment:
          if (c === 0x0a) { this.finishComment(); state = S.Between; continue; }
          if (this.len < MAX_COMMENT_BYTES && this.statements === 0) this.byte(c);
          continue;
        case S.BlockComment:
          if (c === STAR) state = S.BlockStar;
          continue;
        case S.BlockStar:
          state = c === SLASH ? S.Between : c === STAR ? S.BlockStar : S.BlockComment;
          continue;
      }
    }
    this.state = state;
    this.pos = base + chunk.length;
  }

  /** Flushes the last token; an unterminated final statement is dropped (reported by `pending`). */
  end(): void {
    if (this.state === S.Word) { this.finishWord(); this.state = S.Between; }
    if (this.state === S.LineComment) { this.finishComment(); this.state = S.Between; }
  }

  private keepString(): boolean {
    return this.len < MAX_TOKEN_BYTES;
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
    if (this.count < HEAD_MAX) this.addToken('word', latin1(this.buf, this.len));
    else this.count++;
    this.len = 0;
  }

  private finishString(): void {
    const inHead = this.count < HEAD_MAX;
    const text = this.hooks.decode(this.buf.subarray(0, this.len));
    this.len = 0;
    if (inHead) this.head.push({ kind: 'string', text });
    this.count++;
    this.tail.push(text);
    if (this.tail.length > TAIL_MAX) this.tail.shift();
  }

  private addToken(kind: MelTokenKind, text: string): void {
    if (this.count < HEAD_MAX) this.head.push({ kind, text });
    this.count++;
  }

  private finishComment(): void {
    if (this.statements === 0 && this.comments < MAX_HEADER_COMMENTS) {
      this.comments++;
      this.hooks.comment?.(latin1(this.buf, this.len).trim());
    }
    this.len = 0;
  }

  private endStatement(): void {
    if (this.count > 0) {
      this.statements++;
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
