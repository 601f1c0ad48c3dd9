/**
 * The crate binary format (.usdc, and .usd files starting with PXR-USDC), read only as far as asset
 * paths go (spec/usd.md §2): bootstrap, table of contents, the six structural sections, then for
 * each spec the values of the fields that can hold a path. Offsets are followed with bounds checks
 * and a visited set, so a damaged file is a SceneParseError, never a crash or a loop.
 * Over 400 lines because the six sections and the value kinds are one walk over shared tables;
 * array layouts (compressed or not) live apart in crate-arrays.ts.
 */
import { SceneParseError } from '../errors';
import type { ByteSource } from './byte-source';
import { arrayExtent, CrateArrayError, INDEX_TYPES, readArray } from './crate-arrays';
import { CompressionError, decodeInts, decompressFast } from './fast-compression';
import type { LayerDependency } from './layer-dependency';

const T = { String: 10, Token: 11, AssetPath: 12, Dictionary: 31, StringListOp: 33, ReferenceListOp: 35, StringVector: 50, TimeSamples: 46, Payload: 47, Value: 52, PayloadListOp: 55, DoubleVector: 48 } as const;
const SPEC = { Attribute: 1, Prim: 6, PseudoRoot: 7, Variant: 10 } as const;
const MAX_SECTIONS = 256;

interface Rep { isArray: boolean; inlined: boolean; compressed: boolean; type: number; payload: number }

function parseRep(bits: bigint): Rep {
  return {
    isArray: (bits >> 63n & 1n) === 1n,
    inlined: (bits >> 62n & 1n) === 1n,
    compressed: (bits >> 61n & 1n) === 1n,
    type: Number((bits >> 48n) & 0xffn),
    payload: Number(bits & 0xffffffffffffn),
  };
}

/** A decoded value, as far as dependencies need it. */
type Value =
  | { t: 'asset'; paths: string[] }
  | { t: 'string'; value: string }
  | { t: 'strings'; values: string[] }
  | { t: 'token'; value: string }
  | { t: 'dict'; entries: [string, Value][] }
  | { t: 'arcs'; paths: string[] }
  | { t: 'samples'; values: Value[] }
  | { t: 'other' };

const OTHER: Value = { t: 'other' };

export class CrateReader {
  private version = [0, 0, 0] as [number, number, number];
  private tokens: string[] = [];
  private strings: number[] = [];
  private fieldTokens: number[] = [];
  private fieldReps: bigint[] = [];
  private fieldSets: number[] = [];
  private paths: string[] = [];
  private specs: { path: number; fieldSet: number; type: number }[] = [];
  private visiting = new Set<number>();

  constructor(private readonly src: ByteSource) {}

  private fail(offset: number, what: string): never {
    throw new SceneParseError(this.src.file, offset, what);
  }

  private atLeast(major: number, minor: number, patch = 0): boolean {
    const [a, b, c] = this.version;
    return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
  }

  /** Every path the layer names. */
  async dependencies(): Promise<LayerDependency[]> {
    return this.typed(() => this.readDependencies());
  }

  private async typed<R>(read: () => Promise<R>): Promise<R> {
    try {
      return await read();
    } catch (err) {
      if (err instanceof CompressionError || err instanceof RangeError || err instanceof CrateArrayError) this.fail(0, `damaged value: ${err.message}`);
      throw err;
    }
  }

  private async readDependencies(): Promise<LayerDependency[]> {
    await this.readStructure();
    const out: LayerDependency[] = [];
    for (const spec of this.specs) {
      if (spec.type !== SPEC.Prim && spec.type !== SPEC.PseudoRoot && spec.type !== SPEC.Variant && spec.type !== SPEC.Attribute && spec.type !== 8) continue;
      const prim = this.paths[spec.path] || '/';
      const fields = this.fieldsOf(spec.fieldSet);
      let typeName = '';
      for (const f of fields) {
        if (this.tokens[f.name] === 'typeName') {
          const v = await this.value(f.rep);
          if (v.t === 'token') typeName = v.value;
        }
      }
      for (const f of fields) {
        const name = this.tokens[f.name] ?? '';
        const rep = parseRep(f.rep);
        if (name === 'timeSamples' && typeName !== 'asset' && typeName !== 'asset[]') continue;
        if (name === 'default' && typeName !== 'asset' && typeName !== 'asset[]') continue;
        const v = await this.value(f.rep);
        this.collect(v, name, rep.type, spec.type, prim, out);
      }
    }
    return out;
  }

