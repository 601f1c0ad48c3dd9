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
  'geo/sim.0001.bgeo.sc', 'geo/sim.0002.bgeo.sc', 'geo/sim.0003.bgeo.sc', 'geo/sim.01.bgeo.sc', 'geo/sim.0001.bgeo', 'geo/simx.0001.bgeo.sc',
  'geo/sub.1.bgeo', 'geo/sub.1.5.bgeo', 'geo/sub.x.bgeo', 'geo/chan.0007.bgeo.sc', 'geo/chan.0008.bgeo.sc',
];

beforeAll(async () => {
  tree = await tempTree('hscript-files-', { sdkHome: true });
  project = path.join(tree.dir, 'job', 'shots', 'sh010');
  for (const f of FILES) await tree.file(path.join('job', 'shots', 'sh010', f));
  // 100 unrelated files beside the scene: other scenes, backups, notes — never textures of this one.
  for (let i = 0; i < 100; i += 1) await tree.file(`job/shots/sh010/${['other', 'backup', 'notes'][i % 3]}_${String(i).padStart(3, '0')}.${['hip', 'hip.bak', 'txt'][i % 3]}`);
  cgFile = path.join(project, 'shot.hip');
  const hip = buildHip([
    // Saved elsewhere: $HIP and $JOB follow the scene, TEXDIR is a user variable made of $HIP.
    ...sceneEntries({ fps: 24, tset: [0, 2], vars: { HIP: 'D:/old/job/shots/sh010', JOB: 'D:/old/job', TEXDIR: '$HIP/tex', _HIP_SAVEVERSION: '20.0.547' } }),
    ...nodeEntries('/out/mantra1', 'ifd', { trange: ['normal'], f: [1, 3, 1], vm_picture: ['$HIP/render/$OS.$F4.exr'] }),
    // One hop: a whole-value backtick to a spare parm on the same node, and one inside a larger string.
    ...nodeEntries('/mat/wood', 'principledshader', {
      basecolor_texture: ['`chs("specMap1")`'], specMap1: ['$HIP/tex/spec.png'], spec_name: ['wood_spec'],
      rough_texture: ['$HIP/tex/`chs("spec_name")`.png'],
    }, { fileParms: ['specMap1'] }),
    // Three hops (relative, relative, absolute); $OS is the name of the node that holds the value.
    ...nodeEntries('/obj/look/tex1', 'texture', { map: ['`chs("../../a/p")`'] }),
    ...nodeEntries('/obj/a', 'null', { p: ['`chs("../b/p")`'] }),
    ...nodeEntries('/obj/b', 'null', { p: ['`chs("/obj/c/p")`'] }),
    ...nodeEntries('/obj/c', 'null', { p: ['$HIP/tex/deep_$OS.png'] }),
    // A cycle of channel references.
    ...nodeEntries('/obj/cyc/file1', 'file', { filemode: ['read'], file: ['`chs("../file2/file")`'] }),
    ...nodeEntries('/obj/cyc/file2', 'file', { filemode: ['read'], file: ['`chs("../file1/file")`'] }),
    // padzero: the frame padded to 4, as a pattern in the file-name position only.
    ...nodeEntries('/obj/geo1/file3', 'file', { filemode: ['read'], file: ['$HIP/geo/sim.`padzero(4, $F)`.bgeo.sc'] }),
    ...nodeEntries('/obj/geo1/swapped', 'file', { filemode: ['read'], file: ['$HIP/geo/sim.`padzero($F, 4)`.bgeo.sc'] }),
    ...nodeEntries('/obj/geo1/sub', 'file', { filemode: ['read'], file: ['$HIP/geo/sub.`$FF`.bgeo'] }),
    // A string channel (hscript) driving a file parm, with arithmetic on the frame.
    ...nodeEntries('/obj/geo1/chan', 'file', { filemode: ['read'], file: [{ channel: 'file', value: '$HIP/geo/stale.bgeo' }] }, {
      // As Houdini writes an expression with spaces: quoted, inner quotes escaped.
      chn: { file: '"\\"$HIP/geo/chan.\\" + padzero(4, $F + 6) + \\".bgeo.sc\\""' },
    }),
    // Python: a backtick pythonexprs() and a channel in language python (its cached value exists, still not uploaded).
    ...nodeEntries('/obj/geo1/py1', 'file', { filemode: ['read'], file: ['$HIP/tex/`pythonexprs("hou.pwd().name()")`.png'] }),
    ...nodeEntries('/obj/geo1/py2', 'file', { filemode: ['read'], file: [{ channel: 'file', value: '$HIP/tex/cached.png' }] }, {
      chn: { file: 'hou.pwd().parm(\\"x\\").eval() language = python' },
    }),
    // opinputpath gives a node, not a file; strreplace, oprelativepath, $JOB and user variables.
    ...nodeEntries('/obj/geo1/null1', 'null', {}),
    ...nodeEntries('/obj/geo1/file4', 'file', { filemode: ['read'], file: ['`opinputpath(".", 0)`'] }, { inputs: ['null1'] }),
    ...nodeEntries('/obj/geo1/file5', 'file', { filemode: ['read'], file: ['$HIP/tex/`strreplace(oprelativepath("/obj", "."), "/", "_")`.png'] }),
    ...nodeEntries('/obj/geo1/src', 'null', { path: ['$HIP/tex/v001/grid.png'] }),
    ...nodeEntries('/obj/geo1/file6', 'file', { filemode: ['read'], file: ['`strreplace(chs("../src/path"), "v001", "v002")`'] }),
    ...nodeEntries('/obj/geo1/file7', 'file', { filemode: ['read'], file: ['`$JOB + "/shots/sh010/tex/job.png"`'] }),
    ...nodeEntries('/obj/geo1/file8', 'file', { filemode: ['read'], file: ['`strcat($TEXDIR, "/user.png")`'] }),
    // An unknown function: needs the DCC.
    ...nodeEntries('/obj/geo1/file9', 'file', { filemode: ['read'], file: ['$HIP/tex/`detail("../x", "name", 0)`.png'] }),
    // HDA instances: a node inside each (the asset's contents; its network node is not saved) reads the
    // instance's interface parm, so each resolves to its own instance's value.
    ...nodeEntries('/obj/prop1', 'studio::prop::1.0', { texname: ['prop_diffuse'] }),
    ...nodeEntries('/obj/prop1/matnet/tex', 'texture', { map: ['$HIP/tex/`chs("../../texname")`.png'] }),
    ...nodeEntries('/obj/prop2', 'studio::prop::1.0', { texname: ['prop_other'] }),
    ...nodeEntries('/obj/prop2/matnet/tex', 'texture', { map: [{ channel: 'map', value: '' }] }, { chn: { map: '"\\"$HIP/tex/\\" + chs(\\"../../texname\\") + \\".png\\""' } }),
  ]);
  await writeFile(cgFile, hip);
  result = await new AnalyzeHoudini({ cgFile, softwareVersion: '20.0.547', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
});
afterAll(async () => {
  await tree.cleanup();
});

const p = (rel: string): string => path.join(project, rel);
const ref = (node: string) => result.facts.references.find((r) => r.node === node);

describe('HScript expressions in Houdini file parms (built .hip)', () => {
  it('uploads exactly the files the expressions name, and nothing of the 100 files beside the scene', async () => {
    const expected = [
      'tex/spec.png', 'tex/wood_spec.png', 'tex/deep_c.png', 'tex/prop_diffuse.png', 'tex/prop_other.png', 'tex/geo1_file5.png',
      'tex/v002/grid.png', 'tex/job.png', 'tex/user.png',
      'geo/sim.0001.bgeo.sc', 'geo/sim.0002.bgeo.sc', 'geo/sim.0003.bgeo.sc', 'geo/sub.1.bgeo', 'geo/sub.1.5.bgeo',
      'geo/chan.0007.bgeo.sc', 'geo/chan.0008.bgeo.sc',
    ].map(p).sort();
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
    // Exactly these six, plus the one plain reference whose file is not there (v001, which file6 rewrites).
    expect(tips.filter((t) => t.includes('needs the DCC'))).toHaveLength(6);
    expect(tips.filter((t) => !t.includes('needs the DCC'))).toEqual([`Nodes: /obj/geo1/src  Parm: path  File name: $HIP/tex/v001/grid.png  miss file: ${p('tex/v001/grid.png')}`]);
    expect(result.facts.references.filter((r) => r.needsDcc).map((r) => r.node).sort()).toEqual(
      ['/obj/cyc/file1', '/obj/cyc/file2', '/obj/geo1/file9', '/obj/geo1/py1', '/obj/geo1/py2', '/obj/geo1/swapped'],
    );
  });
});
