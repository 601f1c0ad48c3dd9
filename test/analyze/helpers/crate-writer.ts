/**
 * A crate (.usdc) writer for tests, written from spec/usd.md §2 (no USD tooling installs here):
 * versions 0.4.0–0.11.0 with compressed structural sections, values laid out as OpenUSD's
 * `CrateFile::_Writer` lays them — VtValues with nested data between the `i64` and the rep, time
 * samples with shared times, arrays with the rank word (< 0.5.0), u32 counts (< 0.7.0), and the
 * integer coder for int arrays (≥ 0.5.0) and 'i'/'t' float arrays (≥ 0.6.0) of 16 elements or more.
 */
import { compressBlock } from 'lz4js';

export type Version = [number, number, number];
export const TYPE = {
  Bool: 1, Int: 3, UInt: 4, Int64: 5, UInt64: 6, Half: 7, Float: 8, Double: 9, String: 10, Token: 11, AssetPath: 12,
  Vec3f: 24, Dictionary: 31, ReferenceListOp: 35, TokenVector: 41, Specifier: 42, TimeSamples: 46, DoubleVector: 48,
  StringVector: 50, ValueBlock: 51,
} as const;
export const SPEC = { Attribute: 1, Prim: 6, PseudoRoot: 7, Variant: 10 } as const;

const ARRAY = 1n << 63n;
const INLINED = 1n << 62n;
const COMPRESSED = 1n << 61n;
const MIN_COMPRESSED = 16;

/** A ValueRep (§2.12). */
export const rep = (type: number, payload: number | bigint, o: { array?: boolean; inlined?: boolean; compressed?: boolean } = {}): bigint =>
  (o.array ? ARRAY : 0n) | (o.inlined ? INLINED : 0n) | (o.compressed ? COMPRESSED : 0n) | (BigInt(type) << 48n) | (BigInt(payload) & 0xffffffffffffn);

/** Usd_IntegerCompression(64) encoding (§2.6): the most common delta (ties: the larger), 2-bit codes, deltas. */
export function encodeInts(values: readonly (number | bigint)[], wide = false): Buffer {
  if (values.length === 0) return Buffer.alloc(0);
  const bits = wide ? 64 : 32;
  const deltas: bigint[] = [];
  let prev = 0n;
  for (const v of values) {
    const cur = BigInt.asIntN(bits, BigInt(v));
    deltas.push(BigInt.asIntN(bits, cur - prev));
    prev = cur;
  }
  const counts = new Map<bigint, number>();
  for (const d of deltas) counts.set(d, (counts.get(d) ?? 0) + 1);
  let common = deltas[0]!;
  for (const [d, c] of counts) if (c > counts.get(common)! || (c === counts.get(common)! && d > common)) common = d;
  const width = wide ? 8 : 4;
  const codes = Buffer.alloc(Math.ceil((values.length * 2) / 8));
  const tail: Buffer[] = [];
  deltas.forEach((d, i) => {
    const fits = (b: number): boolean => d >= -(1n << BigInt(b - 1)) && d < 1n << BigInt(b - 1);
    let code = 3;
    if (d === common) code = 0;
    else if (fits(wide ? 16 : 8)) code = 1;
    else if (fits(wide ? 32 : 16)) code = 2;
    codes[i >> 2]! |= code << (2 * (i & 3));
    if (code === 0) return;
    const size = (width / 4) << (code - 1);
    const b = Buffer.alloc(size);
    if (size === 1) b.writeInt8(Number(d));
    else if (size === 2) b.writeInt16LE(Number(d));
    else if (size === 4) b.writeInt32LE(Number(d));
    else b.writeBigInt64LE(d);
    tail.push(b);
  });
  const head = Buffer.alloc(width);
  if (wide) head.writeBigInt64LE(common);
  else head.writeInt32LE(Number(common));
  return Buffer.concat([head, codes, ...tail]);
}

/** TfFastCompression framing (§2.5): one chunk, a raw LZ4 block (literals only when nothing matches). */
export function fastCompress(data: Buffer): Buffer {
  if (data.length === 0) return Buffer.alloc(0);
  const out = Buffer.alloc(data.length + Math.ceil(data.length / 255) + 16);
  let n = compressBlock(data, out, 0, data.length, new Uint32Array(1 << 16));
  if (n === 0) {
    let at = 0;
    const lit = data.length;
    out[at++] = (Math.min(lit, 15) << 4);
    if (lit >= 15) { let r = lit - 15; while (r >= 255) { out[at++] = 255; r -= 255; } out[at++] = r; }
    data.copy(out, at);
    n = at + lit;
  }
  return Buffer.concat([Buffer.from([0]), out.subarray(0, n)]);
}