  /**
   * Every array a field holds, directly or as a time sample, with its exact extent (for tools and
   * tests: the values the dependency read skips must still be measured right).
   */
  async arrays(): Promise<{ field: string; type: number; compressed: boolean; start: number; count: number; end: number }[]> {
    return this.typed(() => this.readArrays());
  }

  private async readArrays(): Promise<{ field: string; type: number; compressed: boolean; start: number; count: number; end: number }[]> {
    await this.readStructure();
    const reps: [string, bigint][] = [];
    for (let f = 0; f < this.fieldReps.length; f += 1) {
      const name = this.tokens[this.fieldTokens[f]!] ?? '';
      const bits = this.fieldReps[f]!;
      const r = parseRep(bits);
      if (r.type === T.TimeSamples && !r.isArray) for (const s of await this.sampleReps(r.payload)) reps.push([`${name}[sample]`, s]);
      else reps.push([name, bits]);
    }
    const out = [];
    for (const [field, bits] of reps) {
      const r = parseRep(bits);
      if (!r.isArray || r.payload === 0) continue;
      const { count, end } = await arrayExtent(this.src, r, this.version);
      out.push({ field, type: r.type, compressed: r.compressed, start: r.payload, count, end });
    }
    return out;
  }

  private collect(v: Value, name: string, type: number, specType: number, prim: string, out: LayerDependency[]): void {
    const isProperty = specType === SPEC.Attribute || specType === 8;
    const owner = isProperty ? prim.slice(0, Math.max(1, prim.lastIndexOf('.'))) : prim;
    const attr = isProperty ? prim.slice(prim.lastIndexOf('.') + 1) : undefined;
    if (name === 'subLayers' && v.t === 'strings') {
      for (const p of v.values) if (p) out.push({ kind: 'sublayer', path: p, prim: '/' });
    } else if ((name === 'references' || name === 'payload') && v.t === 'arcs') {
      for (const p of v.paths) if (p) out.push({ kind: name === 'references' ? 'reference' : 'payload', path: p, prim });
    } else if (name === 'clipTemplateAssetPath' && v.t === 'string') {
      if (v.value) out.push({ kind: 'clipTemplate', path: v.value, prim, key: name });
    } else {
      this.collectAssets(v, isProperty ? `${attr}:${name}` : name, name === 'clips' || name === 'clipSets', isProperty && (name === 'default' || name === 'timeSamples') ? attr : undefined, owner, out);
    }
  }

  private collectAssets(v: Value, key: string, inClips: boolean, attr: string | undefined, prim: string, out: LayerDependency[]): void {
    if (v.t === 'asset') {
      for (const p of v.paths) if (p) out.push({ kind: 'asset', path: p, prim, key: attr ?? key });
    } else if (v.t === 'dict') {
      for (const [k, child] of v.entries) {
        const texts = child.t === 'strings' ? child.values : child.t === 'string' || child.t === 'token' ? [child.value] : [];
        if (inClips && k === 'templateAssetPath') {
          if (texts[0]) out.push({ kind: 'clipTemplate', path: texts[0], prim, key: `${key}:${k}` });
        } else if (inClips && (k === 'assetPaths' || k === 'manifestAssetPath') && texts.length > 0) {
          // USD wants asset-typed values here; some writers store tokens or strings: still the clip files
          for (const p of texts) if (p) out.push({ kind: 'asset', path: p, prim, key: `${key}:${k}` });
        } else this.collectAssets(child, `${key}:${k}`, inClips, undefined, prim, out);
      }
    } else if (v.t === 'samples') {
      for (const s of v.values) this.collectAssets(s, key, inClips, attr, prim, out);
    }
  }

  private fieldsOf(start: number): { name: number; rep: bigint }[] {
    const out: { name: number; rep: bigint }[] = [];
    for (let i = start; i < this.fieldSets.length && this.fieldSets[i] !== -1 && this.fieldSets[i] !== 0xffffffff; i += 1) {
      const f = this.fieldSets[i]!;
      if (f < 0 || f >= this.fieldReps.length) this.fail(0, `field set entry ${i} names field ${f} of ${this.fieldReps.length}`);
      out.push({ name: this.fieldTokens[f]!, rep: this.fieldReps[f]! });
    }
    return out;
  }

