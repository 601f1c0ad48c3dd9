import { throwIfAborted } from '../../../errors';

/**
 * A forward-only reader over a stream of chunks that keeps only what the caller asks to look at:
 * `fill(n)` makes n bytes visible, `skip(n)` discards bytes without buffering them. This lets the
 * .hip reader walk multi-gigabyte files in constant memory.
 */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Absolute offset of the next unread byte. */
  offset = 0;

  constructor(
    private readonly source: AsyncIterator<Buffer | Uint8Array | string>,
    private readonly signal?: AbortSignal,
  ) {}

  private async pull(): Promise<Buffer | undefined> {
    if (this.done) return undefined;
    // Checked per chunk, so cancelling works even in the middle of skipping a huge entry.
    throwIfAborted(this.signal);
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return undefined;
    }
    const v = next.value;
    return typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.isBuffer(v) ? v : Buffer.from(v);
  }

  /** Bytes currently visible from the read position. */
  get available(): number {
    return this.buf.length - this.pos;
  }

  /** Makes at least `n` bytes visible (fewer at end of stream); returns how many are visible. */
  async fill(n: number): Promise<number> {
    while (this.available < n) {
      const chunk = await this.pull();
      if (!chunk) break;
      const rest = this.buf.subarray(this.pos);
      this.buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      this.pos = 0;
    }
    return this.available;
  }

  /** A view of the next `n` visible bytes (call `fill` first). */
  peek(n: number, from = 0): Buffer {
    return this.buf.subarray(this.pos + from, this.pos + from + n);
  }

  /** Consumes `n` bytes and returns a copy of them (fewer at end of stream). */
  async take(n: number): Promise<Buffer> {
    await this.fill(n);
    const out = Buffer.from(this.peek(Math.min(n, this.available)));
    this.advance(out.length);
    return out;
  }

  /** Consumes `n` visible bytes. */
  advance(n: number): void {
    const k = Math.min(n, this.available);
    this.pos += k;
    this.offset += k;
  }

  /** Discards `n` bytes, pulling chunks without keeping them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let left = n;
    for (;;) {
      const k = Math.min(left, this.available);
      this.advance(k);
      left -= k;
      if (left === 0) return n;
      const chunk = await this.pull();
      if (!chunk) return n - left;
      this.buf = chunk;
      this.pos = 0;
    }
  }

  /** Index (relative to the read position) of `needle` among the visible bytes, from `from`; -1 if none. */
  indexOf(needle: Buffer, from = 0): number {
    const i = this.buf.indexOf(needle, this.pos + from);
    return i < 0 ? -1 : i - this.pos;
  }

  /** Pulls one more chunk into view; false at end of stream. */
  async more(): Promise<boolean> {
    const before = this.available;
    await this.fill(before + 1);
    return this.available > before;
  }
}
