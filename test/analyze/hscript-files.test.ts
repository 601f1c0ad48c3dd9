import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeHoudini, type AnalyzeResult } from '../../sidecar/src/analyze';
import { readAssetJson, readUploadJson } from '../../sidecar/src/jobfiles';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

/**
 * File parms decided by HScript expressions, on a built .hip saved in a folder it shares with 100
 * unrelated files: every expression the scene defines is evaluated (chs hops, padzero, $OS, HDA
 * interface parms …), the rest becomes a "needs the DCC" tip, and nothing else is uploaded.
 */
let tree: TempTree;
let project: string;
let cgFile: string;
let result: AnalyzeResult;

const FILES = [
  'tex/spec.png', 'tex/wood_spec.png', 'tex/deep_c.png', 'tex/prop_diffuse.png', 'tex/prop_other.png', 'tex/geo1_file5.png',
  'tex/v002/grid.png', 'tex/job.png', 'tex/user.png', 'tex/cached.png', 'tex/python.png', 'tex/other.png',
  'tex/wood.1001.rat', 'tex/wood.1002.rat', 'tex/wood.1001.exr', 'tex/woodx.1001.rat', 'tex/wood.101.rat',
  'geo/sim.0001.bgeo.sc', 'geo/sim.0002.bgeo.sc', 'geo/sim.0003.bgeo.sc', 'geo/sim.01.bgeo.sc', 'geo/sim.0001.bgeo', 'geo/simx.0001.bgeo.sc',
  'geo/sub.1.bgeo', 'geo/sub.1.5.bgeo', 'geo/sub.x.bgeo', 'geo/chan.0007.bgeo.sc', 'geo/chan.0008.bgeo.sc',
];

type Entries = Array<[string, string]>;
const read = { filemode: ['read'] };

