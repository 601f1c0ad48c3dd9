/**
 * Decoders for the two compressions a crate file uses (spec/usd.md §2.5, §2.6): TfFastCompression's
 * framing around raw LZ4 blocks, and Usd_IntegerCompression's delta-coded integer arrays. Both
 * check every size against what the caller expects, so a damaged file is an error, not garbage.
 */
import { decompressBlock } from 'lz4js';

/** Thrown for a blob that does not decode to the size its caller expects. */
export class CompressionError extends Error {}

const LZ4_MAX_INPUT_SIZE = 0x7e000000;

/**
 * The bytes a TfFastCompression blob holds: exactly `expected`, or (`atMost`) up to it — the
 * integer coder's output size is known only as a bound.
 */
export function decompressFast(blob: Buffer, expected: number, atMost = false): Buffer {
  if (blob.length === 0) {
    if (expected === 0) return Buffer.alloc(0);
    throw new CompressionError('empty compressed block');
  }
  const out = Buffer.alloc(expected);
  const chunks = blob.readInt8(0);
  let written = 0;
  if (chunks === 0) {
    written = decodeBlock(blob, 1, blob.length - 1, out, 0);
  } else if (chunks > 0) {
    let at = 1;
    for (let c = 0; c < chunks; c += 1) {
      if (at + 4 > blob.length) throw new CompressionError('chunk header past the end of the block');
      const size = blob.readInt32LE(at);
      at += 4;
      if (size < 0 || at + size > blob.length) throw new CompressionError('chunk past the end of the block');
      const before = written;
      written = decodeBlock(blob, at, size, out, written);
      if (written - before > LZ4_MAX_INPUT_SIZE) throw new CompressionError('chunk larger than LZ4 allows');
      at += size;
    }
  } else {
    throw new CompressionError(`negative chunk count ${chunks}`);
  }
  if (atMost ? written > expected : written !== expected) throw new CompressionError(`decoded ${written} bytes where ${atMost ? 'at most ' : ''}${expected} were expected`);
  return atMost ? out.subarray(0, written) : out;
}

function decodeBlock(src: Buffer, at: number, length: number, out: Buffer, outAt: number): number {
  // lz4js never writes past `out` (a typed array ignores such writes) and stops at the block's end;
  // a match reaching before the output start or a block that overruns shows in the returned size.
  const end = decompressBlock(src, out, at, length, outAt);
  if (!Number.isInteger(end) || end > out.length) throw new CompressionError('the LZ4 block decodes past its expected size');
  return end;
}

/** `n` integers from a decoded Usd_IntegerCompression buffer (the 32-bit coder: i8/i16/i32 deltas). */
export function decodeInts(buf: Buffer, n: number): number[] {
  const out = new Array<number>(n);
  let prev = 0;
  walkCodes(buf, n, 4, (i, code, at) => {
    const delta = code === 0 ? buf.readInt32LE(0) : code === 1 ? buf.readInt8(at) : code === 2 ? buf.readInt16LE(at) : buf.readInt32LE(at);
    prev = (prev + delta) | 0;
    out[i] = prev;
  });
  return out;
}

/** `n` integers from a Usd_IntegerCompression64 buffer (int64/uint64 arrays: i16/i32/i64 deltas), wrapping as C++ does. */
export function decodeInts64(buf: Buffer, n: number): bigint[] {
  const out = new Array<bigint>(n);
  let prev = 0n;
  walkCodes(buf, n, 8, (i, code, at) => {
    const delta = code === 0 ? buf.readBigInt64LE(0) : code === 1 ? BigInt(buf.readInt16LE(at)) : code === 2 ? BigInt(buf.readInt32LE(at)) : buf.readBigInt64LE(at);
    prev = BigInt.asIntN(64, prev + delta);
    out[i] = prev;
  });
  return out;
}

/**
 * The common value (`width` bytes), then 2-bit codes, 4 a byte from the low bits, then one delta per
 * non-zero code of 1, 2 or 4 × width/4 bytes (§2.6); calls `take` with where each delta starts.
 */
function walkCodes(buf: Buffer, n: number, width: 4 | 8, take: (i: number, code: number, at: number) => void): void {
  if (n === 0) return;
  const codeBytes = Math.ceil((n * 2) / 8);
  if (buf.length < width + codeBytes) throw new CompressionError('integer block shorter than its codes');
  let at = width + codeBytes;
  const unit = width / 4;
  for (let i = 0; i < n; i += 1) {
    const code = (buf[width + (i >> 2)]! >> (2 * (i & 3))) & 3;
    const need = code === 0 ? 0 : unit << (code - 1);
    if (at + need > buf.length) throw new CompressionError('integer block ends inside a delta');
    take(i, code, at);
    at += need;
  }
}
