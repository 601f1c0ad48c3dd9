/**
 * The .usdz package (spec/usd.md §4.1): a zip of stored members, walked by local file headers from
 * offset 0 the way OpenUSD does (not the central directory). Only names, offsets and sizes are read.
 */
import { SceneParseError } from '../errors';
import type { ByteSource } from './byte-source';

export interface PackageMember {
  name: string;
  /** Offset of the member's data inside the package. */
  offset: number;
  size: number;
}

const LOCAL_HEADER = 0x04034b50;
const MAX_MEMBERS = 100_000;

export async function listPackage(src: ByteSource): Promise<PackageMember[]> {
  const members: PackageMember[] = [];
  let at = 0;
  while (at + 30 <= src.size) {
    const h = await src.read(at, 30, 'zip local header');
    if (h.readUInt32LE(0) !== LOCAL_HEADER) break;
    if (members.length >= MAX_MEMBERS) throw new SceneParseError(src.file, at, `more than ${MAX_MEMBERS} members`);
    const flags = h.readUInt16LE(6);
    const method = h.readUInt16LE(8);
    const size = h.readUInt32LE(18);
    const nameLength = h.readUInt16LE(26);
    const extraLength = h.readUInt16LE(28);
    const name = (await src.read(at + 30, nameLength, 'zip member name')).toString('utf8');
    const offset = at + 30 + nameLength + extraLength;
    if (method !== 0) throw new SceneParseError(src.file, at, `member ${name} is compressed (method ${method}); a .usdz stores its members uncompressed`);
    if (flags & 1) throw new SceneParseError(src.file, at, `member ${name} is encrypted`);
    if (flags & 8) throw new SceneParseError(src.file, at, `member ${name} uses a data descriptor, which .usdz does not allow`);
    if (offset + size > src.size) throw new SceneParseError(src.file, at, `member ${name} (${size} bytes) runs past the end of the package: truncated?`);
    members.push({ name, offset, size });
    at = offset + size;
  }
  if (members.length === 0) throw new SceneParseError(src.file, 0, 'not a .usdz package (no zip member at offset 0)');
  return members;
}