/** The cases: nodes, the files they must upload (exactly), and how many "needs the DCC" tips they give. */
const CASES: Record<string, { nodes: Entries; files: string[]; dccTips: number }> = {
  'one chs hop': {
    // A whole-value backtick to a spare parm on the same node, and one inside a larger string.
    nodes: nodeEntries('/mat/wood', 'principledshader', {
      basecolor_texture: ['`chs("specMap1")`'], specMap1: ['$HIP/tex/spec.png'], spec_name: ['wood_spec'],
      rough_texture: ['$HIP/tex/`chs("spec_name")`.png'],
    }, { fileParms: ['specMap1'] }),
    files: ['tex/spec.png', 'tex/wood_spec.png'],
    dccTips: 0,
  },
  'three chs hops': {
    // Relative, relative, absolute; $OS is the name of the node that holds the value.
    nodes: [
      ...nodeEntries('/obj/look/tex1', 'texture', { map: ['`chs("../../a/p")`'] }),
      ...nodeEntries('/obj/a', 'null', { p: ['`chs("../b/p")`'] }),
      ...nodeEntries('/obj/b', 'null', { p: ['`chs("/obj/c/p")`'] }),
      ...nodeEntries('/obj/c', 'null', { p: ['$HIP/tex/deep_$OS.png'] }),
    ],
    files: ['tex/deep_c.png'],
    dccTips: 0,
  },
  'a cycle': {
    nodes: [
      ...nodeEntries('/obj/cyc/file1', 'file', { ...read, file: ['`chs("../file2/file")`'] }),
      ...nodeEntries('/obj/cyc/file2', 'file', { ...read, file: ['`chs("../file1/file")`'] }),
    ],
    files: [],
    dccTips: 2,
  },
  'padzero($F, 4)': {
    // Written padzero(4, $F) (width first): the frame padded to 4 in the file-name position; the
    // other order would make the width the frame, so it needs the DCC.
    nodes: [
      ...nodeEntries('/obj/geo1/file3', 'file', { ...read, file: ['$HIP/geo/sim.`padzero(4, $F)`.bgeo.sc'] }),
      ...nodeEntries('/obj/geo1/swapped', 'file', { ...read, file: ['$HIP/geo/sim.`padzero($F, 4)`.bgeo.sc'] }),
      ...nodeEntries('/obj/geo1/sub', 'file', { ...read, file: ['$HIP/geo/sub.`$FF`.bgeo'] }),
      // A string channel (hscript) driving a file parm, with arithmetic on the frame; written as
      // Houdini writes an expression with spaces: quoted, inner quotes escaped.
      ...nodeEntries('/obj/geo1/chan', 'file', { ...read, file: [{ channel: 'file', value: '$HIP/geo/stale.bgeo' }] }, {
        chn: { file: '"\\"$HIP/geo/chan.\\" + padzero(4, $F + 6) + \\".bgeo.sc\\""' },
      }),
    ],
    files: ['geo/sim.0001.bgeo.sc', 'geo/sim.0002.bgeo.sc', 'geo/sim.0003.bgeo.sc', 'geo/sub.1.bgeo', 'geo/sub.1.5.bgeo', 'geo/chan.0007.bgeo.sc', 'geo/chan.0008.bgeo.sc'],
    dccTips: 1,
  },
  'UDIM after an expression': {
    nodes: nodeEntries('/mat/udim', 'texture', { base: ['wood'], map: ['$HIP/tex/`chs("base")`.<UDIM>.rat'] }),
    files: ['tex/wood.1001.rat', 'tex/wood.1002.rat'],
    dccTips: 0,
  },
  'a Python expression': {
    // A backtick pythonexprs() and a channel in language python (its saved value exists, still not uploaded).
    nodes: [
      ...nodeEntries('/obj/geo1/py1', 'file', { ...read, file: ['$HIP/tex/`pythonexprs("hou.pwd().name()")`.png'] }),
      ...nodeEntries('/obj/geo1/py2', 'file', { ...read, file: [{ channel: 'file', value: '$HIP/tex/cached.png' }] }, {
        chn: { file: 'hou.pwd().parm(\\"x\\").eval() language = python' },
      }),
    ],
    files: [],
    dccTips: 2,
  },
  'HDA interface parms': {
    // A node inside each instance (the asset's contents; its network node is not saved) reads the
    // instance's interface parm — by backticks or by a channel — so each resolves to its own instance.
    nodes: [
      ...nodeEntries('/obj/prop1', 'studio::prop::1.0', { texname: ['prop_diffuse'] }),
      ...nodeEntries('/obj/prop1/matnet/tex', 'texture', { map: ['$HIP/tex/`chs("../../texname")`.png'] }),
      ...nodeEntries('/obj/prop2', 'studio::prop::1.0', { texname: ['prop_other'] }),
      ...nodeEntries('/obj/prop2/matnet/tex', 'texture', { map: [{ channel: 'map', value: '' }] }, {
        chn: { map: '"\\"$HIP/tex/\\" + chs(\\"../../texname\\") + \\".png\\""' },
      }),
    ],
    files: ['tex/prop_diffuse.png', 'tex/prop_other.png'],
    dccTips: 0,
  },
  'node and string functions, $JOB, set -g variables': {
    nodes: [
      // opinputpath gives a node, not a file.
      ...nodeEntries('/obj/geo1/null1', 'null', {}),
      ...nodeEntries('/obj/geo1/file4', 'file', { ...read, file: ['`opinputpath(".", 0)`'] }, { inputs: ['null1'] }),
      ...nodeEntries('/obj/geo1/file5', 'file', { ...read, file: ['$HIP/tex/`strreplace(oprelativepath("/obj", "."), "/", "_")`.png'] }),
      ...nodeEntries('/obj/geo1/src', 'null', { version: ['v001'] }),
      ...nodeEntries('/obj/geo1/file6', 'file', { ...read, file: ['`strreplace("$HIP/tex/" + chs("../src/version") + "/grid.png", "v001", "v002")`'] }),
      ...nodeEntries('/obj/geo1/file7', 'file', { ...read, file: ['`$JOB + "/shots/sh010/tex/job.png"`'] }),
      ...nodeEntries('/obj/geo1/file8', 'file', { ...read, file: ['`strcat($TEXDIR, "/user.png")`'] }),
      // An unknown function: needs the DCC.
      ...nodeEntries('/obj/geo1/file9', 'file', { ...read, file: ['$HIP/tex/`detail("../x", "name", 0)`.png'] }),
    ],
    files: ['tex/geo1_file5.png', 'tex/v002/grid.png', 'tex/job.png', 'tex/user.png'],
    dccTips: 1,
  },
};

