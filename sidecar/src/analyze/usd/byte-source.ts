/**
 * Positioned reads over a file, or over one stored member of a .usdz inside it: a crate layer is
 * read in place (offsets count from the member's first byte), never loaded whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { SceneParseError } from '../errors';

export class ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    /** The file the bytes live in (for messages). */
    readonly file: string,
    private readonly base: number,
    /** Bytes in this source (the member's size inside a package). */
    readonly size: number,
    private readonly owned: boolean,
  ) {}

  static async openFile(file: string): Promise<ByteSource> {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      return new ByteSource(handle, file, 0, size, true);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Where this source starts in its file (a member's data offset). */
  get offset(): number {
    return this.base;
  }

  /** A window [offset, offset + size) of this source; closing it leaves the file open. */
  slice(offset: number, size: number): ByteSource {
    if (offset < 0 || size < 0 || offset + size > this.size) {
      throw new SceneParseError(this.file, this.base + offset, `a member of ${size} bytes does not fit in the file`);
    }
    return new ByteSource(this.handle, this.file, this.base + offset, size, false);
  }

  /** Exactly `length` bytes at `offset`, or a SceneParseError naming what was being read. */
  async read(offset: number, length: number, what: string): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new SceneParseError(this.file, this.base + Math.max(0, offset), `${what} (${length} bytes at ${offset}) lies outside the ${this.size}-byte layer`);
    }
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buf, done, length - done, this.base + offset + done);
      if (bytesRead === 0) throw new SceneParseError(this.file, this.base + offset + done, `${what}: the file ended early`);
      done += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    if (this.owned) await this.handle.close();
  }
}
