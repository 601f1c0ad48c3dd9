/**
 * Array values of a crate file (spec/usd.md §2.15.1) in every layout: the rank word before 0.5.0,
 * u32 counts before 0.7.0, integer-compressed int/uint/int64/uint64 arrays (≥ 0.5.0), and
 * half/float/double arrays stored as compressed ints ('i') or a lookup table ('t', ≥ 0.6.0), as
 * OpenUSD's `_ReadPossiblyCompressedArray` reads them. `arrayExtent` gives any array's exact byte
 * span without decoding it; `readArray` decodes the elements.
 */
import type { ByteSource } from './byte-source';
import { CompressionError, decodeInts, decodeInts64, decompressFast } from './fast-compression';

export type CrateVersion = readonly [number, number, number];

/** Element bytes of each array-capable type (§2.13); string, token and asset elements are u32 indexes. */
const ELEMENT_BYTES: Readonly<Record<number, number>> = {
  1: 1, 2: 1, 3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 4, 9: 8, 10: 4, 11: 4, 12: 4, 13: 32, 14: 72, 15: 128,
  16: 32, 17: 16, 18: 8, 19: 16, 20: 8, 21: 4, 22: 8, 23: 24, 24: 12, 25: 6, 26: 12, 27: 32, 28: 16,
  29: 8, 30: 16, 56: 8, 57: 4,
};
const INT_TYPES = new Set([3, 4, 5, 6]);
const FLOAT_TYPES = new Set([7, 8, 9]);
/** Arrays of these types are never compressed: their elements are string (10, 12) or token (11) indexes. */
export const INDEX_TYPES = new Set([10, 11, 12]);
/** OpenUSD compresses arrays of at least this many elements only (`MinCompressedArraySize`). */
const MIN_COMPRESSED = 16;

export interface ArrayRep { type: number; compressed: boolean; payload: number }

export type ArrayElements =
  | { kind: 'indexes'; values: number[] }
  | { kind: 'numbers'; values: number[] }
  | { kind: 'bigints'; values: bigint[] }
  | { kind: 'raw'; count: number; bytes: Buffer };

export class CrateArrayError extends Error {}

const atLeast = (v: CrateVersion, minor: number): boolean => v[0] > 0 || v[1] >= minor;

/** How the array at `rep` is stored: element count, where its body starts and which encoding it uses. */
async function layoutOf(src: ByteSource, rep: ArrayRep, version: CrateVersion) {
  const size = ELEMENT_BYTES[rep.type];
  if (size === undefined) throw new CrateArrayError(`type ${rep.type} cannot be an array`);
  let at = rep.payload + (atLeast(version, 5) ? 0 : 4); // rank, dropped in 0.5.0
  const wide = atLeast(version, 7);
  const head = await src.read(at, wide ? 8 : 4, 'array size');
  const big = wide ? head.readBigUInt64LE(0) : BigInt(head.readUInt32LE(0));
  if (big > BigInt(src.size)) throw new CrateArrayError(`an array of ${big} elements cannot fit in the ${src.size}-byte layer`);
  const count = Number(big);
  at += wide ? 8 : 4;
  const ints = rep.compressed && INT_TYPES.has(rep.type) && atLeast(version, 5);
  const floats = rep.compressed && FLOAT_TYPES.has(rep.type) && atLeast(version, 6) && count >= MIN_COMPRESSED;
  const encoding: 'plain' | 'ints' | 'floats' = ints ? 'ints' : floats ? 'floats' : 'plain';
  return { size, count, at, encoding };
}

/** A compressed-int block at `at` (u64 size + TfFastCompression blob): its size and end. */
async function intBlockAt(src: ByteSource, at: number): Promise<{ blobAt: number; blobSize: number; end: number }> {
  const raw = (await src.read(at, 8, 'compressed array size')).readBigUInt64LE(0);
  if (raw > BigInt(src.size - at - 8)) throw new CrateArrayError(`a compressed array of ${raw} bytes runs past the layer`);
  const blobSize = Number(raw);
  return { blobAt: at + 8, blobSize, end: at + 8 + blobSize };
}

async function intsAt(src: ByteSource, at: number, n: number, wide: boolean): Promise<{ values: number[] | bigint[]; end: number }> {
  const block = await intBlockAt(src, at);
  const blob = await src.read(block.blobAt, block.blobSize, 'compressed array');
  const bound = n === 0 ? 0 : (wide ? 8 : 4) + Math.ceil((n * 2) / 8) + (wide ? 8 : 4) * n;
  const decoded = decompressFast(blob, bound, true);
  return { values: wide ? decodeInts64(decoded, n) : decodeInts(decoded, n), end: block.end };
}