const u64 = (n: number | bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };
const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const compressedInts = (values: readonly (number | bigint)[], wide = false): Buffer => {
  const blob = fastCompress(encodeInts(values, wide));
  return Buffer.concat([u64(blob.length), blob]);
};

/** IEEE binary16 bits of a number that a half holds exactly (test values only). */
export function toHalf(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const exp = Math.floor(Math.log2(a));
  const frac = Math.round((a / 2 ** exp - 1) * 1024);
  return sign | ((exp + 15) << 10) | frac;
}

export class CrateWriter {
  private readonly tokens: string[] = [';-)'];
  private readonly strings: number[] = [];
  private readonly chunks: Buffer[] = [];
  private size = 88;
  private readonly patches: { at: number; value: bigint }[] = [];
  private readonly paths = new Map<string, number>([['/', 0]]);
  private readonly specs: { path: number; fields: [string, bigint][]; type: number }[] = [];

  constructor(readonly version: Version) {
    if (version[0] !== 0 || version[1] < 4) throw new Error('this writer writes 0.4.0 and later');
  }

  /** Where the next value's bytes go (the end of the last one written). */
  get offset(): number { return this.size; }

  private atLeast(minor: number): boolean { return this.version[1] >= minor; }

  token(s: string): number {
    const i = this.tokens.indexOf(s);
    return i >= 0 ? i : this.tokens.push(s) - 1;
  }

  string(s: string): number {
    const t = this.token(s);
    const i = this.strings.indexOf(t);
    return i >= 0 ? i : this.strings.push(t) - 1;
  }

  /** Appends value bytes; returns their offset. */
  write(b: Buffer): number {
    const at = this.size;
    this.chunks.push(b);
    this.size += b.length;
    return at;
  }

  private align(n: number): void {
    if (this.size % n) this.write(Buffer.alloc(n - (this.size % n)));
  }

  private arrayHead(count: number): Buffer {
    return Buffer.concat([this.atLeast(5) ? Buffer.alloc(0) : u32(1), this.atLeast(7) ? u64(count) : u32(count)]);
  }

  // --- values: each writes its out-of-line bytes now and returns its rep ---------------------

  tokenValue(s: string): bigint { return rep(TYPE.Token, this.token(s), { inlined: true }); }
  stringValue(s: string): bigint { return rep(TYPE.String, this.string(s), { inlined: true }); }
  asset(s: string): bigint { return rep(TYPE.AssetPath, this.token(s), { inlined: true }); }
  block(): bigint { return rep(TYPE.ValueBlock, 0, { inlined: true }); }

  /** asset[] / string[] (string indexes) or token[] (token indexes), plain (never compressed). */
  indexArray(type: 10 | 11 | 12, items: string[]): bigint {
    if (items.length === 0) return rep(type, 0, { array: true });
    this.align(8);
    const at = this.write(Buffer.concat([this.arrayHead(items.length), ...items.map((s) => u32(type === 11 ? this.token(s) : this.string(s)))]));
    return rep(type, at, { array: true });
  }

