import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMayaAscii } from '../../../sidecar/src/analyze/static/maya';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'maya-layers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = `//Maya ASCII 2018 scene
//Codeset: 1252
requires maya "2018";
currentUnit -l centimeter -a degree -t film;
fileInfo "product" "Maya 2018";
createNode transform -s -n "persp";
createNode camera -s -n "perspShape" -p "persp";
createNode transform -n "shotCam";
createNode camera -n "shotCamShape" -p "shotCam";
	setAttr ".rnd" no;
createNode renderLayerManager -n "renderLayerManager";
createNode renderLayer -n "defaultRenderLayer";
	setAttr ".g" yes;
`;

const GLOBALS = `select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "arnold";
	setAttr ".an" yes;
	setAttr ".mfe" yes;
	setAttr ".fs" 1;
	setAttr ".ef" 100;
	setAttr ".bfs" 2;
	setAttr ".ifp" -type "string" "shots/<RenderLayer>/beauty";
select -ne :defaultResolution;
	setAttr ".w" 2048;
	setAttr ".h" 858;
`;

async function read(name: string, body: string) {
  const file = path.join(dir, name);
  await writeFile(file, `${body}// End of ${name}\n`); // Maya's closing line: without it the file reads as truncated
  return readMayaAscii(file);
}

describe('Maya render layers', () => {
  it('legacy layers: adjustments override frames, renderer, camera renderable; .rndr no', async () => {
    const facts = await read('legacy.ma', HEADER + `createNode renderLayer -n "fx";
	setAttr ".do" 1;
	setAttr -s 4 ".adjs";
	setAttr ".adjs[0:1].val" 20 40;
	setAttr ".adjs[2].val" yes;
	setAttr ".adjs[3].val" no;
createNode renderLayer -n "off";
	setAttr ".rndr" no;
	setAttr ".do" 2;
` + GLOBALS + `connectAttr "renderLayerManager.rlmi[0]" "defaultRenderLayer.rlid";
connectAttr ":defaultRenderGlobals.fs" "fx.adjs[0].plg";
connectAttr ":defaultRenderGlobals.endFrame" "fx.adjs[1].plg";
connectAttr "shotCamShape.rnd" "fx.adjs[2].plg";
connectAttr "perspShape.rnd" "fx.adjs[3].plg";
`);
    expect(facts.frameRange).toEqual({ start: 1, end: 100, step: 2 });
    expect(facts.renderNodes.map((n) => [n.node, n.renderable])).toEqual([['defaultRenderLayer', true], ['fx', true], ['off', false]]);
    const [master, fx] = facts.renderNodes;
    expect(master).toMatchObject({
      frames: { start: 1, end: 100, step: 2 }, cameras: ['perspShape'], renderer: 'arnold',
      output: 'shots/<RenderLayer>/beauty', width: 2048, height: 858,
    });
    expect(master!.settings).toMatchObject({ renumber_frames: 'True', animation: 'True', image_format: 'exr', all_camera: 'perspShape,shotCamShape' });
    expect(fx).toMatchObject({ frames: { start: 20, end: 40, step: 2 }, cameras: ['shotCamShape'] });
    expect(facts.cameras).toEqual([{ node: 'perspShape', renderable: true }, { node: 'shotCamShape', renderable: false }]);
  });

  it('Render Setup: rs_ layers get the unique overrides of their collections; renderable flag of the setup layer', async () => {
    const facts = await read('rs.ma', HEADER + `createNode renderSetup -n "renderSetup";
createNode renderSetupLayer -n "chars";
createNode renderLayer -n "rs_chars";
createNode renderSettingsCollection -n "chars_renderSettingsCollection";
createNode absUniqueOverride -n "startFrame_override";
	setAttr ".atr" -type "string" "startFrame";
	setAttr ".tgName" -type "string" "defaultRenderGlobals";
	setAttr ".atv" 10;
createNode absUniqueOverride -n "endFrame_override";
	setAttr ".atr" -type "string" "endFrame";
	setAttr ".tgName" -type "string" "defaultRenderGlobals";
	setAttr ".atv" 30;
createNode absUniqueOverride -n "disabled_override";
	setAttr ".en" no;
	setAttr ".atr" -type "string" "byFrameStep";
	setAttr ".tgName" -type "string" "defaultRenderGlobals";
	setAttr ".atv" 5;
createNode absUniqueOverride -n "cam_override";
	setAttr ".atr" -type "string" "renderable";
	setAttr ".tgName" -type "string" "shotCamShape";
	setAttr ".atv" yes;
createNode relUniqueOverride -n "width_override";
	setAttr ".atr" -type "string" "width";
	setAttr ".tgName" -type "string" "defaultResolution";
	setAttr ".mul" 0.5;
	setAttr ".ofs" 0;
createNode renderSetupLayer -n "bg";
	setAttr ".rndr" no;
createNode renderLayer -n "rs_bg";
createNode collection -n "bg_cams";
createNode absOverride -n "bg_cam_renderable";
	setAttr ".atr" -type "string" "renderable";
	setAttr ".atv" yes;
` + GLOBALS + `connectAttr "rs_chars.msg" "chars.lrl";
connectAttr "rs_bg.msg" "bg.lrl";
connectAttr "renderSetup.lit" "chars.pls";
connectAttr "renderSetup.lit" "bg.pls";
connectAttr "chars.lit" "chars_renderSettingsCollection.pls";
connectAttr "chars_renderSettingsCollection.lit" "startFrame_override.pls";
connectAttr "chars_renderSettingsCollection.lit" "endFrame_override.pls";
connectAttr "chars_renderSettingsCollection.lit" "disabled_override.pls";
connectAttr "chars_renderSettingsCollection.lit" "cam_override.pls";
connectAttr "chars_renderSettingsCollection.lit" "width_override.pls";
connectAttr "bg.lit" "bg_cams.pls";
connectAttr "bg_cams.lit" "bg_cam_renderable.pls";
`);
    const byName = Object.fromEntries(facts.renderNodes.map((n) => [n.node, n]));
    expect(Object.keys(byName)).toEqual(['defaultRenderLayer', 'rs_chars', 'rs_bg']);
    expect(byName.rs_chars).toMatchObject({
      renderable: true, frames: { start: 10, end: 30, step: 2 }, cameras: ['perspShape', 'shotCamShape'], width: 1024, height: 858,
    });
    expect(byName.rs_chars!.settings).toMatchObject({ render_setup_layer: 'chars' });
    expect(byName.rs_bg).toMatchObject({ renderable: false, frames: { start: 1, end: 100, step: 2 }, cameras: ['perspShape'] });
    expect(facts.warnings).toEqual([expect.objectContaining({ code: 'STATIC_NEEDS_DCC', node: 'bg_cam_renderable', parm: 'renderable' })]);
  });

  it('defaults when nothing is stored: mayaSoftware, 1-10, 960x540 (640x480 before Maya 2016)', async () => {
    const modern = await read('defaults.ma', HEADER);
    expect(modern.renderNodes[0]).toMatchObject({ renderer: 'mayaSoftware', frames: { start: 1, end: 10, step: 1 }, width: 960, height: 540 });
    expect(modern.renderNodes[0]!.settings).toMatchObject({ image_format: 'iff', animation: 'False' });
    const old = await read('old.ma', HEADER.replace(/2018/g, '2014'));
    expect(old.software.version).toBe('2014');
    expect(old.renderNodes[0]).toMatchObject({ width: 640, height: 480 });
  });

  it('image format and prefix follow the renderer: V-Ray settings, Redshift options, Arnold driver', async () => {
    const vray = await read('vray.ma', HEADER + `createNode VRaySettingsNode -s -n "vraySettings";
	setAttr ".imageFormatStr" -type "string" "exr (multichannel)";
	setAttr ".fnprx" -type "string" "vr/<Layer>";
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "vray";
`);
    expect(vray.renderNodes[0]).toMatchObject({ renderer: 'vray', output: 'vr/<Layer>', settings: expect.objectContaining({ image_format: 'exr (multichannel)' }) });
    const rs = await read('rs.ma', HEADER + `createNode RedshiftOptions -s -n "redshiftOptions";
	setAttr ".imageFormat" 2;
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "redshift";
`);
    expect(rs.renderNodes[0]!.settings).toMatchObject({ image_format: 'png' });
    const ai = await read('ai.ma', HEADER + `createNode aiAOVDriver -s -n "defaultArnoldDriver";
	setAttr ".ai_translator" -type "string" "tif";
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "arnold";
`);
    expect(ai.renderNodes[0]!.settings).toMatchObject({ image_format: 'tif' });
  });

  it('expressions that set file attributes become needs-DCC warnings; driven file attributes are flagged', async () => {
    const facts = await read('expr.ma', HEADER + `createNode file -n "seq";
	setAttr ".ftn" -type "string" "D:/tex/a.png";
createNode file -n "drivenTex";
createNode expression -n "expression1";
	setAttr -k on ".nds";
	setAttr ".ixp" -type "string" "seq.fileTextureName = \\"D:/tex/b\\" + frame + \\".png\\";";
createNode stringCompose -n "sc1";
connectAttr "sc1.out" "seq.ftn";
connectAttr "sc1.out" "drivenTex.ftn";
`);
    expect(facts.references).toEqual([{ node: 'seq', parm: 'fileTextureName', path: 'D:/tex/a.png', kind: 'texture', needsDcc: true }]);
    expect(facts.warnings.map((w) => [w.code, w.node])).toEqual([
      ['STATIC_NEEDS_DCC', 'drivenTex'],
      ['STATIC_NEEDS_DCC', 'expression1'],
    ]);
  });
});
