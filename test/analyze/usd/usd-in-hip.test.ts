/**
 * A Solaris scene (built .hip): a sublayer LOP and a reference LOP naming USD layers through $HIP;
 * the layers' own sub-layers, references and textures are uploaded, and a texture the layer names
 * that does not exist is tip 50001 naming the layer and prim.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeHoudini } from '../../../sidecar/src/analyze';
import { readTipsJson, readUploadJson } from '../../../sidecar/src/jobfiles';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';
import { tempTree, type TempTree } from '../helpers/temp-dir';

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('usd-hip-', { sdkHome: true });
});
afterAll(async () => {
  await tree.cleanup();
});

describe('USD layers in a Houdini scene', () => {
  it('sublayer and reference LOPs: layers followed, textures uploaded, the missing one named', async () => {
    await tree.file('shot/usd/layout.usda', '#usda 1.0\n(\n    subLayers = [@./set.usda@]\n)\n');
    await tree.file('shot/usd/set.usda', '#usda 1.0\ndef "Set" {\n    asset inputs:file = @../tex/floor.exr@\n    asset inputs:gone = @../tex/gone.exr@\n}\n');
    await tree.file('shot/usd/char.usda', '#usda 1.0\ndef "Char" (\n    payload = @./char_geo.usda@\n)\n{\n}\n');
    await tree.file('shot/usd/char_geo.usda', '#usda 1.0\n');
    await tree.file('shot/tex/floor.exr');
    const scene = await tree.file('shot/solaris.hip', buildHip([
      ...sceneEntries({}),
      ...nodeEntries('/stage', 'lopnet', {}),
      ...nodeEntries('/stage/sublayer1', 'sublayer', { filepath1: ['$HIP/usd/layout.usda'] }),
      ...nodeEntries('/stage/reference1', 'reference', { filepath1: ['$HIP/usd/char.usda'] }, { inputs: ['sublayer1'] }),
    ]));
    const result = await new AnalyzeHoudini({ cgFile: scene, softwareVersion: '19.5.303', workspace: tree.dir }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    expect(upload.asset.map((a) => path.relative(tree.dir, a.local)).filter((l) => l !== 'shot/solaris.hip').sort()).toEqual([
      'shot/tex/floor.exr', 'shot/usd/char.usda', 'shot/usd/char_geo.usda', 'shot/usd/layout.usda', 'shot/usd/set.usda',
    ]);
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(tips['50001']).toEqual([expect.stringContaining('../tex/gone.exr named by /Set in')]);
  });
});
