/**
 * A walker for Maya's IFF variant (.mb, spec/analysis.md §4.3):
 * - 64-bit files: `FOR8`; header = tag(4) + 4 unused bytes + big-endian size(8);
 * - 32-bit files: `FOR4` (or classic `FORM`); header = tag(4) + big-endian size(4);
 * - groups (`FOR*`, `LIS*`, `CAT*`, `PRO*`) are followed by a 4-byte form type, then children.
 * Padding: a leaf's header+data is padded to 8 bytes (64-bit; 4 for 32-bit) from the leaf's own start,
 * a group's to 4. When the next tag does not look like a tag, the other alignments are tried (the
 * rule is empirical). A size that does not fit in its parent is corruption; past the end of the file
 * it is truncation. Nothing is allocated from a declared size without checking it against the file.
 */
import { throwIfAborted } from '../../../errors';
import type { BlockReader } from './block-reader';

/** One chunk header: where it is, its tag and size, and a group's form type. */
export interface IffChunk {
  tag: string;
  offset: number;
  dataOffset: number;
  size: number;
  group: boolean;
  /** Form type of a group (`Maya`, `HEAD`, `XFRM` or a 4-byte plugin type id). */
  formType?: Buffer;
  depth: number;
}

/** What the walker calls for each chunk. */
export interface IffVisitor {
  /** Return true to walk into the group's children. */
  group(c: IffChunk): boolean | Promise<boolean>;
  /** Return true to get the leaf's data in `data`. */
  wantData(c: IffChunk): boolean;
  leaf(c: IffChunk, data: Buffer | undefined): void | Promise<void>;
}

/** A chunk does not fit (corruption) or the file ends inside it (truncation). */
export class IffStructureError extends Error {
  constructor(message: string, readonly offset: number, readonly truncated: boolean) {
    super(message);
  }
}

const GROUPS64 = new Set(['FOR8', 'LIS8', 'CAT8', 'PRO8']);
const GROUPS32 = new Set(['FOR4', 'LIS4', 'CAT4', 'PRO4', 'FORM', 'LIST', 'CAT ', 'PROP']);
const MAX_DEPTH = 64;
/** Leaf payloads we decode are small (names, strings); bigger ones are skipped, never loaded. */
export const MAX_LEAF_DATA = 16 << 20;

function plausibleTag(b: Buffer): boolean {
  if (b.length < 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = b[i]!;
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x23 || c === 0x5f;
    if (!ok) return false;
  }
  return true;
}

const align = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Walks the chunks of one IFF file (64-bit or 32-bit, by the top tag). */
export class IffWalker {
  readonly wide: boolean;
  private readonly headerSize: number;

  constructor(private readonly src: BlockReader, topTag: string, private readonly signal?: AbortSignal) {
    this.wide = topTag.endsWith('8');
    this.headerSize = this.wide ? 16 : 8;
  }

  private isGroup(tag: string): boolean {
    return this.wide ? GROUPS64.has(tag) : GROUPS32.has(tag);
  }

  /** Reads the chunk header at `offset`, inside a parent that ends at `end`. */
  async header(offset: number, end: number, depth: number): Promise<IffChunk> {
    const h = await this.src.read(offset, this.headerSize + 4);
    if (h.length < this.headerSize) throw new IffStructureError('chunk header cut short', offset, end > this.src.size || offset + this.headerSize > this.src.size);
    const tag = h.toString('latin1', 0, 4);
    if (!plausibleTag(h)) throw new IffStructureError(`invalid chunk tag ${JSON.stringify(tag)}`, offset, false);
    const size = this.wide ? Number(h.readBigUInt64BE(8)) : h.readUInt32BE(4);
    const dataOffset = offset + this.headerSize;
    const group = this.isGroup(tag);
    if (!Number.isSafeInteger(size) || dataOffset + size > end || (group && size < 4)) {
      const truncated = dataOffset + size > this.src.size && end >= this.src.size;
      throw new IffStructureError(`chunk ${tag} declares ${size} bytes, more than its container holds`, offset, truncated);
    }
    const c: IffChunk = { tag, offset, dataOffset, size, group, depth };
    if (group) c.formType = Buffer.from(h.subarray(this.headerSize, this.headerSize + 4));
    return c;
  }

  /** Offset of the chunk after `c`, inside a parent that ends at `end`. */
  private async next(c: IffChunk, end: number): Promise<number> {
    const raw = c.dataOffset + c.size;
    const rule = align(raw - c.offset, c.group ? 4 : this.wide ? 8 : 4) + c.offset;
    if (rule >= end) return end;
    const candidates = [rule, align(raw - c.offset, 4) + c.offset, align(raw - c.offset, 8) + c.offset, raw];
    for (const at of candidates) {
      if (at === end) return end;
      if (at < end && plausibleTag(await this.src.read(at, 4))) return at;
    }
    return rule;
  }

  /** Walks the children in [start, end). */
  async walk(start: number, end: number, depth: number, v: IffVisitor): Promise<void> {
    if (depth > MAX_DEPTH) throw new IffStructureError('groups nested too deep', start, false);
    let at = start;
    while (at + this.headerSize <= end) {
      // every chunk: a flag test is nothing beside the read, and small nested groups add up
      throwIfAborted(this.signal);
      const c = await this.header(at, end, depth);
      if (c.group) {
        if (await v.group(c)) await this.walk(c.dataOffset + 4, c.dataOffset + c.size, depth + 1, v);
      } else {
        const want = v.wantData(c) && c.size <= MAX_LEAF_DATA;
        await v.leaf(c, want ? await this.src.read(c.dataOffset, c.size) : undefined);
      }
      at = await this.next(c, end);
    }
  }
}