  // --- structure -------------------------------------------------------------------------------

  private async readStructure(): Promise<void> {
    if (this.src.size < 88) this.fail(0, `a crate file has an 88-byte header; this one has ${this.src.size} bytes`);
    const boot = await this.src.read(0, 88, 'crate header');
    if (boot.toString('latin1', 0, 8) !== 'PXR-USDC') this.fail(0, 'not a crate file (no PXR-USDC identifier)');
    this.version = [boot[8]!, boot[9]!, boot[10]!];
    if (this.version[0] !== 0 || this.version[1] > 11) this.fail(8, `crate version ${this.version.join('.')} is newer than this reader (0.11.0)`);
    const toc = Number(boot.readBigInt64LE(16));
    if (toc < 88 || toc + 8 > this.src.size) this.fail(16, `table of contents at ${toc} outside the file`);
    const count = Number((await this.src.read(toc, 8, 'section count')).readBigUInt64LE(0));
    if (count > MAX_SECTIONS || toc + 8 + count * 32 > this.src.size) this.fail(toc, `table of contents claims ${count} sections`);
    const table = await this.src.read(toc + 8, count * 32, 'table of contents');
    const sections = new Map<string, { buf: Buffer; start: number }>();
    for (let i = 0; i < count; i += 1) {
      const rec = table.subarray(i * 32, i * 32 + 32);
      const name = rec.toString('latin1', 0, 16).replace(/\0.*$/s, '');
      const start = Number(rec.readBigInt64LE(16));
      const size = Number(rec.readBigInt64LE(24));
      if (['TOKENS', 'STRINGS', 'FIELDS', 'FIELDSETS', 'PATHS', 'SPECS'].includes(name)) {
        sections.set(name, { buf: await this.src.read(start, size, `section ${name}`), start });
      }
    }
    const need = (name: string): Cursor => {
      const s = sections.get(name);
      if (!s) this.fail(toc, `the crate file has no ${name} section`);
      return new Cursor(s.buf, this.src.file, name, s.start);
    };
    try {
      this.readTokens(need('TOKENS'));
      this.readStrings(need('STRINGS'));
      this.readFields(need('FIELDS'));
      this.readFieldSets(need('FIELDSETS'));
      this.readPaths(need('PATHS'));
      this.readSpecs(need('SPECS'));
    } catch (err) {
      if (err instanceof CompressionError || err instanceof RangeError) this.fail(toc, `damaged structural section: ${err.message}`);
      throw err;
    }
  }

  private compressed(_c: Cursor): boolean {
    return this.atLeast(0, 4);
  }

  private ints(c: Cursor, n: number): number[] {
    const size = c.u64();
    return decodeInts(decompressFast(c.bytes(size), intBufferSize(n), true), n);
  }

  private readTokens(c: Cursor): void {
    const n = c.u64();
    let text: Buffer;
    if (this.compressed(c)) {
      const raw = c.u64();
      const size = c.u64();
      text = decompressFast(c.bytes(size), c.bounded(raw));
    } else {
      text = c.bytes(c.u64());
    }
    const tokens = text.toString('utf8').split('\0');
    if (tokens.length < n) c.fail(`${n} tokens declared, ${tokens.length} found`);
    this.tokens = tokens.slice(0, n);
  }

  private readStrings(c: Cursor): void {
    const n = c.count(4);
    this.strings = Array.from({ length: n }, () => c.u32());
  }

  private readFields(c: Cursor): void {
    if (this.compressed(c)) {
      const n = c.count(0);
      this.fieldTokens = this.ints(c, n);
      const size = c.u64();
      const reps = decompressFast(c.bytes(size), c.bounded(n * 8));
      this.fieldReps = Array.from({ length: n }, (_, i) => reps.readBigUInt64LE(i * 8));
    } else {
      const n = c.count(16);
      for (let i = 0; i < n; i += 1) {
        c.u32();
        this.fieldTokens.push(c.u32());
        this.fieldReps.push(c.u64big());
      }
    }
  }

  private readFieldSets(c: Cursor): void {
    if (this.compressed(c)) {
      const n = c.count(0);
      this.fieldSets = this.ints(c, n);
    } else {
      const n = c.count(4);
      this.fieldSets = Array.from({ length: n }, () => c.u32());
    }
  }

