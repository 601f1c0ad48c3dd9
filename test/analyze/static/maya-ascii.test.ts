import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readMayaAscii, readMayaBinary, SceneParseError } from '../../../sidecar/src/analyze/static/maya';
import { readClarisseProject } from '../../../sidecar/src/analyze/static/clarisse';
import type { Progress } from '../../../protocol/src/progress';
import { MelTokenizer, type MelStatement } from '../../../sidecar/src/analyze/static/maya/mel-tokenizer';
import { SceneFacts } from '../../../protocol/src/scene';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'maya');

describe('readMayaAscii on the real scenes', () => {
  it('demo_scenc.ma: Maya 2018, mtoa 2.0.1, one layer, persp renderable, 1-10', async () => {
    const facts = await readMayaAscii(path.join(scenes, 'demo_scenc.ma'));
    expect(SceneFacts.parse(facts)).toEqual(facts);
    expect(facts.software).toEqual({ name: 'Maya', version: '2018' });
    expect(facts.plugins).toEqual({ mtoa: '2.0.1' });
    expect(facts.frameRange).toEqual({ start: 1, end: 10, step: 1 });
    expect(facts.cameras).toEqual([
      { node: 'perspShape', renderable: true },
      { node: 'topShape', renderable: false },
      { node: 'frontShape', renderable: false },
      { node: 'sideShape', renderable: false },
    ]);
    expect(facts.references).toEqual([]);
    expect(facts.renderNodes).toHaveLength(1);
    const layer = facts.renderNodes[0]!;
    expect(layer).toMatchObject({
      node: 'defaultRenderLayer', category: 'layer', renderable: true, renderer: 'mayaSoftware',
      frames: { start: 1, end: 10, step: 1 }, cameras: ['perspShape'], width: 960, height: 540,
    });
    // .imfkey "exr", .an yes in the file; renumbering (.mfe) not set
    expect(layer.settings).toMatchObject({
      image_format: 'exr', animation: 'True', renumber_frames: 'False',
      all_camera: 'perspShape,topShape,frontShape,sideShape', render_camera: 'perspShape',
    });
    expect(facts.warnings).toEqual([]);
  });

  it('maya-test.ma: Maya 2018 (requires "2018ff09"), mtoa 3.1.1.1, image format jpg (.outf 8)', async () => {
    const facts = await readMayaAscii(path.join(scenes, 'maya-test.ma'));
    expect(facts.software).toEqual({ name: 'Maya', version: '2018' });
    expect(facts.plugins).toEqual({ mtoa: '3.1.1.1' });
    expect(facts.frameRange).toEqual({ start: 1, end: 10, step: 1 });
    expect(facts.cameras.filter((c) => c.renderable).map((c) => c.node)).toEqual(['perspShape']);
    expect(facts.renderNodes.map((n) => n.node)).toEqual(['defaultRenderLayer']);
    expect(facts.renderNodes[0]!.settings).toMatchObject({ image_format: 'jpg', animation: 'False' });
    expect(facts.references).toEqual([]);
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'maya-ascii-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scene(name: string, body: string, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, body, encoding);
  return file;
}

const HEADER = `//Maya ASCII 2022 scene
//Name: gen.ma
//Codeset: 65001
file -rdi 1 -ns "char" -rfn "charRN" -op "v=0;" -typ "mayaAscii" "D:/proj/assets/char.ma";
file -rdi 2 -ns "prop" -rfn "char:propRN" -typ "mayaBinary" "D:/proj/assets/prop.mb";
file -r -ns "char" -dr 1 -rfn "charRN" -op "v=0;" -typ "mayaAscii" "D:/proj/assets/char.ma";
file -r -ns "char1" -rfn "charRN1" -typ "mayaAscii" "D:/proj/assets/char.ma{1}";
requires maya "2022";
requires -nodeType "aiOptions" -nodeType "aiStandIn" -nodeType "aiImage" "mtoa" "5.1.0";
requires -nodeType "RedshiftOptions" "redshift4maya" "3.0.57";
requires "AbcImport" "1.0";
currentUnit -l centimeter -a degree -t ntsc;
fileInfo "application" "maya";
fileInfo "product" "Maya 2022";
fileInfo "version" "2022";
`;

describe('readMayaAscii on generated scenes', () => {
  it('lists exactly the referenced files: textures (UDIM, sequences), caches, references, odd paths', async () => {
    const file = await scene('refs.ma', HEADER + `createNode transform -n "shot_cam";
createNode camera -n "shot_camShape" -p "shot_cam";
	setAttr -k off ".v";
	setAttr ".rnd" yes;
createNode file -n "diffuse";
	setAttr ".ftn" -type "string" "D:/proj/sourceimages/wood diffuse.png";
createNode file -n "udim_tex";
	setAttr ".ftn" -type "string" "D:/proj/tex/body.1001.exr";
	setAttr ".cfnp" -type "string" "D:/proj/tex/body.<UDIM>.exr";
	setAttr ".uvt" 3;
createNode file -n "seq_tex";
	setAttr ".ftn" -type "string" "D:/proj/tex/flip.0001.jpg";
	setAttr ".ufe" yes;
createNode file -n "chinese_tex";
	setAttr ".fileTextureName" -type "string" "D:/项目/贴图/木纹 01.tif";
createNode file -n "empty_tex";
createNode AlembicNode -n "anim_abc";
	setAttr ".fn" -type "string" "//server/share/cache/anim.abc";
createNode gpuCache -n "city_gpu";
	setAttr ".cfn" -type "string" "$PROJ/cache/city.abc";
createNode aiStandIn -n "trees";
	setAttr ".dso" -type "string" "D:/proj/ass/trees.####.ass";
createNode aiImage -n "hdr";
	setAttr ".filename" -type "string" ("D:/proj/hdr/" + "sky.hdr");
createNode imagePlane -n "plate";
	setAttr ".imn" -type "string" "D:/proj/plates/plate.<f>.png";
createNode cacheFile -n "clothCache";
	setAttr ".cp" -type "string" "D:/proj/cache/nCache/";
	setAttr ".cn" -type "string" "clothShape";
createNode someStudioNode -n "custom1";
	setAttr ".inputFile" -type "string" "D:/proj/data/points.bin";
	setAttr ".label" -type "string" "not a path";
createNode script -n "sceneConfigurationScriptNode";
	setAttr ".b" -type "string" "playbackOptions -min 1 -max 120 D:/x/y.mel";
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "arnold";
	setAttr ".ifp" -type "string" "<Scene>/<RenderLayer>";
	setAttr ".fs" 101;
	setAttr ".ef" 148;
select -ne :defaultResolution;
	setAttr ".w" 1920;
	setAttr ".h" 1080;
// End of refs.ma
`);
    const facts = await readMayaAscii(file);
    expect(facts.software.version).toBe('2022');
    expect(facts.plugins).toEqual({ mtoa: '5.1.0', redshift4maya: '3.0.57', AbcImport: '1.0' });
    expect(facts.references).toEqual([
      { node: 'charRN', parm: 'fileName', path: 'D:/proj/assets/char.ma', kind: 'scene_reference', namespace: 'char' },
      { node: 'char:propRN', parm: 'fileName', path: 'D:/proj/assets/prop.mb', kind: 'scene_reference', namespace: 'prop' },
      { node: 'charRN1', parm: 'fileName', path: 'D:/proj/assets/char.ma', kind: 'scene_reference', namespace: 'char1' },
      { node: 'diffuse', parm: 'fileTextureName', path: 'D:/proj/sourceimages/wood diffuse.png', kind: 'texture' },
      { node: 'udim_tex', parm: 'fileTextureName', path: 'D:/proj/tex/body.<UDIM>.exr', kind: 'texture' },
      { node: 'seq_tex', parm: 'fileTextureName', path: 'D:/proj/tex/flip.0001.jpg', kind: 'texture', sequence: true },
      { node: 'chinese_tex', parm: 'fileTextureName', path: 'D:/项目/贴图/木纹 01.tif', kind: 'texture' },
      { node: 'anim_abc', parm: 'abc_File', path: '//server/share/cache/anim.abc', kind: 'alembic' },
      { node: 'city_gpu', parm: 'cacheFileName', path: '$PROJ/cache/city.abc', kind: 'alembic' },
      { node: 'trees', parm: 'dso', path: 'D:/proj/ass/trees.####.ass', kind: 'procedural', sequence: true },
      { node: 'hdr', parm: 'filename', path: 'D:/proj/hdr/sky.hdr', kind: 'texture' },
      { node: 'plate', parm: 'imageName', path: 'D:/proj/plates/plate.<f>.png', kind: 'image', sequence: true },
      { node: 'clothCache', parm: 'cachePath', path: 'D:/proj/cache/nCache/clothShape.xml', kind: 'cache' },
      { node: 'custom1', parm: 'inputFile', path: 'D:/proj/data/points.bin', kind: 'other' },
    ]);
    expect(facts.frameRange).toEqual({ start: 101, end: 148, step: 1 });
    expect(facts.renderNodes[0]).toMatchObject({
      node: 'defaultRenderLayer', renderer: 'arnold', output: '<Scene>/<RenderLayer>', width: 1920, height: 1080,
      cameras: ['shot_camShape'],
    });
  });
});

describe('reference edits', () => {
  it('files set by setAttr edits on referenced nodes are references (even past the head of a huge edit list)', async () => {
    const filler = Array.from({ length: 300 }, (_, i) => `\t\t2 "|char:grp|char:geo${i}" "visibility" " 0"`).join('\n');
    const file = await scene('edits.ma', HEADER + `createNode reference -n "charRN";
	setAttr ".phl[1]" 0;
	setAttr ".ed" -type "dataReferenceEdits" 
		"charRN"
		"charRN" 0
		"charRN" 304
${filler}
		2 "char:skin" "fileTextureName" " -type \\"string\\" \\"D:/proj/tex/skin v2.<UDIM>.exr\\""
		2 "|char:grp|char:cache" "abc_File" " -type \\"string\\" \\"D:/proj/cache/char_v3.abc\\""
		2 "char:seq" "ftn" " -type \\"string\\" \\"D:/proj/tex/flip.####.png\\""
		3 "char:skin.outColor" "|char:bodyShape.instObjGroups" "charRN.placeHolderList[1]" "";
`);
    const facts = await readMayaAscii(file);
    expect(facts.references.filter((r) => r.kind !== 'scene_reference')).toEqual([
      { node: 'char:skin', parm: 'fileTextureName', path: 'D:/proj/tex/skin v2.<UDIM>.exr', kind: 'texture' },
      { node: 'char:cache', parm: 'abc_File', path: 'D:/proj/cache/char_v3.abc', kind: 'alembic' },
      { node: 'char:seq', parm: 'fileTextureName', path: 'D:/proj/tex/flip.####.png', kind: 'texture', sequence: true },
    ]);
  });
});

describe('readMayaAscii errors', () => {
  it('rejects a file that is not Maya ASCII with SceneParseError', async () => {
    const file = await scene('bad.ma', 'hello world; this is not maya;');
    await expect(readMayaAscii(file)).rejects.toBeInstanceOf(SceneParseError);
    await expect(readMayaAscii(file)).rejects.toMatchObject({ code: 'ERR_SCENE_PARSE' });
  });

  it('accepts a UTF-8 byte order mark before the header', async () => {
    const file = await scene('bom.ma', `\uFEFF${HEADER}`);
    expect((await readMayaAscii(file)).software.version).toBe('2022');
  });

  it('warns on a truncated file instead of failing', async () => {
    const file = await scene('trunc.ma', HEADER + 'createNode file -n "f1";\n\tsetAttr ".ftn" -type "string" "D:/a/b');
    const facts = await readMayaAscii(file);
    expect(facts.warnings.map((w) => w.code)).toContain('15106');
  });

  // cancel: test/analyze/static/cancel.test.ts covers every reader

  it('reports bytes read as begin … end with the file size, and gives an absolute scene path', async () => {
    const file = await scene('progress.ma', HEADER);
    const events: Progress[] = [];
    const facts = await readMayaAscii(path.relative(process.cwd(), file), { onProgress: (p) => events.push(p) });
    expect(facts.scenePath).toBe(file);
    const size = Buffer.byteLength(HEADER);
    expect(events[0]).toMatchObject({ kind: 'begin', bytes: { transferred: 0, total: size } });
    expect(events.at(-1)).toEqual({ kind: 'end', stage: 'read', bytes: { transferred: size, total: size } });
  });

  it('a missing scene is CGFileNotExistsError (tip 15024), for every reader', async () => {
    const missing = path.join(dir, 'nope.ma');
    await expect(readMayaAscii(missing)).rejects.toMatchObject({ code: 'ERR_CG_FILE_NOT_EXISTS', farmCode: 15024 });
    await expect(readMayaBinary(missing)).rejects.toMatchObject({ code: 'ERR_CG_FILE_NOT_EXISTS' });
    await expect(readClarisseProject(missing)).rejects.toMatchObject({ code: 'ERR_CG_FILE_NOT_EXISTS' });
  });
});

describe('MEL tokenizer', () => {
  function statements(data: Buffer, chunkSizes: () => number): MelStatement[] {
    const out: MelStatement[] = [];
    const t = new MelTokenizer({ statement: (s) => out.push(s), decode: (b) => Buffer.from(b).toString('utf8') });
    for (let at = 0; at < data.length;) {
      const n = Math.max(1, chunkSizes());
      t.push(data.subarray(at, at + n));
      at += n;
    }
    t.end();
    return out;
  }

  it('gives the same statements whatever the chunking (strings, escapes, comments across chunk ends)', async () => {
    const data = await readFile(path.join(scenes, 'demo_scenc.ma'));
    const whole = statements(data, () => data.length);
    expect(whole.length).toBeGreaterThan(100);
    expect(statements(data, () => 1)).toEqual(whole);
    let seed = 1;
    const rnd = (): number => (seed = (seed * 48271) % 2147483647) % 977;
    expect(statements(data, rnd)).toEqual(whole);
  });

  it('keeps the head of a huge statement and the last strings (requires with many -nodeType flags)', async () => {
    const types = Array.from({ length: 200 }, (_, i) => `-nodeType "t${i}"`).join(' ');
    const file = await scene('many.ma', `//Maya ASCII 2020 scene\nrequires maya "2020";\nrequires ${types} "bigPlugin" "9.1";\n` +
      `createNode mesh -n "m";\n\tsetAttr -s 100000 ".vt[0:99999]" ${'1.5 -2 3e-05 '.repeat(100000)};\n` +
      'createNode file -n "after";\n\tsetAttr ".ftn" -type "string" "D:/after/mesh.png";\n');
    const facts = await readMayaAscii(file);
    expect(facts.plugins).toEqual({ bigPlugin: '9.1' });
    expect(facts.references.map((r) => r.path)).toEqual(['D:/after/mesh.png']);
  });

  it('decodes strings in the scene codeset (936 = GBK) and keeps valid UTF-8 as is', async () => {
    const gbk = Buffer.concat([
      Buffer.from('//Maya ASCII 2018 scene\n//Codeset: 936\nrequires maya "2018";\ncreateNode file -n "f";\n\tsetAttr ".ftn" -type "string" "D:/'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), // 中文 in GBK
      Buffer.from('/wood.png";\ncreateNode file -n "g";\n\tsetAttr ".ftn" -type "string" "D:/'),
      Buffer.from('贴图', 'utf8'),
      Buffer.from('/a b.png";\n'),
    ]);
    const file = path.join(dir, 'gbk.ma');
    await writeFile(file, gbk);
    const facts = await readMayaAscii(file);
    expect(facts.references.map((r) => r.path)).toEqual(['D:/中文/wood.png', 'D:/贴图/a b.png']);
  });

  it('keeps DAG nodes that share a name under different parents apart', async () => {
    const file = await scene('dag.ma', `//Maya ASCII 2020 scene
requires maya "2020";
createNode transform -n "shotA";
createNode camera -n "camShape" -p "shotA";
createNode transform -n "shotB";
createNode camera -n "camShape" -p "shotB";
	setAttr ".rnd" no;
createNode transform -n "geoA";
createNode aiStandIn -n "proxy" -p "geoA";
	setAttr ".dso" -type "string" "D:/a.ass";
createNode transform -n "geoB";
createNode aiStandIn -n "proxy" -p "geoB";
	setAttr ".dso" -type "string" "D:/b.ass";
setAttr "|geoB|proxy.dso" -type "string" "D:/b2.ass";
`);
    const facts = await readMayaAscii(file);
    expect(facts.cameras).toEqual([{ node: 'camShape', renderable: true }, { node: 'shotB|camShape', renderable: false }]);
    expect(facts.references.map((r) => [r.node, r.path])).toEqual([['proxy', 'D:/a.ass'], ['geoB|proxy', 'D:/b2.ass']]);
  });
});
