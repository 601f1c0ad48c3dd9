/**
 * Damaged USD layers (truncated, flipped, cut, noise, stray delimiters) built from OpenUSD's real
 * text, crate (0.0.1–0.11.0) and package files, and a crate built here whose arrays are all
 * compressed (ints, 'i' and 't' floats, in dictionaries and time samples): each read ends with
 * dependencies or a typed AnalyzeError, never a crash, a hang or a runaway allocation. MaterialX
 * documents (read by the same walk) take 1,200 damaged copies too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeError } from '../../../sidecar/src/analyze/errors';
import { ByteSource } from '../../../sidecar/src/analyze/usd/byte-source';
import { CrateArrayError, readArray } from '../../../sidecar/src/analyze/usd/crate-arrays';
import { CrateReader } from '../../../sidecar/src/analyze/usd/crate-reader';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
import { CrateWriter, SPEC, TYPE } from '../helpers/crate-writer';
import { damage, fuzzFile, prng } from '../helpers/fuzz';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const BASE = path.resolve(__dirname, '../../../../shared/scenes/usd');
const SAMPLES = [
  { file: 'testUsdUtilsDependencies/computeAllDependencies/crate.usdc', noise: 'bytes' as const, ext: '.usdc' },
  { file: 'testUsdFlatten/clips/root.usd', noise: 'bytes' as const, ext: '.usd' },
  { file: 'testUsdCrateRelocates.testenv/root_with_relocates.usdc', noise: 'bytes' as const, ext: '.usdc' },
  { file: 'testUsdUtilsDependencies/computeAllDependencies/ascii.usda', noise: 'printable' as const, ext: '.usda' },
  { file: 'testUsdValueClips/template/subint2/result_subint_2.usda', noise: 'printable' as const, ext: '.usda' },
  { file: 'testUsdUsdzFileFormat/nested_anchored_refs.usdz', noise: 'bytes' as const, ext: '.usdz' },
  { file: 'testUsdUsdzFileFormat/search_refs.usdz', noise: 'bytes' as const, ext: '.usdz' },
];
const CASES_EACH = 180;

describe('USD readers on damaged input', () => {
  let t: TempTree;
  beforeAll(async () => { t = await tempTree('usd-fuzz-'); });
  afterAll(async () => { await t.cleanup(); });

  for (const [s, sample] of SAMPLES.entries()) {
    it(`${CASES_EACH} damaged copies of ${path.basename(sample.file)}`, async () => {
      const src = readFileSync(path.join(BASE, sample.file));
      const rnd = prng(0x05d + s);
      const delimiters = sample.noise === 'printable' ? [0x40, 0x22, 0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d, 0x3d, 0x0a, 0x3c] : [0x00, 0xff, 0x50, 0x4b, 0x03, 0x04];
      const { ok, rejected } = await fuzzFile({
        cases: CASES_EACH,
        file: path.join(t.dir, `layer${sample.ext}`),
        input: () => damage(src, rnd, { keepHeader: 8, noise: sample.noise, delimiters }),
        read: (file) => computeUsdDependencies(file, { searchPaths: [], maxLayers: 200 }),
        check: (r) => expect(r).toHaveProperty('layers'),
        typed: (e) => e instanceof AnalyzeError,
      });
      expect(ok + rejected).toBe(CASES_EACH);
    });
  }

  it('1,200 damaged copies of a crate full of compressed arrays: dependencies, every array decoded, or a typed error', async () => {
    const w = new CrateWriter([0, 8, 0]);
    const ramp = Array.from({ length: 64 }, (_, i) => i * i - 50);
    const few = Array.from({ length: 48 }, (_, i) => [0.25, 2.5, -8][i % 3]!);
    w.spec('/', SPEC.PseudoRoot, [['customLayerData', w.dictionary([
      ['ids', () => w.intArray(TYPE.Int, ramp)], ['big', () => w.intArray(TYPE.Int64, ramp.map((v) => BigInt(v) << 40n))],
      ['w', () => w.floatArray(TYPE.Float, few)], ['h', () => w.floatArray(TYPE.Half, ramp.map((v) => v % 100))], ['doc', () => w.asset('./doc.txt')],
    ])]]);
    w.spec('/P', SPEC.Prim, [['clips', w.dictionary([['default', () => w.dictionary([['assetPaths', () => w.indexArray(TYPE.Token, ['./c.1.usda'])]])]])]]);
    w.spec('/P.ids', SPEC.Attribute, [['typeName', w.tokenValue('uint[]')], ['default', w.intArray(TYPE.UInt, ramp)]]);
    w.spec('/P.tex', SPEC.Attribute, [['typeName', w.tokenValue('asset[]')], ['timeSamples', w.timeSamples([[1, () => w.indexArray(TYPE.AssetPath, ['./a.png'])], [2, () => w.floatArray(TYPE.Double, few)]])]]);
    const src = w.finish();
    const rnd = prng(0xa77a);
    const cases = 1200;
    const { ok, rejected } = await fuzzFile({
      cases,
      file: path.join(t.dir, 'arrays.usdc'),
      input: () => damage(src, rnd, { keepHeader: 88, noise: 'bytes', delimiters: [0x00, 0xff, 0x69, 0x74, 0x10, 0x40] }),
      read: async (file) => {
        const r = await computeUsdDependencies(file, { searchPaths: [], maxLayers: 50 });
        const layer = await ByteSource.openFile(file);
        try {
          for (const a of await new CrateReader(layer).arrays()) {
            await readArray(layer, { type: a.type, compressed: a.compressed, payload: a.start }, [0, 8, 0]).catch((e: unknown) => {
              if (!(e instanceof CrateArrayError || e instanceof AnalyzeError)) throw e;
            });
          }
        } finally {
          await layer.close();
        }
        return r;
      },
      check: (r) => expect(r).toHaveProperty('layers'),
      typed: (e) => e instanceof AnalyzeError,
    });
    expect(ok + rejected).toBe(cases);
    expect(ok).toBeGreaterThan(50);
  });

  it('1,200 damaged copies of a MaterialX document', async () => {
    const doc = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<!-- a look -->
<materialx version="1.38" fileprefix="tex/" xmlns:xi="http://www.w3.org/2001/XInclude">
  <xi:include href="lib/other.mtlx" />
  <nodegraph name="NG" fileprefix="tex/ng/">
    <token name="V" type="string" value="red" />
    <image name="a" type="color3"><input name="file" type="filename" value="a_[V].&lt;UDIM&gt;.exr" colorspace="srgb_texture" /></image>
    <tiledimage name="b" type="float"><input name="file" type="filename" value="b.png" /><input name="uvtiling" type="vector2" value="2, 2" /></tiledimage>
    <output name="out" type="color3" nodename="a" />
  </nodegraph>
  <standard_surface name="SR" type="surfaceshader"><input name="base_color" type="color3" nodegraph="NG" output="out" /></standard_surface>
  <![CDATA[ not a <tag> ]]>
</materialx>
`);
    const rnd = prng(0x3a7e);
    const cases = 1200;
    const { ok, rejected } = await fuzzFile({
      cases,
      file: path.join(t.dir, 'look.mtlx'),
      input: () => damage(doc, rnd, { keepHeader: 22, noise: 'printable', delimiters: [0x3c, 0x3e, 0x22, 0x27, 0x26, 0x3d, 0x2f, 0x21, 0x3f, 0x5b, 0x5d] }),
      read: (file) => computeUsdDependencies(file, { searchPaths: [], maxLayers: 50 }),
      check: (r) => expect(r).toHaveProperty('assets'),
      typed: (e) => e instanceof AnalyzeError,
    });
    expect(ok + rejected).toBe(cases);
    expect(ok).toBeGreaterThan(10); // XML is strict: most damage is a well-formedness error, typed
  });
});