  /** int[]/uint[]/int64[]/uint64[]: compressed when the version allows and there are ≥ 16. */
  intArray(type: 3 | 4 | 5 | 6, values: (number | bigint)[]): bigint {
    const wide = type === 5 || type === 6;
    if (values.length === 0) return rep(type, 0, { array: true });
    if (!this.atLeast(5) || values.length < MIN_COMPRESSED) {
      this.align(8);
      const body = values.map((v) => { const b = Buffer.alloc(wide ? 8 : 4); if (wide) b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v))); else b.writeUInt32LE(Number(v) >>> 0); return b; });
      return rep(type, this.write(Buffer.concat([this.arrayHead(values.length), ...body])), { array: true });
    }
    const at = this.write(Buffer.concat([this.arrayHead(values.length), compressedInts(values, wide)]));
    return rep(type, at, { array: true, compressed: true });
  }

  /** half[]/float[]/double[]: 'i' when every value is an integer, 't' when few distinct values, else plain. */
  floatArray(type: 7 | 8 | 9, values: number[]): bigint {
    const size = type === 9 ? 8 : type === 8 ? 4 : 2;
    const raw = (vs: number[]): Buffer => Buffer.concat(vs.map((v) => { const b = Buffer.alloc(size); if (size === 8) b.writeDoubleLE(v); else if (size === 4) b.writeFloatLE(v); else b.writeUInt16LE(toHalf(v)); return b; }));
    if (values.length === 0) return rep(type, 0, { array: true });
    const distinct = [...new Set(values)];
    const lutOk = distinct.length <= Math.min(1024, Math.floor(values.length / 4));
    const integral = values.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31);
    if (!this.atLeast(6) || values.length < MIN_COMPRESSED || (!integral && !lutOk)) {
      this.align(8);
      return rep(type, this.write(Buffer.concat([this.arrayHead(values.length), raw(values)])), { array: true });
    }
    const body = integral
      ? Buffer.concat([Buffer.from('i'), compressedInts(values)])
      : Buffer.concat([Buffer.from('t'), u32(distinct.length), raw(distinct), compressedInts(values.map((v) => distinct.indexOf(v)))]);
    return rep(type, this.write(Buffer.concat([this.arrayHead(values.length), body])), { array: true, compressed: true });
  }

  /** Raw POD elements of any other array type (vectors, matrices …). */
  podArray(type: number, elementBytes: number, count: number): bigint {
    this.align(8);
    const body = Buffer.alloc(count * elementBytes);
    for (let i = 0; i < body.length; i += 1) body[i] = (i * 37) & 0xff;
    return rep(type, this.write(Buffer.concat([this.arrayHead(count), body])), { array: true });
  }

  stringVector(items: string[]): bigint {
    return rep(TYPE.StringVector, this.write(Buffer.concat([u64(items.length), ...items.map((s) => u32(this.string(s)))])));
  }

  /** A dictionary: per entry the key, then a VtValue whose nested data sits between its `i64` and its rep. */
  dictionary(entries: [string, () => bigint][]): bigint {
    if (entries.length === 0) return rep(TYPE.Dictionary, 0, { inlined: true });
    const values = entries.map(([key, make]) => ({ key, make }));
    // OpenUSD writes nested values first (depth first), then the map; here the map is laid out by
    // writing each key and VtValue in turn, with the nested bytes placed after the i64.
    const start = this.write(u64(values.length));
    for (const { key, make } of values) {
      this.write(u32(this.string(key)));
      const relAt = this.write(Buffer.alloc(8));
      const r = make();
      const repAt = this.write(u64(r));
      this.patches.push({ at: relAt, value: BigInt(repAt - relAt) });
    }
    return rep(TYPE.Dictionary, start);
  }

  /** Time samples (§2.15.2): shared times as a DoubleVector, then the reps, one per time. */
  timeSamples(samples: [number, () => bigint][]): bigint {
    const reps = samples.map(([, make]) => make());
    const timesAt = this.write(Buffer.concat([u64(samples.length), ...samples.map(([t]) => { const b = Buffer.alloc(8); b.writeDoubleLE(t); return b; })]));
    const at = this.write(Buffer.concat([u64(8), u64(rep(TYPE.DoubleVector, timesAt)), u64(8), u64(reps.length), ...reps.map((r) => u64(r))]));
    return rep(TYPE.TimeSamples, at);
  }

  /** A reference list op with prepended items (§2.15): asset path, prim path, layer offset, empty customData. */
  prependedReferences(assets: string[]): bigint {
    const items = assets.map((a) => { const lo = Buffer.alloc(16); lo.writeDoubleLE(1, 8); return Buffer.concat([u32(this.string(a)), u32(0xffffffff), lo, u64(0)]); });
    return rep(TYPE.ReferenceListOp, this.write(Buffer.concat([Buffer.from([0x20]), u64(items.length), ...items])));
  }

  // --- structure ---------------------------------------------------------------------------

  private pathIndex(p: string): number {
    let i = this.paths.get(p);
    if (i === undefined) this.paths.set(p, (i = this.paths.size));
    return i;
  }

  /** A spec at a path (`/`, `/World`, `/World.tex`, `/World{look=wood}`) with its fields. */
  spec(path: string, type: number, fields: [string, bigint][]): void {
    for (let p = parentOf(path); p !== undefined && p !== '/'; p = parentOf(p)) this.pathIndex(p);
    this.specs.push({ path: this.pathIndex(path), fields, type });
  }

  finish(): Buffer {
    const names: string[] = [];
    const reps: bigint[] = [];
    const sets: number[] = [];
    const specSets: number[] = [];
    for (const s of this.specs) {
      specSets.push(sets.length);
      for (const [name, r] of s.fields) { names.push(name); reps.push(r); sets.push(reps.length - 1); }
      sets.push(-1);
    }
    const fieldTokens = names.map((n) => this.token(n));
    const tree = pathEntries([...this.paths.keys()], (name) => this.token(name), this.paths);
    const sections: [string, Buffer][] = [];
    const text = Buffer.from(this.tokens.map((t) => `${t}\0`).join(''));
    const blob = fastCompress(text);
    sections.push(['TOKENS', Buffer.concat([u64(this.tokens.length), u64(text.length), u64(blob.length), blob])]);
    sections.push(['STRINGS', Buffer.concat([u64(this.strings.length), ...this.strings.map(u32)])]);
    const repBlob = fastCompress(Buffer.concat(reps.map((r) => u64(r))));
    sections.push(['FIELDS', Buffer.concat([u64(names.length), compressedInts(fieldTokens), u64(repBlob.length), repBlob])]);
    sections.push(['FIELDSETS', Buffer.concat([u64(sets.length), compressedInts(sets)])]);
    sections.push(['PATHS', Buffer.concat([u64(this.paths.size), u64(tree.length), compressedInts(tree.map((e) => e.index)), compressedInts(tree.map((e) => e.element)), compressedInts(tree.map((e) => e.jump))])]);
    sections.push(['SPECS', Buffer.concat([u64(this.specs.length), compressedInts(this.specs.map((s) => s.path)), compressedInts(specSets), compressedInts(this.specs.map((s) => s.type))])]);
    const toc: Buffer[] = [u64(sections.length)];
    for (const [name, body] of sections) {
      const at = this.write(body);
      const rec = Buffer.alloc(32);
      rec.write(name, 0, 'latin1');
      rec.writeBigInt64LE(BigInt(at), 16);
      rec.writeBigInt64LE(BigInt(body.length), 24);
      toc.push(rec);
    }
    const tocAt = this.write(Buffer.concat(toc));
    const boot = Buffer.alloc(88);
    boot.write('PXR-USDC', 0, 'latin1');
    boot[8] = this.version[0]; boot[9] = this.version[1]; boot[10] = this.version[2];
    boot.writeBigInt64LE(BigInt(tocAt), 16);
    const file = Buffer.concat([boot, ...this.chunks]);
    for (const p of this.patches) file.writeBigInt64LE(p.value, p.at);
    return file;
  }
}

