/**
 * USD layers built here for what OpenUSD's samples do not show: Chinese and space paths, a
 * sub-layer cycle, UDIM tiles, a missing file named with its layer and prim, a package we zip
 * ourselves (stored, 64-byte aligned like UsdZipFileWriter), and a search path from the environment.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
import { tempTree, type TempTree } from '../helpers/temp-dir';

/** A stored zip with every member's data on a 64-byte boundary (spec/usd.md §4.1). */
function usdz(members: [string, string | Buffer][]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const [name, content] of members) {
    const data = Buffer.from(content);
    const nameBuf = Buffer.from(name);
    let pad = 64 - ((at + 30 + nameBuf.length) % 64);
    if (pad === 64) pad = 0;
    if (pad > 0 && pad < 4) pad += 64;
    const extra = Buffer.alloc(pad);
    if (pad > 0) { extra.writeUInt16LE(0x1986, 0); extra.writeUInt16LE(pad - 4, 2); }
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(nameBuf.length, 26);
    h.writeUInt16LE(pad, 28);
    parts.push(h, nameBuf, extra, data);
    at += 30 + nameBuf.length + pad + data.length;
  }
  parts.push(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18));
  return Buffer.concat(parts);
}

describe('built USD layers', () => {
  let t: TempTree;
  beforeEach(async () => { t = await tempTree('usd-'); });
  afterEach(async () => { await t.cleanup(); });

  it('nested sublayers, references, payloads with Chinese and space paths, a cycle, UDIM, a missing texture', async () => {
    const root = await t.file('shot 01/镜头.usda', `#usda 1.0
(
    subLayers = [@./layers/动画 层.usda@, @./layers/fx.usda@ (offset = 10; scale = 2)]
)
def Xform "World" (
    prepend references = @./assets/道具 a.usda@</Prop>
    delete references = @./assets/deleted.usda@
)
{
    def Shader "Tex" {
        asset inputs:file = @./tex/wood.<UDIM>.exr@
        asset inputs:rough = @./tex/missing rough.png@
        string inputs:note = "@./not an asset@"
    }
}
`);
    await t.file('shot 01/layers/动画 层.usda', '#usda 1.0\n(\n    subLayers = [@./fx.usda@]\n)\n');
    await t.file('shot 01/layers/fx.usda', '#usda 1.0\n(\n    subLayers = [@../镜头.usda@]\n)\ndef "Fx" (\n    payload = @./cache/sim.usdc@\n)\n{\n}\n');
    await t.file('shot 01/assets/道具 a.usda', '#usda 1.0\ndef "Prop" {\n    asset[] clips = [@./prop_tex.png@]\n}\n');
    await t.file('shot 01/assets/prop_tex.png');
    await t.file('shot 01/assets/deleted.usda', '#usda 1.0\n');
    await t.file('shot 01/tex/wood.1001.exr');
    await t.file('shot 01/tex/wood.1002.exr');
    await t.file('shot 01/tex/wood.1101.exr'); // past UDIM 1100: not a tile
    const r = await computeUsdDependencies(root, { searchPaths: [] });
    const rel = (p: string): string => path.relative(t.dir, p);
    expect(r.layers.map(rel)).toEqual(['shot 01/assets/道具 a.usda', 'shot 01/layers/fx.usda', 'shot 01/layers/动画 层.usda']);
    expect(r.assets.map(rel)).toEqual(['shot 01/assets/prop_tex.png', 'shot 01/tex/wood.1001.exr', 'shot 01/tex/wood.1002.exr']);
    expect(r.unresolved.map((u) => [rel(u.path), u.kind, rel(u.layer), u.prim])).toEqual([
      ['shot 01/layers/cache/sim.usdc', 'payload', 'shot 01/layers/fx.usda', '/Fx'],
      ['shot 01/tex/missing rough.png', 'asset', 'shot 01/镜头.usda', '/World/Tex'],
    ]);
  });

  it('a .usdz: file-relative paths stay inside, search paths fall back to the package root and then outside', async () => {
    const inner = '#usda 1.0\ndef "M" (\n    references = [@./parts/wheel.usda@, @textures_used.usda@, @outside.usda@]\n)\n{\n    asset tex = @./tex/paint.png@\n}\n';
    await t.file('set/model.usdz', usdz([
      ['model/root.usda', inner],
      ['model/parts/wheel.usda', '#usda 1.0\ndef "W" { asset t = @../tex/rubber.png@ }\n'],
      ['model/tex/paint.png', 'png'],
      ['model/tex/rubber.png', 'png'],
      ['textures_used.usda', '#usda 1.0\n'],
    ]));
    await t.file('set/outside.usda', '#usda 1.0\n');
    const root = await t.file('set/stage.usda', '#usda 1.0\ndef "Car" (\n    payload = @./model.usdz@\n)\n{\n}\n');
    const r = await computeUsdDependencies(root, { searchPaths: [] });
    const rel = (p: string): string => p.split(t.dir + '/').join('');
    expect(r.layers.map(rel)).toEqual(['set/model.usdz', 'set/outside.usda']);
    expect(r.assets).toEqual([]);
    expect(r.packageMembers.map(rel)).toEqual([
      'set/model.usdz[model/parts/wheel.usda]', 'set/model.usdz[model/root.usda]', 'set/model.usdz[model/tex/paint.png]',
      'set/model.usdz[model/tex/rubber.png]',
    ]);
    expect(r.unresolved.map((u) => u.authored)).toEqual(['textures_used.usda']);
  });

  it('PXR_AR_DEFAULT_SEARCH_PATH folders resolve search paths; a variable expression needs the DCC', async () => {
    const lib = await t.file('lib/chair.usda', '#usda 1.0\n');
    const root = await t.file('shot/s.usda', '#usda 1.0\ndef "A" (\n    references = [@chair.usda@, @`"./${SHOT}.usda"`@]\n)\n{\n}\n');
    const saved = process.env.PXR_AR_DEFAULT_SEARCH_PATH;
    process.env.PXR_AR_DEFAULT_SEARCH_PATH = path.dirname(lib);
    try {
      const r = await computeUsdDependencies(root);
      expect(r.layers).toEqual([lib]);
      expect(r.needsDcc.map((n) => [n.path, n.prim])).toEqual([['`"./${SHOT}.usda"`', '/A']]);
    } finally {
      if (saved === undefined) delete process.env.PXR_AR_DEFAULT_SEARCH_PATH;
      else process.env.PXR_AR_DEFAULT_SEARCH_PATH = saved;
    }
  });

  it('clip paths authored as string[] or token[] (not asset[]) are still the clip files, as in crates', async () => {
    const root = await t.file('c/root.usda', `#usda 1.0
def "P" (
    clips = {
        dictionary a = {
            string[] assetPaths = ["./clip.1.usda", "./clip.2.usda"]
            double2[] times = [(1, 0), (2, 0)]
            token manifestAssetPath = "./manifest.usda"
        }
    }
)
{
    string[] names = ["./not_a_clip.usda"]
}
`);
    for (const f of ['clip.1.usda', 'clip.2.usda', 'manifest.usda', 'not_a_clip.usda']) await t.file(`c/${f}`, '#usda 1.0\n');
    const r = await computeUsdDependencies(root, { searchPaths: [] });
    expect(r.layers.map((p) => path.basename(p))).toEqual(['clip.1.usda', 'clip.2.usda', 'manifest.usda']);
  });

  it('a damaged layer below the root is reported, its siblings still found', async () => {
    const root = await t.file('r.usda', '#usda 1.0\n(\n    subLayers = [@./bad.usdc@, @./good.usda@]\n)\n');
    await t.file('bad.usdc', Buffer.concat([Buffer.from('PXR-USDC'), Buffer.alloc(20)]));
    await t.file('good.usda', '#usda 1.0\n');
    const r = await computeUsdDependencies(root);
    expect(r.layers.map((p) => path.basename(p))).toEqual(['bad.usdc', 'good.usda']);
    expect(r.unreadable).toHaveLength(1);
    expect(r.unreadable[0]!.message).toMatch(/88-byte header/);
  });
});