  private readPaths(c: Cursor): void {
    const numPaths = c.count(0);
    this.paths = new Array<string>(numPaths).fill('');
    if (this.compressed(c)) {
      const n = c.count(0);
      if (n > numPaths) c.fail(`${n} encoded paths for a table of ${numPaths}`);
      const indexes = this.ints(c, n);
      const elements = this.ints(c, n);
      const jumps = this.ints(c, n);
      this.buildPaths(indexes, elements, jumps);
    } else {
      this.readPathTree(c);
    }
  }

  private setPath(index: number, path: string, c?: Cursor): void {
    if (index < 0 || index >= this.paths.length) (c ?? new Cursor(Buffer.alloc(0), this.src.file, 'PATHS')).fail(`path index ${index} outside the table`);
    this.paths[index] = path;
  }

  private join(parent: string, token: number): string {
    const name = this.tokens[Math.abs(token)] ?? '';
    if (token < 0) return `${parent}.${name}`;
    if (name.startsWith('{') || name.startsWith('[')) return parent + name;
    return parent === '/' ? `/${name}` : `${parent}/${name}`;
  }

  /** ≥ 0.4.0: depth-first entries with jumps (§2.11); iterative, so depth cannot overflow the stack. */
  private buildPaths(indexes: number[], elements: number[], jumps: number[]): void {
    const stack: { k: number; parent: string }[] = [{ k: 0, parent: '' }];
    const seen = new Set<number>();
    while (stack.length > 0) {
      let { k, parent } = stack.pop()!;
      while (k >= 0 && k < indexes.length) {
        if (seen.has(k)) throw new RangeError(`path entry ${k} reached twice`);
        seen.add(k);
        const path = k === 0 && parent === '' ? '/' : this.join(parent || '/', elements[k]!);
        this.setPath(indexes[k]!, path);
        const jump = jumps[k]!;
        if (jump > 0) stack.push({ k: k + jump, parent });
        if (jump === -1 || jump > 0) { parent = path; k += 1; }
        else if (jump === 0) k += 1;
        else break;
      }
    }
  }

  /** < 0.4.0: a linked tree of headers with absolute sibling offsets (§2.11). */
  private readPathTree(c: Cursor): void {
    const padded = !this.atLeast(0, 1);
    const stack: { at: number; parent: string }[] = [{ at: c.pos, parent: '' }];
    const seen = new Set<number>();
    const sectionStart = c.base;
    while (stack.length > 0) {
      const item = stack.pop()!;
      c.pos = item.at;
      let parent = item.parent;
      for (;;) {
        if (seen.has(c.pos)) c.fail('the path tree loops');
        seen.add(c.pos);
        if (padded) c.u32();
        const index = c.u32();
        const token = c.u32();
        const bits = c.u8();
        c.bytes(3);
        const path = parent === '' ? '/' : this.join(parent, bits & 4 ? -token : token);
        this.setPath(index, path, c);
        const child = (bits & 1) !== 0;
        const sibling = (bits & 2) !== 0;
        if (child && sibling) {
          const off = Number(c.i64()) - sectionStart;
          stack.push({ at: off, parent });
          parent = path;
        } else if (child) parent = path;
        else if (!sibling) break;
      }
    }
  }

  private readSpecs(c: Cursor): void {
    if (this.compressed(c)) {
      const n = c.count(0);
      const p = this.ints(c, n);
      const f = this.ints(c, n);
      const t = this.ints(c, n);
      this.specs = p.map((path, i) => ({ path, fieldSet: f[i]!, type: t[i]! }));
    } else {
      const padded = !this.atLeast(0, 1);
      const n = c.count(padded ? 16 : 12);
      for (let i = 0; i < n; i += 1) {
        if (padded) c.u32();
        this.specs.push({ path: c.u32(), fieldSet: c.u32(), type: c.u32() });
      }
    }
  }

  // --- values ----------------------------------------------------------------------------------

  private token(i: number): string {
    const t = this.tokens[i];
    if (t === undefined) this.fail(0, `token ${i} of ${this.tokens.length}`);
    return t;
  }

  private string(i: number): string {
    const s = this.strings[i];
    if (s === undefined) this.fail(0, `string ${i} of ${this.strings.length}`);
    return this.token(s);
  }

