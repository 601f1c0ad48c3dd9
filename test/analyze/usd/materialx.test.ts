/**
 * MaterialX documents (.mtlx), built here in the shape of MaterialX's own examples (no .mtlx ships
 * in ../shared/scenes): file names with the active fileprefix, `[token]` substitution, UDIM and
 * UVTILE tiles, nested `xi:include`s with a cycle, a missing texture and include named with the
 * document and element path; a .mtlx referenced from a USD layer, from a Maya aiMaterialx node and
 * from a Houdini reference LOP, with the textures' converted siblings (.tx) uploaded too; a Maya
 * session's walk (the plugin's Python on a stand-in host) gives the static read's list.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyzeHoudini, AnalyzeMaya, intakeSceneFacts } from '../../../sidecar/src/analyze';
import { AnalyzeError } from '../../../sidecar/src/analyze/errors';
import { computeUsdDependencies } from '../../../sidecar/src/analyze/usd/dependencies';
import { readTipsJson, readUploadJson } from '../../../sidecar/src/jobfiles';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';
import { tempTree, type TempTree } from '../helpers/temp-dir';

/** A look in the shape of MaterialX's standard_surface_look_*.mtlx examples. */
const LOOK = `<?xml version="1.0"?>
<!-- a nodegraph with its own fileprefix (the nearest one applies, not a concatenation), a node instance with tokens, includes -->
<materialx version="1.38" fileprefix="textures/" xmlns:xi="http://www.w3.org/2001/XInclude">
  <xi:include href="lib/wood_lib.mtlx" />
  <xi:include href="./missing_lib.mtlx" />
  <nodegraph name="NG_brass" fileprefix="textures/brass 黄铜/">
    <tiledimage name="image_color" type="color3">
      <input name="file" type="filename" value="brass_color.jpg" colorspace="srgb_texture" />
      <input name="uvtiling" type="vector2" value="1.0, 1.0" />
    </tiledimage>
    <tiledimage name="image_roughness" type="float">
      <input name="file" type="filename" value="brass_roughness.jpg" />
    </tiledimage>
    <image name="image_tiles" type="color3">
      <input name="file" type="filename" value="tiles.&lt;UDIM&gt;.exr" />
    </image>
    <image name="image_mari" type="color3">
      <input name="file" type="filename" value="mari_&lt;UVTILE&gt;.png" />
    </image>
    <image name="image_missing" type="float">
      <input name="file" type="filename" value="gone.png" />
    </image>
    <output name="out_color" type="color3" nodename="image_color" />
  </nodegraph>
  <image name="root_image" type="color3">
    <input name="file" type="filename" value="/abs/not/here.exr" />
    <input name="empty" type="filename" value="" />
    <input name="bound" type="filename" interfacename="file" />
  </image>
  <nodegraph name="NG_token">
    <token name="Variant" type="string" value="red" />
    <image name="img" type="color3">
      <input name="file" type="filename" value="paint_[Variant].png" />
    </image>
  </nodegraph>
  <standard_surface name="SR_brass" type="surfaceshader">
    <input name="base_color" type="color3" nodegraph="NG_brass" output="out_color" />
  </standard_surface>
</materialx>
`;

