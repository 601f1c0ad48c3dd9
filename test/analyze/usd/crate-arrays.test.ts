/**
 * Crate arrays in every layout (spec/usd.md §2.15.1), byte-exact: layers written here from the
 * format (test/analyze/helpers/crate-writer.ts, no USD tooling installs here) with compressed
 * int/uint/int64/uint64 arrays, 'i' and 't' half/float/double arrays, the rank word and u32 counts
 * of older versions, decoded back to the same values with each extent ending exactly where the next
 * value begins; OpenUSD's own crates (no compressed arrays among them) measured without overlaps;
 * and asset/token/string arrays found in fields, dictionaries and time samples of every version.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ByteSource } from '../../../sidecar/src/analyze/usd/byte-source';
import { arrayExtent, readArray, type CrateVersion } from '../../../sidecar/src/analyze/usd/crate-arrays';
import { CrateReader } from '../../../sidecar/src/analyze/usd/crate-reader';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
import { listPackage } from '../../../sidecar/src/analyze/usd/usdz-package';
import { CrateWriter, rep, SPEC, TYPE, type Version } from '../helpers/crate-writer';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const BASE = path.resolve(__dirname, '../../../../shared/scenes/usd');
const VERSIONS: Version[] = [[0, 4, 0], [0, 5, 0], [0, 6, 0], [0, 7, 0], [0, 8, 0], [0, 9, 0], [0, 10, 0], [0, 11, 0]];
const label = (v: readonly number[]): string => v.join('.');

const ints = [0, 1, 2, 3, 4, 5, 6, 7, 100, -100, 40_000, -40_000, 2 ** 31 - 1, -(2 ** 31), 7, 7, 7, 8, 9, -1];
const uints = [0, 1, 0xffffffff, 0x80000000, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const int64s = [0n, 1n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, 300n, -300n, 70_000n, 2n ** 40n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n];
const uint64s = [0n, 2n ** 64n - 1n, 2n ** 63n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n, 13n];
const integral = Array.from({ length: 24 }, (_, i) => (i % 5) * 3 - 4);
const fewValues = Array.from({ length: 32 }, (_, i) => [0.5, -1.25, 3.75, 24.5][i % 4]!);
const manyValues = Array.from({ length: 20 }, (_, i) => i + 0.5);

async function withLayer<T>(buf: Buffer, t: TempTree, use: (src: ByteSource) => Promise<T>): Promise<T> {
  const src = await ByteSource.openFile(await t.file('layer.usdc', buf));
  try {
    return await use(src);
  } finally {
    await src.close();
  }
}

const fields = (r: bigint) => ({ type: Number((r >> 48n) & 0xffn), compressed: ((r >> 61n) & 1n) === 1n, payload: Number(r & 0xffffffffffffn) });

describe('crate arrays, decoded byte-exact in every layout', () => {
  let t: TempTree;
  beforeEach(async () => { t = await tempTree('crate-arrays-'); });
  afterEach(async () => { await t.cleanup(); });

  for (const version of VERSIONS) {
    it(`${label(version)}: values back exactly, each extent ending where the next value starts`, async () => {
      const w = new CrateWriter(version);
      const made: { rep: bigint; end: number; want: unknown[]; compressed: boolean }[] = [];
      const add = (make: () => bigint, want: unknown[]): void => {
        const r = make();
        made.push({ rep: r, end: w.offset, want, compressed: ((r >> 61n) & 1n) === 1n });
        w.write(Buffer.from([0xee])); // a marker byte: an extent that runs one byte long reads it
      };
      add(() => w.intArray(TYPE.Int, ints), ints);
      add(() => w.intArray(TYPE.UInt, uints), uints);
      add(() => w.intArray(TYPE.Int64, int64s), int64s);
      add(() => w.intArray(TYPE.UInt64, uint64s), uint64s);
      add(() => w.intArray(TYPE.Int, [5, -5, 6]), [5, -5, 6]);
      for (const type of [TYPE.Half, TYPE.Float, TYPE.Double] as const) {
        add(() => w.floatArray(type, integral), integral);
        add(() => w.floatArray(type, fewValues), fewValues);
        if (type !== TYPE.Half) add(() => w.floatArray(type, manyValues), manyValues);
      }
      add(() => w.indexArray(TYPE.AssetPath, ['./a.png', './b.png']), ['./a.png', './b.png']);
      w.spec('/', SPEC.PseudoRoot, []);
      const file = w.finish();
      await withLayer(file, t, async (src) => {
        for (const m of made) {
          const a = fields(m.rep);
          const got = await readArray(src, a, version as CrateVersion);
          const values = got.kind === 'raw' ? [] : got.values;
          if (a.type === TYPE.AssetPath) expect(values).toHaveLength(2);
          else expect(values).toEqual(m.want);
          expect(await arrayExtent(src, a, version)).toEqual({ count: m.want.length, end: m.end });
        }
      });
      const compressed = made.filter((m) => m.compressed).length;
      expect(compressed).toBe(version[1] >= 6 ? 10 : version[1] === 5 ? 4 : 0);
    });
  }

  it('the compressed bit is honoured only where OpenUSD honours it', async () => {
    const w = new CrateWriter([0, 7, 0]);
    const assets = w.indexArray(TYPE.AssetPath, ['./x.png']);
    const small = w.floatArray(TYPE.Float, [1.5, 2.5]);
    const file = w.finish();
    await withLayer(file, t, async (src) => {
      // asset arrays are read plainly whatever the bit; a float array under 16 elements is stored plainly
      expect(await readArray(src, { ...fields(assets), compressed: true }, [0, 7, 0])).toEqual({ kind: 'indexes', values: [0] });
      expect(await readArray(src, { ...fields(small), compressed: true }, [0, 7, 0])).toEqual({ kind: 'numbers', values: [1.5, 2.5] });
    });
    const old = new CrateWriter([0, 4, 0]);
    const plain = old.intArray(TYPE.Int, ints);
    const oldFile = old.finish();
    await withLayer(oldFile, t, async (src) => {
      // before 0.5.0 there are no compressed ints: the bit is ignored
      expect(await readArray(src, { ...fields(plain), compressed: true }, [0, 4, 0])).toEqual({ kind: 'numbers', values: ints });
    });
  });

  it('damaged arrays are typed errors: a float code that is neither i nor t, a lookup index past the table', async () => {
    const w = new CrateWriter([0, 8, 0]);
    const f = w.floatArray(TYPE.Float, fewValues);
    const file = w.finish();
    const at = fields(f).payload + 8;
    expect(String.fromCharCode(file[at]!)).toBe('t');
    const badCode = Buffer.from(file);
    badCode[at] = 0x78;
    await withLayer(badCode, t, async (src) => {
      await expect(readArray(src, fields(f), [0, 8, 0])).rejects.toThrow(/unknown code "x"/);
    });
    const smallLut = Buffer.from(file);
    smallLut.writeUInt32LE(2, at + 1); // the table shrinks; indexes 2 and 3 now point past it
    await withLayer(smallLut, t, async (src) => {
      await expect(readArray(src, fields(f), [0, 8, 0])).rejects.toThrow(/outside a table of 2|compressed|integer/);
    });
  });
});

describe("OpenUSD's own crates: every array measured, none overlapping the next", () => {
  const crates: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.usd[cz]?$/.test(name) && readFileSync(p).subarray(0, 8).toString('latin1') === 'PXR-USDC') crates.push(p);
    }
  };
  walk(BASE);

  it(`${crates.length} crate files, 0.0.1 to 0.11.0`, async () => {
    let arrays = 0;
    for (const file of crates) {
      const src = await ByteSource.openFile(file);
      try {
        const found = await new CrateReader(src).arrays();
        const spans = found.map((a) => [a.start, a.end] as const).sort((x, y) => x[0] - y[0]);
        // arrays shared by several fields or samples (OpenUSD dedupes values) are one span
        const unique = spans.filter((s, i) => i === 0 || s[0] !== spans[i - 1]![0]);
        for (let i = 1; i < unique.length; i += 1) expect(unique[i]![0]).toBeGreaterThanOrEqual(unique[i - 1]![1]);
        for (const a of found) expect(a.end).toBeLessThanOrEqual(src.size);
        arrays += found.length;
      } finally {
        await src.close();
      }
    }
    expect(crates.length).toBeGreaterThanOrEqual(20);
    expect(arrays).toBeGreaterThan(30);
  });

  it('crates inside packages too', async () => {
    const src = await ByteSource.openFile(path.join(BASE, 'testUsdUsdzFileFormat/single_usdc.usdz'));
    try {
      const [m] = await listPackage(src);
      await expect(new CrateReader(src.slice(m!.offset, m!.size)).arrays()).resolves.toEqual([]);
    } finally {
      await src.close();
    }
  });
});

describe('asset, token and string arrays found in every version', () => {
  let t: TempTree;
  beforeEach(async () => { t = await tempTree('crate-deps-'); });
  afterEach(async () => { await t.cleanup(); });

  /** A layer whose paths sit next to compressed arrays in fields, dictionaries and time samples. */
  function layer(version: Version): Buffer {
    const w = new CrateWriter(version);
    const ramp = Array.from({ length: 40 }, (_, i) => i * 3);
    w.spec('/', SPEC.PseudoRoot, [
      ['subLayers', w.stringVector(['./sub.usda'])],
      ['customLayerData', w.dictionary([
        ['ids', () => w.intArray(TYPE.Int, ramp)],
        ['weights', () => w.floatArray(TYPE.Float, fewValues)],
        ['big', () => w.intArray(TYPE.UInt64, uint64s)],
        ['doc', () => w.asset('./notes/readme.txt')],
      ])],
    ]);
    w.spec('/World', SPEC.Prim, [
      ['specifier', rep(TYPE.Specifier, 0, { inlined: true })],
      ['references', w.prependedReferences(['./props/chair.usda'])],
      ['clips', w.dictionary([
        ['default', () => w.dictionary([
          ['assetPaths', () => w.indexArray(TYPE.AssetPath, ['./clips/c.1.usda', './clips/c.2.usda'])],
          ['times', () => w.podArray(19, 16, 20)],
          ['manifestAssetPath', () => w.asset('./clips/manifest.usda')],
        ])],
        ['tokens', () => w.dictionary([
          ['assetPaths', () => w.indexArray(TYPE.Token, ['./clips/t.1.usda'])],
          ['active', () => w.podArray(19, 16, 18)],
          ['manifestAssetPath', () => w.tokenValue('./clips/t.manifest.usda')],
        ])],
        ['strings', () => w.dictionary([['assetPaths', () => w.indexArray(TYPE.String, ['./clips/s.1.usda'])]])],
      ])],
    ]);
    w.spec('/World.points', SPEC.Attribute, [['typeName', w.tokenValue('point3f[]')], ['default', w.podArray(TYPE.Vec3f, 12, 64)]]);
    w.spec('/World.ids', SPEC.Attribute, [
      ['typeName', w.tokenValue('int[]')],
      ['default', w.intArray(TYPE.Int, ramp)],
      ['customData', w.dictionary([['ids', () => w.intArray(TYPE.Int64, int64s)], ['source', () => w.asset('./ids/source.json')]])],
    ]);
    w.spec('/World.tex', SPEC.Attribute, [
      ['typeName', w.tokenValue('asset')],
      ['timeSamples', w.timeSamples([[1, () => w.asset('./tex/a.png')], [2, () => w.block()], [3, () => w.asset('./tex/b.<UDIM>.exr')]])],
    ]);
    w.spec('/World.texs', SPEC.Attribute, [
      ['typeName', w.tokenValue('asset[]')],
      ['default', w.indexArray(TYPE.AssetPath, ['./tex/c.png'])],
      ['timeSamples', w.timeSamples([[1, () => w.indexArray(TYPE.AssetPath, ['./tex/d.png', './tex/missing.png'])], [2, () => w.indexArray(TYPE.AssetPath, [])]])],
    ]);
    w.spec('/World.names', SPEC.Attribute, [['typeName', w.tokenValue('string[]')], ['default', w.indexArray(TYPE.String, ['./not/a/dependency.png'])]]);
    w.spec('/World{look=wood}', SPEC.Variant, [['assetInfo', w.dictionary([['preview', () => w.floatArray(TYPE.Double, integral)], ['thumb', () => w.asset('./tex/thumb.png')]])]]);
    return w.finish();
  }

  for (const version of VERSIONS) {
    it(`${label(version)}: exact dependency lists`, async () => {
      const root = await t.file('shot/layer.usdc', layer(version));
      for (const f of ['sub.usda', 'props/chair.usda', 'clips/c.1.usda', 'clips/c.2.usda', 'clips/manifest.usda', 'clips/t.1.usda', 'clips/t.manifest.usda', 'clips/s.1.usda']) await t.file(`shot/${f}`, '#usda 1.0\n');
      for (const f of ['notes/readme.txt', 'ids/source.json', 'tex/a.png', 'tex/b.1001.exr', 'tex/b.1002.exr', 'tex/c.png', 'tex/d.png', 'tex/thumb.png', 'not/a/dependency.png']) await t.file(`shot/${f}`, 'x');
      const r = await computeUsdDependencies(root, { searchPaths: [] });
      const rel = (p: string): string => path.relative(path.join(t.dir, 'shot'), p);
      expect(r.unreadable).toEqual([]);
      expect(r.layers.map(rel)).toEqual(['clips/c.1.usda', 'clips/c.2.usda', 'clips/manifest.usda', 'clips/s.1.usda', 'clips/t.1.usda', 'clips/t.manifest.usda', 'props/chair.usda', 'sub.usda']);
      expect(r.assets.map(rel)).toEqual(['ids/source.json', 'notes/readme.txt', 'tex/a.png', 'tex/b.1001.exr', 'tex/b.1002.exr', 'tex/c.png', 'tex/d.png', 'tex/thumb.png']);
      expect(r.unresolved.map((u) => [rel(u.path), u.prim])).toEqual([['tex/missing.png', '/World']]);
    });
  }

  it('the arrays of that layer measured exactly, compressed ones included', async () => {
    await withLayer(layer([0, 11, 0]), t, async (src) => {
      const found = await new CrateReader(src).arrays();
      const ids = found.find((a) => a.field === 'default' && a.type === TYPE.Int)!;
      expect(ids).toMatchObject({ compressed: true, count: 40 });
      expect(found.filter((a) => a.compressed).length).toBeGreaterThanOrEqual(1);
      expect(found.find((a) => a.field === 'timeSamples[sample]' && a.type === TYPE.AssetPath)).toMatchObject({ count: 2 });
    });
  });
});
