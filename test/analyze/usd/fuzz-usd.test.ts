/**
 * Damaged USD layers (truncated, flipped, cut, noise, stray delimiters) built from OpenUSD's real
 * text, crate (0.0.1–0.11.0) and package files: each read ends with dependencies or a typed
 * AnalyzeError, never a crash, a hang or a runaway allocation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeError } from '../../../sidecar/src/analyze/errors';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
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
});
