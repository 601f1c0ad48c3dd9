// Maya (.ma) and Clarisse (.project) scenes built on disk with known dependencies — UDIM tiles, frame
// sequences, a missing file, Chinese and space-containing folders, one file referenced twice — analysed
// statically end to end: the exact upload.json and asset.json lists, each file once, with server paths.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeMaya, type AnalyzeResult } from '../../sidecar/src/analyze';
import { convertPath, readAssetJson, readTipsJson, readUploadJson } from '../../sidecar/src/jobfiles';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
let root: string;
beforeAll(async () => {
  tree = await tempTree('built-maya-clarisse-', { sdkHome: true });
  root = path.join(tree.dir, '项目 B');
  for (const t of ['1001', '1002', '1011']) await tree.file(`项目 B/贴图 tex/body.${t}.exr`);
  await tree.file('项目 B/贴图 tex/body.1001.tif'); // another extension: not a tile of the .exr set
  for (const f of ['0001', '0002', '0003']) await tree.file(`项目 B/seq/flip.${f}.jpg`);
  await tree.file('项目 B/seq/flip.notes.jpg'); // not a frame number: not part of the sequence
  await tree.file('项目 B/tex/wood diffuse.png');
  await tree.file('项目 B/cache/anim.abc');
});
afterAll(async () => {
  await tree.cleanup();
});

const p = (rel: string): string => path.join(root, rel).replace(/\\/g, '/');
const expected = (): string[] => [
  '贴图 tex/body.1001.exr', '贴图 tex/body.1002.exr', '贴图 tex/body.1011.exr',
  'seq/flip.0001.jpg', 'seq/flip.0002.jpg', 'seq/flip.0003.jpg',
  'tex/wood diffuse.png', 'cache/anim.abc',
].map(p).sort();

/** The asserts both hosts share: the exact files, the scene last, each once, server paths, asset.json. */
async function expectExactAssets(result: AnalyzeResult, scene: string): Promise<void> {
  const upload = await readUploadJson(result.uploadJsonPath);
  const locals = upload.asset.map((a) => a.local);
  expect(locals[locals.length - 1]).toBe(scene);
  expect(locals.slice(0, -1).sort()).toEqual(expected());
  expect(new Set(locals).size).toBe(locals.length);
  for (const a of upload.asset) expect(a.server).toBe(convertPath(a.local));
  expect(upload.scene).toEqual([{ local: scene, server: convertPath(scene), hash: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
  const asset = await readAssetJson(result.assetJsonPath);
  expect(asset.asset.map((e) => e.split('  (mtime')[0]).sort()).toEqual(expected());
}

describe('a built Maya ASCII scene', () => {
  let scene: string;
  let result: AnalyzeResult;
  beforeAll(async () => {
    scene = await tree.file('项目 B/scenes/镜头 010.ma', `//Maya ASCII 2022 scene
//Name: shot.ma
//Codeset: 65001
requires maya "2022";
requires -nodeType "aiStandIn" "mtoa" "5.1.0";
fileInfo "version" "2022";
createNode file -n "udim_tex";
	setAttr ".ftn" -type "string" "${p('贴图 tex/body.1001.exr')}";
	setAttr ".cfnp" -type "string" "${p('贴图 tex/body.<UDIM>.exr')}";
	setAttr ".uvt" 3;
createNode file -n "seq_tex";
	setAttr ".ftn" -type "string" "${p('seq/flip.0001.jpg')}";
	setAttr ".ufe" yes;
createNode file -n "diffuse";
	setAttr ".ftn" -type "string" "${p('tex/wood diffuse.png')}";
createNode file -n "diffuse_again";
	setAttr ".ftn" -type "string" "${p('tex/wood diffuse.png')}";
createNode AlembicNode -n "anim_abc";
	setAttr ".fn" -type "string" "${p('cache/anim.abc')}";
createNode file -n "gone";
	setAttr ".ftn" -type "string" "${p('tex/gone.png')}";
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "arnold";
	setAttr ".fs" 1;
	setAttr ".ef" 3;
// End of 镜头 010.ma
`);
    result = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2022', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
  });

  it('uploads exactly the tiles, the frames and the files, each once, and the scene last', async () => {
    await expectExactAssets(result, scene);
  });

  it('reports the missing texture as tip 25009 with its node and attribute', async () => {
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(Object.keys(tips)).toEqual(['25009']);
    expect(tips['25009']).toEqual([expect.stringMatching(new RegExp(`${p('tex/gone.png').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*node gone, attribute fileTextureName`))]);
    expect(result.task.software_config).toEqual({ plugins: { mtoa: '5.1.0' }, cg_version: '2022', cg_name: 'Maya' });
  });
});

describe('a built Clarisse project', () => {
  let scene: string;
  let result: AnalyzeResult;
  beforeAll(async () => {
    scene = await tree.file('项目 B/镜头 010.project', `#Isotropix_Serial_Version 1.2
#Isotropix_Clarisse_Version 4.0 SP3
#Isotropix_Clarisse_Project_Version 0.94
Context "shot" {
    TextureStreamedMapFile {
        name "body"
        filename "$PDIR/贴图 tex/body.<UDIM>.exr"
    }
    TextureMapFile {
        name "flip"
        filename "$PDIR/seq/flip.####.jpg"
    }
    TextureMapFile {
        name "wood"
        filename "${p('tex/wood diffuse.png')}"
    }
    TextureMapFile {
        name "wood_again"
        filename "$PDIR/tex/wood diffuse.png"
    }
    GeometryAbcMesh {
        name "anim"
        filename "$PDIR/cache/anim.abc"
    }
    TextureMapFile {
        name "gone"
        filename "$PDIR/tex/gone.png"
    }
    Image {
        name "beauty"
        first_frame 1
        last_frame 3
    }
}
`);
    // no softwareVersion: the header's "4.0 SP3" gives the farm's release name
    result = await new AnalyzeClarisse({ cgFile: scene, workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
  });

  it('uploads exactly the tiles, the frames and the files, each once, and the scene last', async () => {
    await expectExactAssets(result, scene);
  });

  it('reports the missing texture as tip 25009 with its node and attribute; the version is the farm release', async () => {
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(Object.keys(tips)).toEqual(['25009']);
    expect(tips['25009']).toEqual([expect.stringContaining('project://shot/gone')]);
    expect(result.task.software_config).toEqual({ plugins: {}, cg_version: 'clarisse_ifx_4.0_sp3', cg_name: 'Clarisse' });
  });
});
