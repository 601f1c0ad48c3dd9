/**
 * Positional reads of a big file through a small block cache: the .mb walker reads thousands of
 * small chunk headers and skips large payloads (meshes) without loading the file into memory.
 */
import { open, type FileHandle } from 'node:fs/promises';

const BLOCK = 1 << 20;

/** A read-only file with a one-block cache for small positional reads. */
export class BlockReader {
  private block = Buffer.alloc(0);
  private blockStart = 0;

  private constructor(private readonly fh: FileHandle, readonly size: number) {}

  static async open(path: string): Promise<BlockReader> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      return new BlockReader(fh, size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** Bytes [offset, offset+length) clipped to the file end; a view into the cache when it fits. */
  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(offset + length, this.size);
    if (offset >= end) return Buffer.alloc(0);
    if (offset >= this.blockStart && end <= this.blockStart + this.block.length) {
      return this.block.subarray(offset - this.blockStart, end - this.blockStart);
    }
    if (end - offset > BLOCK) {
      const big = Buffer.alloc(end - offset);
      await this.fill(big, offset);
      return big;
    }
    const want = Math.min(BLOCK, this.size - offset);
    const block = Buffer.alloc(want);
    await this.fill(block, offset);
    this.block = block;
    this.blockStart = offset;
    return block.subarray(0, end - offset);
  }

  private async fill(buf: Buffer, position: number): Promise<void> {
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await this.fh.read(buf, done, buf.length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