function parentOf(p: string): string | undefined {
  if (p === '/') return undefined;
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('.'), p.lastIndexOf('{'));
  return cut <= 0 ? '/' : p.slice(0, cut);
}

function elementOf(p: string): { name: string; property: boolean } {
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('.'), p.lastIndexOf('{'));
  const c = p[cut];
  return { name: c === '{' ? p.slice(cut) : p.slice(cut + 1), property: c === '.' };
}

/** The PATHS arrays (§2.11): depth-first over the sorted tree; jumps −2 leaf, −1 child only, 0 sibling only, > 0 both. */
function pathEntries(all: string[], token: (s: string) => number, index: Map<string, number>): { index: number; element: number; jump: number }[] {
  const children = new Map<string, string[]>();
  for (const p of all) {
    const parent = parentOf(p);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), p].sort());
  }
  const out: { index: number; element: number; jump: number }[] = [];
  const emit = (p: string, hasSibling: boolean): void => {
    const k = out.length;
    const e = p === '/' ? { name: '', property: false } : elementOf(p);
    out.push({ index: index.get(p)!, element: p === '/' ? 0 : e.property ? -token(e.name) : token(e.name), jump: 0 });
    const kids = children.get(p) ?? [];
    kids.forEach((c, i) => emit(c, i < kids.length - 1));
    out[k]!.jump = kids.length > 0 && hasSibling ? out.length - k : kids.length > 0 ? -1 : hasSibling ? 0 : -2;
  };
  emit('/', false);
  return out;
}