describe('MaterialX documents', () => {
  let t: TempTree;
  beforeEach(async () => { t = await tempTree('mtlx-'); });
  afterEach(async () => { await t.cleanup(); });

  async function lookTree(): Promise<string> {
    const root = await t.file('look/brass.mtlx', LOOK);
    await t.file('look/lib/wood_lib.mtlx', `<?xml version="1.0" encoding="UTF-8"?>
<materialx version="1.38">
  <xi:include href="../brass.mtlx" />
  <xi:include href="sub/grain.mtlx" />
  <nodedef name="ND_wood" node="wood">
    <input name="file" type="filename" value="wood_default.png" uniform="true" />
  </nodedef>
</materialx>
`);
    await t.file('look/lib/sub/grain.mtlx', '<materialx version="1.38"><image name="g" type="float"><input name="file" type="filename" value="./grain.tif"/></image></materialx>');
    for (const f of ['textures/brass 黄铜/brass_color.jpg', 'textures/brass 黄铜/brass_color.tx', 'textures/brass 黄铜/brass_roughness.jpg', 'textures/brass 黄铜/tiles.1001.exr',
      'textures/brass 黄铜/tiles.1012.exr', 'textures/brass 黄铜/mari_u1_v1.png', 'textures/brass 黄铜/mari_u2_v3.png', 'textures/paint_red.png']) await t.file(`look/${f}`, 'x');
    await t.file('look/lib/wood_default.png', 'x');
    await t.file('look/lib/sub/grain.tif', 'x');
    return root;
  }

  it('file names with their fileprefix and tokens, tiles, includes (a cycle), each once; missing ones named', async () => {
    const r = await computeUsdDependencies(await lookTree(), { searchPaths: [] });
    const rel = (p: string): string => path.relative(path.join(t.dir, 'look'), p);
    expect(r.layers.map(rel)).toEqual(['lib/sub/grain.mtlx', 'lib/wood_lib.mtlx']);
    expect(r.assets.map(rel)).toEqual([
      'lib/sub/grain.tif', 'lib/wood_default.png',
      'textures/brass 黄铜/brass_color.jpg', 'textures/brass 黄铜/brass_roughness.jpg', 'textures/brass 黄铜/mari_u1_v1.png',
      'textures/brass 黄铜/mari_u2_v3.png', 'textures/brass 黄铜/tiles.1001.exr', 'textures/brass 黄铜/tiles.1012.exr', 'textures/paint_red.png',
    ]);
    expect(r.unresolved.map((u) => [u.authored, u.kind, rel(u.layer), u.prim])).toEqual([
      ['/abs/not/here.exr', 'asset', 'brass.mtlx', 'root_image/file'],
      ['./missing_lib.mtlx', 'include', 'brass.mtlx', '/'],
      ['textures/brass 黄铜/gone.png', 'asset', 'brass.mtlx', 'NG_brass/image_missing/file'],
    ]);
    expect(r.unreadable).toEqual([]);
  });

  it('a USD layer that references a .mtlx (as usdMtlx reads it) gets its textures', async () => {
    await lookTree();
    const stage = await t.file('look/stage.usda', '#usda 1.0\ndef "Looks" (\n    references = @./brass.mtlx@</MaterialX>\n)\n{\n}\n');
    const r = await computeUsdDependencies(stage, { searchPaths: [] });
    expect(r.layers.map((p) => path.basename(p))).toEqual(['brass.mtlx', 'grain.mtlx', 'wood_lib.mtlx']);
    expect(r.assets).toHaveLength(9);
  });

  it('not XML, or XML that is not MaterialX, is a typed error naming the document', async () => {
    for (const [name, text, message] of [
      ['a.mtlx', '<?xml version="1.0"?><materialx><image name="x"></materialx>', /MaterialX .*(close|tag|match)/i],
      ['b.mtlx', '<?xml version="1.0"?><svg><path/></svg>', /root element is <svg>/],
      ['c.mtlx', '<?xml version="1.0"?>\n<materialx version="1.38">', /MaterialX/],
    ] as const) {
      const err = await computeUsdDependencies(await t.file(name, text)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalyzeError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(name);
    }
  });
});

describe('MaterialX named by DCC scenes', () => {
  let t: TempTree;
  beforeEach(async () => { t = await tempTree('mtlx-dcc-', { sdkHome: true }); });
  afterEach(async () => { await t.cleanup(); });

  async function look(): Promise<string> {
    const doc = await t.file('shot/looks/chair.mtlx', `<?xml version="1.0"?>
<materialx version="1.38" fileprefix="../tex/">
  <image name="base" type="color3"><input name="file" type="filename" value="chair_base.png" /></image>
  <image name="bump" type="float"><input name="file" type="filename" value="chair_bump.png" /></image>
</materialx>
`);
    await t.file('shot/tex/chair_base.png', 'x');
    await t.file('shot/tex/chair_base.tx', 'x');
    return doc;
  }

  it('Maya: an aiMaterialx node: the document, its textures and their .tx uploaded; the missing one is tip 25009 with the element path', async () => {
    const doc = await look();
    const scene = await t.file('shot/scenes/chair.ma', `//Maya ASCII 2023 scene
requires maya "2023";
requires -nodeType "aiMaterialx" "mtoa" "5.3.0";
createNode aiMaterialx -n "chairLook";
	setAttr ".filename" -type "string" "${doc}";
// End of chair.ma
`);
    const result = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2023', workspace: t.dir, localOs: 'linux' }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    expect(upload.asset.map((a) => path.relative(t.dir, a.local)).filter((l) => l !== 'shot/scenes/chair.ma').sort()).toEqual([
      'shot/looks/chair.mtlx', 'shot/tex/chair_base.png', 'shot/tex/chair_base.tx',
    ]);
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(tips['25009']).toEqual([expect.stringMatching(/MaterialX file name \.\.\/tex\/chair_bump\.png named by bump\/file in .*chair\.mtlx/)]);
  });

  it('Maya session: the plugin walk names the aiMaterialx document, the sidecar reads it: the static list', async () => {
    const doc = await look();
    const scene = await t.file('shot/scenes/live.ma', `//Maya ASCII 2023 scene
requires maya "2023";
createNode aiMaterialx -n "chairLook";
	setAttr ".filename" -type "string" "${doc}";
// End of live.ma
`);
    const stat = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2023', workspace: t.dir, localOs: 'linux' }).analyse({ mode: 'static' });
    const fixture = path.join(t.dir, 'session.json');
    await writeFile(fixture, JSON.stringify({
      scene, version: '2023', workspace: `${t.dir}/`, plugins: {}, nodes: { chairLook: { type: 'aiMaterialx', attrs: { filename: doc } } }, references: {},
    }));
    const walk = path.resolve('test/python/standins/walk_facts.py');
    const facts = JSON.parse((await promisify(execFile)('python3', [walk, 'maya', fixture], { maxBuffer: 16 << 20 })).stdout);
    const live = await intakeSceneFacts(facts, { workspace: t.dir, softwareVersion: '2023' });
    const uploads = (r: typeof stat): string[] => r.upload.asset.map((a) => path.relative(t.dir, a.local)).sort();
    expect(uploads(live)).toEqual(uploads(stat));
    expect(uploads(live)).toContain('shot/tex/chair_base.tx');
  });

  it('Houdini: a reference LOP naming a .mtlx through $HIP', async () => {
    await look();
    const scene = await t.file('shot/look.hip', buildHip([
      ...sceneEntries({}),
      ...nodeEntries('/stage', 'lopnet', {}),
      ...nodeEntries('/stage/reference1', 'reference', { filepath1: ['$HIP/looks/chair.mtlx'] }),
    ]));
    const result = await new AnalyzeHoudini({ cgFile: scene, softwareVersion: '20.0.547', workspace: t.dir }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    expect(upload.asset.map((a) => path.relative(t.dir, a.local)).filter((l) => l !== 'shot/look.hip').sort()).toEqual([
      'shot/looks/chair.mtlx', 'shot/tex/chair_base.png', 'shot/tex/chair_base.tx',
    ]);
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(tips['50001']).toEqual([expect.stringContaining('chair_bump.png named by bump/file in')]);
  });
});