/** A scene with the given nodes, saved elsewhere: $HIP and $JOB follow it, TEXDIR is a user variable made of $HIP. */
function scene(nodes: Entries): Buffer {
  return buildHip([
    ...sceneEntries({ fps: 24, tset: [0, 2], vars: { HIP: 'D:/old/job/shots/sh010', JOB: 'D:/old/job', TEXDIR: '$HIP/tex', _HIP_SAVEVERSION: '20.0.547' } }),
    ...nodeEntries('/out/mantra1', 'ifd', { trange: ['normal'], f: [1, 3, 1], vm_picture: ['$HIP/render/$OS.$F4.exr'] }),
    ...nodes,
  ]);
}

const analyse = (file: string): Promise<AnalyzeResult> =>
  new AnalyzeHoudini({ cgFile: file, softwareVersion: '20.0.547', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });

beforeAll(async () => {
  tree = await tempTree('hscript-files-', { sdkHome: true });
  project = path.join(tree.dir, 'job', 'shots', 'sh010');
  for (const f of FILES) await tree.file(path.join('job', 'shots', 'sh010', f));
  // 100 unrelated files beside the scene: other scenes, backups, notes — never textures of this one.
  for (let i = 0; i < 100; i += 1) await tree.file(`job/shots/sh010/${['other', 'backup', 'notes'][i % 3]}_${String(i).padStart(3, '0')}.${['hip', 'hip.bak', 'txt'][i % 3]}`);
  cgFile = path.join(project, 'shot.hip');
  const hip = scene(Object.values(CASES).flatMap((c) => c.nodes));
  await writeFile(cgFile, hip);
  result = await analyse(cgFile);
});
afterAll(async () => {
  await tree.cleanup();
});

const p = (rel: string): string => path.join(project, rel);
const ref = (node: string) => result.facts.references.find((r) => r.node === node);