  private async value(bits: bigint, depth = 0): Promise<Value> {
    const rep = parseRep(bits);
    if (depth > 64) this.fail(rep.payload, 'values nested more than 64 deep');
    if (rep.isArray) return this.arrayValue(rep);
    switch (rep.type) {
      case T.AssetPath:
        return { t: 'asset', paths: [this.token(rep.payload)] };
      case T.Token:
        return rep.inlined ? { t: 'token', value: this.token(rep.payload) } : OTHER;
      case T.String:
        return rep.inlined ? { t: 'string', value: this.string(rep.payload) } : OTHER;
      case T.StringVector:
        return { t: 'strings', values: (await this.indexVector(rep.payload)).map((i) => this.string(i)) };
      case T.Dictionary:
        return rep.inlined ? { t: 'dict', entries: [] } : this.guarded(rep.payload, () => this.dictionaryAt(rep.payload, depth));
      case T.ReferenceListOp:
      case T.PayloadListOp:
        return this.guarded(rep.payload, () => this.arcListOp(rep.payload, rep.type === T.ReferenceListOp));
      case T.Payload: {
        const b = await this.src.read(rep.payload, 4, 'payload');
        return { t: 'arcs', paths: [this.string(b.readUInt32LE(0))] };
      }
      case T.TimeSamples:
        return this.guarded(rep.payload, () => this.timeSamples(rep.payload, depth));
      case T.Value:
        return this.guarded(rep.payload, () => this.vtValueAt(rep.payload, depth));
      default:
        return OTHER;
    }
  }

  /**
   * Asset, string and token arrays in full (never compressed: OpenUSD reads them plainly whatever the
   * bit says); any other array — ints, floats, vectors, compressed or not — only measured, since it
   * cannot hold a path: its exact extent must lie in the layer (crate-arrays.ts).
   */
  private async arrayValue(rep: Rep): Promise<Value> {
    const array = { type: rep.type, compressed: rep.compressed, payload: rep.payload };
    if (!INDEX_TYPES.has(rep.type)) {
      await arrayExtent(this.src, array, this.version);
      return OTHER;
    }
    const read = await readArray(this.src, array, this.version);
    const indexes = read.kind === 'indexes' ? read.values : [];
    if (rep.type === T.AssetPath) return { t: 'asset', paths: indexes.map((i) => this.string(i)) };
    return { t: 'strings', values: indexes.map((i) => (rep.type === T.String ? this.string(i) : this.token(i))) };
  }

  private async guarded(offset: number, read: () => Promise<Value>): Promise<Value> {
    if (this.visiting.has(offset)) this.fail(offset, 'a value contains itself');
    this.visiting.add(offset);
    try {
      return await read();
    } finally {
      this.visiting.delete(offset);
    }
  }

  private async u64At(at: number, what: string): Promise<number> {
    const v = (await this.src.read(at, 8, what)).readBigUInt64LE(0);
    if (v > BigInt(this.src.size)) this.fail(at, `${what} ${v} is larger than the file`);
    return Number(v);
  }

  private async indexVector(at: number): Promise<number[]> {
    const n = await this.u64At(at, 'vector size');
    const body = await this.src.read(at + 8, boundedCount(n, 4, this.src.size), 'vector');
    return Array.from({ length: n }, (_, i) => body.readUInt32LE(i * 4));
  }

  /** A VtValue inside a dictionary: `i64 rel` to its rep (§2.15). */
  private async vtValueAt(at: number, depth: number): Promise<Value> {
    const rel = Number((await this.src.read(at, 8, 'nested value')).readBigInt64LE(0));
    const repAt = at + rel;
    const bits = (await this.src.read(repAt, 8, 'nested value rep')).readBigUInt64LE(0);
    return this.value(bits, depth + 1);
  }

  private async dictionaryAt(at: number, depth: number): Promise<Value> {
    const { value } = await this.dictionaryBody(at, depth);
    return value;
  }

  private async dictionaryBody(at: number, depth: number): Promise<{ value: Value; end: number }> {
    const n = await this.u64At(at, 'dictionary size');
    let pos = at + 8;
    const entries: [string, Value][] = [];
    for (let i = 0; i < n; i += 1) {
      const key = this.string((await this.src.read(pos, 4, 'dictionary key')).readUInt32LE(0));
      pos += 4;
      const rel = Number((await this.src.read(pos, 8, 'dictionary value')).readBigInt64LE(0));
      const repAt = pos + rel;
      const bits = (await this.src.read(repAt, 8, 'dictionary value rep')).readBigUInt64LE(0);
      entries.push([key, await this.value(bits, depth + 1)]);
      pos = repAt + 8;
    }
    return { value: { t: 'dict', entries }, end: pos };
  }

