/**
 * The USD readers on OpenUSD's own test layers (../shared/scenes/usd/, not written by us), against
 * the results OpenUSD's tests assert (expected.json): ComputeAllDependencies on text, crate and
 * package roots, per-layer ExtractExternalReferences, pre-0.8 payloads, the oldest crate layout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyzeError } from '../../../sidecar/src/analyze/errors';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
import { extractExternalReferences } from '../../../sidecar/src/analyze/usd/extract-references';

const BASE = path.resolve(__dirname, '../../../../shared/scenes/usd');
interface Case {
  name: string; mode: string; root: string;
  dependencies?: string[]; unresolved?: string[]; package_members?: string[]; expect_open_error?: boolean;
  sublayers?: string[]; references?: string[]; payloads?: string[] | Record<string, unknown>;
}
const cases: Case[] = JSON.parse(readFileSync(path.join(BASE, 'expected.json'), 'utf8')).cases;
const rel = (p: string): string => (p.startsWith(`${BASE}/`) ? p.slice(BASE.length + 1) : p);

describe('ComputeAllDependencies as OpenUSD reports it', () => {
  for (const c of cases.filter((x) => x.dependencies || x.package_members)) {
    it(c.name, async () => {
      const r = await computeUsdDependencies(path.join(BASE, c.root), { searchPaths: [] });
      if (c.dependencies) expect([...r.layers, ...r.assets].map(rel).sort()).toEqual([...c.dependencies].sort());
      if (c.unresolved) expect(r.unresolved.map((u) => rel(u.path)).sort()).toEqual([...c.unresolved].sort());
      for (const m of c.package_members ?? []) expect(r.packageMembers.map(rel)).toContain(m);
      expect(r.unreadable).toEqual([]);
    });
  }

  for (const c of cases.filter((x) => x.expect_open_error)) {
    it(`${c.name}: refused with a typed error`, async () => {
      const err = await computeUsdDependencies(path.join(BASE, c.root)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalyzeError);
      expect((err as Error).message).toMatch(/first member b\.png is not a USD layer/);
    });
  }

  it('each unresolved path names the layer and prim that need it', async () => {
    const r = await computeUsdDependencies(path.join(BASE, 'testUsdUtilsDependencies/computeAllDependencies/crate.usdc'));
    const ref = r.unresolved.find((u) => u.authored === './ref_nonexist.usd')!;
    expect(ref).toMatchObject({ kind: 'reference', prim: '/foo/bar' });
    expect(rel(ref.layer)).toBe('testUsdUtilsDependencies/computeAllDependencies/crate.usdc');
    const inVariant = r.unresolved.filter((u) => u.authored.startsWith('./v_'));
    expect(inVariant.length).toBeGreaterThan(0);
    for (const u of inVariant) expect(u.prim).toBe('/foo{standin=full}');
  });
});

describe('ExtractExternalReferences baselines (one layer, raw strings)', () => {
  for (const c of cases.filter((x) => x.mode.startsWith('ExtractExternalReferences') && !x.name.includes('anon'))) {
    it(c.name, async () => {
      const r = await extractExternalReferences(path.join(BASE, c.root));
      expect(r.subLayers).toEqual(c.sublayers);
      expect(r.references).toEqual(c.references);
      expect(r.payloads).toEqual(c.payloads);
    });
  }
});

describe('crate layouts from 0.0.1 to 0.11.0', () => {
  it('pre-0.8 single payloads (type 47) and payload = None, crate and text alike', async () => {
    for (const f of ['crate07SinglePayload.usdc', 'singlePayload.usda']) {
      const r = await computeUsdDependencies(path.join(BASE, 'testUsdCratePayloadConversionFromVersion07.testenv', f));
      expect(r.unresolved.map((u) => [u.kind, u.authored, u.prim])).toEqual([
        ['payload', 'Payload.usda', '/PayloadRef1'],
        ['payload', 'Payload2.usda', '/PayloadRef2'],
      ]);
    }
  });

  it('0.0.1 with 16-byte records and legacy clip metadata: every clip and the topology layer', async () => {
    const r = await computeUsdDependencies(path.join(BASE, 'testUsdFlatten/clips/root.usd'));
    expect(r.layers.map(rel)).toEqual([
      ...[101, 102, 103, 104, 105].map((n) => `testUsdFlatten/clips/Particles_Splash.${n}.usd`),
      'testUsdFlatten/clips/root.topology.usd',
    ]);
  });

  it('a two-group clip template (./p.##.##.usd) and its manifest', async () => {
    const r = await computeUsdDependencies(path.join(BASE, 'testUsdValueClips/template/subint2/result_subint_2.usda'));
    expect(r.layers.map((p) => path.basename(p))).toEqual(['p.10.00.usd', 'p.10.05.usd', 'p.10.10.usd', 'p.10.15.usd', 'result.topology.usda']);
  });

  it('0.11.0 with layer relocates (type 58): relocates are scene paths, the reference is a file', async () => {
    for (const f of ['root_with_relocates.usdc', 'root_no_relocates.usdc']) {
      const r = await computeUsdDependencies(path.join(BASE, 'testUsdCrateRelocates.testenv', f));
      expect(r.layers.map(rel)).toEqual(['testUsdCrateRelocates.testenv/model.usdc']);
      expect(r.unresolved).toEqual([]);
    }
  });
});