describe('HScript expressions in Houdini file parms (built .hip)', () => {
  it('uploads exactly the files the expressions name, and nothing of the 100 files beside the scene', async () => {
    const expected = Object.values(CASES).flatMap((c) => c.files).map(p).sort();
    const upload = await readUploadJson(result.uploadJsonPath);
    const locals = upload.asset.map((a) => a.local);
    expect(locals.slice(0, -1).sort()).toEqual(expected);
    expect(locals[locals.length - 1]).toBe(cgFile);
    expect(new Set(locals).size).toBe(locals.length);
    const asset = await readAssetJson(result.assetJsonPath);
    expect(asset.asset.map((e) => e.split('  (mtime')[0]).sort()).toEqual(expected);
  });

  it('one and three chs hops, relative and absolute, with $OS of the node that holds the value', () => {
    expect(ref('/mat/wood')).toMatchObject({ parm: 'basecolor_texture', path: '`chs("specMap1")`', evaluated: '$HIP/tex/spec.png', kind: 'texture' });
    expect(result.facts.references.find((r) => r.parm === 'rough_texture')).toMatchObject({ evaluated: '$HIP/tex/wood_spec.png' });
    expect(ref('/obj/look/tex1')).toMatchObject({ parm: 'map', evaluated: '$HIP/tex/deep_c.png', kind: 'texture' });
    expect(ref('/obj/look/tex1')!.needsDcc).toBeUndefined();
  });

  it('padzero($F) and $FF are sequences in the file name only; padzero($F, 4) needs the DCC', () => {
    expect(ref('/obj/geo1/file3')).toMatchObject({ evaluated: '$HIP/geo/sim.$F4.bgeo.sc', sequence: true });
    expect(ref('/obj/geo1/sub')).toMatchObject({ evaluated: '$HIP/geo/sub.$FF.bgeo', sequence: true });
    expect(ref('/obj/geo1/chan')).toMatchObject({ path: '`"$HIP/geo/chan." + padzero(4, $F + 6) + ".bgeo.sc"`', evaluated: '$HIP/geo/chan.$F4.bgeo.sc' });
    expect(ref('/obj/geo1/swapped')).toMatchObject({ needsDcc: true, dccReason: expect.stringContaining('padzero(4, $F)') });
  });

  it('HDA instances: the parm inside reads the value set on its own instance', () => {
    expect(ref('/obj/prop1/matnet/tex')).toMatchObject({ evaluated: '$HIP/tex/prop_diffuse.png' });
    expect(ref('/obj/prop2/matnet/tex')).toMatchObject({ evaluated: '$HIP/tex/prop_other.png' });
  });

  it('a node path from opinputpath is not a file; strreplace, oprelativepath, $JOB and set -g variables are evaluated', () => {
    expect(ref('/obj/geo1/file4')).toBeUndefined();
    expect(ref('/obj/geo1/file5')).toMatchObject({ evaluated: '$HIP/tex/geo1_file5.png' });
    expect(ref('/obj/geo1/file6')).toMatchObject({ evaluated: '$HIP/tex/v002/grid.png' });
    expect(ref('/mat/udim')).toMatchObject({ evaluated: '$HIP/tex/wood.<UDIM>.rat' });
    expect(ref('/obj/geo1/file7')).toMatchObject({ evaluated: '$JOB/shots/sh010/tex/job.png' });
    expect(ref('/obj/geo1/file8')).toMatchObject({ evaluated: '$TEXDIR/user.png' });
  });

  it('a cycle, Python and an unknown function are "needs the DCC" tips naming node and parm, never looked up', () => {
    const tips = result.tips['50001'] ?? [];
    const tip = (node: string) => tips.filter((t) => t.startsWith(`Nodes: ${node}  Parm: file  `));
    expect(tip('/obj/cyc/file1')).toEqual([
      'Nodes: /obj/cyc/file1  Parm: file  File name: `chs("../file2/file")`  the expression needs the DCC: channel references form a cycle: ' +
        '/obj/cyc/file1/file → /obj/cyc/file2/file → /obj/cyc/file1/file; analyse with mode "batch" where Houdini is installed',
    ]);
    expect(tip('/obj/cyc/file2')[0]).toContain('cycle');
    expect(tip('/obj/geo1/py1')[0]).toContain('needs the DCC: a Python expression (pythonexprs())');
    expect(tip('/obj/geo1/py2')[0]).toContain('a Python expression (a channel in language python); the value saved with the scene is "$HIP/tex/cached.png"');
    expect(tip('/obj/geo1/file9')[0]).toContain('the function detail() is not evaluated without Houdini');
    expect(tip('/obj/geo1/swapped')).toHaveLength(1);
    // Exactly these six: every other reference resolved to files that exist.
    expect(tips).toHaveLength(6);
    expect(tips.every((t) => t.includes('needs the DCC'))).toBe(true);
    expect(result.facts.references.filter((r) => r.needsDcc).map((r) => r.node).sort()).toEqual(
      ['/obj/cyc/file1', '/obj/cyc/file2', '/obj/geo1/file9', '/obj/geo1/py1', '/obj/geo1/py2', '/obj/geo1/swapped'],
    );
  });
});

describe('each case in its own scene, beside the same 100 unrelated files', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: exactly its files in asset.json and upload.json, ${c.dccTips} "needs the DCC" tip(s)`, async () => {
      const file = path.join(project, `case ${name.replace(/[^\w]+/g, '_')}.hip`);
      await writeFile(file, scene(c.nodes));
      const r = await analyse(file);
      const expected = c.files.map(p).sort();
      const upload = await readUploadJson(r.uploadJsonPath);
      const locals = upload.asset.map((a) => a.local);
      expect(locals.slice(0, -1).sort()).toEqual(expected);
      expect(locals[locals.length - 1]).toBe(file);
      const asset = await readAssetJson(r.assetJsonPath);
      expect(asset.asset.map((e) => e.split('  (mtime')[0]).sort()).toEqual(expected);
      const tips = r.tips['50001'] ?? [];
      expect(tips.filter((t) => t.includes('needs the DCC'))).toHaveLength(c.dccTips);
      expect(tips).toHaveLength(c.dccTips);
    });
  }
});
