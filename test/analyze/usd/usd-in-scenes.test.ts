/**
 * USD layers a scene names are followed by the analysis: a Maya mayaUsdProxyShape and a Clarisse
 * project each pointing at a stage whose sub-layers, references (a .usdc from OpenUSD's tests) and
 * textures must all be uploaded; what USD would not find is a missing-file tip naming layer and prim.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeMaya } from '../../../sidecar/src/analyze';
import { readTipsJson, readUploadJson } from '../../../sidecar/src/jobfiles';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const BASE = path.resolve(__dirname, '../../../../shared/scenes/usd');
let tree: TempTree;
let stage: string;
const inTree = (rel: string): string => path.join(tree.dir, rel);

beforeAll(async () => {
  tree = await tempTree('usd-scenes-', { sdkHome: true });
  stage = await tree.file('shot/usd/stage.usda', `#usda 1.0
(
    subLayers = [@./layout.usda@]
)
def "Set" (
    references = @./model.usdc@
)
{
    def Shader "Wood" {
        asset inputs:file = @../tex/wood.<UDIM>.png@
        asset inputs:bump = @../tex/bump.png@
    }
}
`);
  await tree.file('shot/usd/layout.usda', '#usda 1.0\ndef "Lay" {\n    asset inputs:file = @./ground.exr@\n}\n');
  await tree.file('shot/usd/ground.exr');
  await copyFile(path.join(BASE, 'testUsdCrateRelocates.testenv/model.usdc'), inTree('shot/usd/model.usdc'));
  await tree.file('shot/tex/wood.1001.png');
  await tree.file('shot/tex/wood.1002.png');
});
afterAll(async () => {
  await tree.cleanup();
});

const expectedUploads = (): string[] => ['shot/tex/wood.1001.png', 'shot/tex/wood.1002.png', 'shot/usd/ground.exr', 'shot/usd/layout.usda', 'shot/usd/model.usdc', 'shot/usd/stage.usda'].map(inTree);

describe('USD stages named by scenes', () => {
  it('Maya: a mayaUsdProxyShape stage with its sub-layers, crate reference and UDIM tiles; the missing bump map is tip 25009', async () => {
    const scene = await tree.file('shot/scenes/usd.ma', `//Maya ASCII 2023 scene
requires maya "2023";
requires -nodeType "mayaUsdProxyShape" "mayaUsdPlugin" "0.20.0";
createNode mayaUsdProxyShape -n "stageShape1";
	setAttr ".fp" -type "string" "${stage}";
// End of usd.ma
`);
    const result = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2023', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    expect(upload.asset.map((a) => a.local).filter((l) => l !== scene).sort()).toEqual(expectedUploads());
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(tips['25009']).toEqual([expect.stringContaining('../tex/bump.png named by /Set/Wood in')]);
  });

  it('Clarisse: a USD reference in a project gives the same list', async () => {
    const scene = await tree.file('shot/usd.project', `#Isotropix_Serial_Version 1.2
#Isotropix_Clarisse_Version 4.0 SP3
#Isotropix_Clarisse_Project_Version 0.94
Context "shot" {
    GeometryBundleUsd {
        name "set"
        filename "${stage}"
    }
    Image {
        name "beauty"
        first_frame 1
        last_frame 3
    }
}
`);
    const result = await new AnalyzeClarisse({ cgFile: scene, softwareVersion: 'clarisse_ifx_4.0_sp3', workspace: tree.dir }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    expect(upload.asset.map((a) => a.local).filter((l) => l !== scene).sort()).toEqual(expectedUploads());
  });
});