  /** Applied items of a reference or payload list op (§2.17): explicit, else added ∪ prepended ∪ appended. */
  private async arcListOp(at: number, references: boolean): Promise<Value> {
    const header = (await this.src.read(at, 1, 'list op header'))[0]!;
    let pos = at + 1;
    const lists: { bit: number; items: string[] }[] = [];
    for (const bit of [0x02, 0x04, 0x20, 0x40, 0x08, 0x10]) {
      if (!(header & bit)) continue;
      const n = await this.u64At(pos, 'list op size');
      pos += 8;
      const items: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const head = await this.src.read(pos, 8, 'arc');
        items.push(this.string(head.readUInt32LE(0)));
        pos += 8; // asset path, prim path
        if (references) {
          pos += 16; // layer offset
          pos = (await this.dictionaryBody(pos, 0)).end; // customData, in place
        } else if (this.atLeast(0, 8)) pos += 16;
      }
      lists.push({ bit, items });
    }
    const explicit = (header & 0x01) !== 0;
    const applied = lists.filter((l) => (explicit ? l.bit === 0x02 : l.bit === 0x04 || l.bit === 0x20 || l.bit === 0x40));
    return { t: 'arcs', paths: applied.flatMap((l) => l.items) };
  }

  private async timeSamples(at: number, depth: number): Promise<Value> {
    const values: Value[] = [];
    for (const bits of await this.sampleReps(at)) values.push(await this.value(bits, depth + 1));
    return { t: 'samples', values };
  }

  /** The value reps of time samples at `at` (§2.15.2). */
  private async sampleReps(at: number): Promise<bigint[]> {
    const rel1 = Number((await this.src.read(at, 8, 'time samples')).readBigInt64LE(0));
    const q = at + rel1 + 8;
    const rel2 = Number((await this.src.read(q, 8, 'time sample values')).readBigInt64LE(0));
    const n = await this.u64At(q + rel2, 'time sample count');
    const reps = await this.src.read(q + rel2 + 8, boundedCount(n, 8, this.src.size), 'time sample values');
    return Array.from({ length: n }, (_, i) => reps.readBigUInt64LE(i * 8));
  }
}

const intBufferSize = (n: number): number => (n === 0 ? 0 : 4 + Math.ceil((n * 2) / 8) + 4 * n);

function boundedCount(n: number, width: number, limit: number): number {
  const bytes = n * width;
  if (!Number.isSafeInteger(bytes) || bytes > limit) throw new RangeError(`${n} elements cannot fit in the file`);
  return bytes;
}

/** Little-endian reads over one section, with its name in every error. */
class Cursor {
  pos = 0;
  constructor(private readonly buf: Buffer, private readonly file: string, private readonly section: string, readonly base = 0) {}
  fail(what: string): never {
    throw new SceneParseError(this.file, this.pos, `section ${this.section}: ${what}`);
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) this.fail(`ends early (${n} more bytes needed at ${this.pos} of ${this.buf.length})`);
  }
  u8(): number { this.need(1); return this.buf[this.pos++]!; }
  u32(): number { this.need(4); const v = this.buf.readUInt32LE(this.pos); this.pos += 4; return v; }
  u64big(): bigint { this.need(8); const v = this.buf.readBigUInt64LE(this.pos); this.pos += 8; return v; }
  i64(): bigint { this.need(8); const v = this.buf.readBigInt64LE(this.pos); this.pos += 8; return v; }
  u64(): number { return this.bounded(Number(this.u64big())); }
  /** A size that cannot exceed what is left in the section times a sane expansion (LZ4 ≤ 255×). */
  bounded(n: number): number {
    if (!Number.isSafeInteger(n) || n > this.buf.length * 256 + 1024) this.fail(`a size of ${n} cannot come from this section`);
    return n;
  }
  /** A count of records of `width` bytes each that must fit in the rest of the section. */
  count(width: number): number {
    const n = this.u64();
    if (width > 0 && n * width > this.buf.length - this.pos) this.fail(`${n} records of ${width} bytes do not fit`);
    return n;
  }
  bytes(n: number): Buffer { this.need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
}