/** Where the float code byte leads: the lookup table's size, or the compressed ints right after it. */
async function floatHeader(src: ByteSource, at: number, size: number): Promise<{ code: 'i' | 't'; lutSize: number; intsAt: number }> {
  const code = String.fromCharCode((await src.read(at, 1, 'compressed array code'))[0]!);
  if (code === 'i') return { code, lutSize: 0, intsAt: at + 1 };
  if (code !== 't') throw new CrateArrayError(`compressed float array with unknown code ${JSON.stringify(code)}`);
  const lutSize = (await src.read(at + 1, 4, 'lookup table size')).readUInt32LE(0);
  if (lutSize * size > src.size) throw new CrateArrayError(`a lookup table of ${lutSize} elements cannot fit in the layer`);
  return { code, lutSize, intsAt: at + 5 + lutSize * size };
}

/** The exact byte span [start, end) of the array at `rep` (payload 0 = empty, nothing stored). */
export async function arrayExtent(src: ByteSource, rep: ArrayRep, version: CrateVersion): Promise<{ count: number; end: number }> {
  if (rep.payload === 0) return { count: 0, end: 0 };
  const l = await layoutOf(src, rep, version);
  let end: number;
  if (l.encoding === 'ints') end = (await intBlockAt(src, l.at)).end;
  else if (l.encoding === 'floats') end = (await intBlockAt(src, (await floatHeader(src, l.at, l.size)).intsAt)).end;
  else end = l.at + l.count * l.size;
  if (end > src.size) throw new CrateArrayError(`an array of ${l.count} elements runs past the layer`);
  return { count: l.count, end };
}

/** The elements of the array at `rep`: indexes for string/token/asset arrays, numbers for scalars, raw bytes otherwise. */
export async function readArray(src: ByteSource, rep: ArrayRep, version: CrateVersion): Promise<ArrayElements> {
  try {
    return await decode(src, rep, version);
  } catch (err) {
    if (err instanceof CompressionError) throw new CrateArrayError(err.message);
    throw err;
  }
}

async function decode(src: ByteSource, rep: ArrayRep, version: CrateVersion): Promise<ArrayElements> {
  if (rep.payload === 0) return INDEX_TYPES.has(rep.type) ? { kind: 'indexes', values: [] } : { kind: 'raw', count: 0, bytes: Buffer.alloc(0) };
  const l = await layoutOf(src, rep, version);
  const wide = l.size === 8;
  if (l.encoding === 'ints') {
    const { values } = await intsAt(src, l.at, l.count, wide);
    return wide ? { kind: 'bigints', values: (values as bigint[]).map((v) => (rep.type === 6 ? BigInt.asUintN(64, v) : v)) } : { kind: 'numbers', values: (values as number[]).map((v) => (rep.type === 4 ? v >>> 0 : v)) };
  }
  if (l.encoding === 'floats') {
    const h = await floatHeader(src, l.at, l.size);
    if (h.code === 'i') return { kind: 'numbers', values: (await intsAt(src, h.intsAt, l.count, false)).values as number[] };
    const lut = await src.read(l.at + 5, h.lutSize * l.size, 'lookup table');
    const indexes = (await intsAt(src, h.intsAt, l.count, false)).values as number[];
    return { kind: 'numbers', values: indexes.map((i) => {
      const k = i >>> 0;
      if (k >= h.lutSize) throw new CrateArrayError(`lookup index ${k} outside a table of ${h.lutSize}`);
      return floatAt(lut, k * l.size, rep.type);
    }) };
  }
  const bytes = await src.read(l.at, l.count * l.size, 'array');
  if (INDEX_TYPES.has(rep.type)) return { kind: 'indexes', values: Array.from({ length: l.count }, (_, i) => bytes.readUInt32LE(i * 4)) };
  if (FLOAT_TYPES.has(rep.type)) return { kind: 'numbers', values: Array.from({ length: l.count }, (_, i) => floatAt(bytes, i * l.size, rep.type)) };
  if (rep.type === 3 || rep.type === 4) return { kind: 'numbers', values: Array.from({ length: l.count }, (_, i) => (rep.type === 3 ? bytes.readInt32LE(i * 4) : bytes.readUInt32LE(i * 4))) };
  if (rep.type === 5 || rep.type === 6) return { kind: 'bigints', values: Array.from({ length: l.count }, (_, i) => (rep.type === 5 ? bytes.readBigInt64LE(i * 8) : bytes.readBigUInt64LE(i * 8))) };
  return { kind: 'raw', count: l.count, bytes };
}

function floatAt(buf: Buffer, at: number, type: number): number {
  if (type === 9) return buf.readDoubleLE(at);
  if (type === 8) return buf.readFloatLE(at);
  return halfToNumber(buf.readUInt16LE(at));
}

/** IEEE 754 binary16 → number (GfHalf). */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
