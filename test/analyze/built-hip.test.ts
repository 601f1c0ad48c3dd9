import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeHoudini, type AnalyzeResult } from '../../sidecar/src/analyze';
import { readUploadJson, readAssetJson, readTipsJson } from '../../sidecar/src/jobfiles';
import { buildHda, buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
let project: string;
let cgFile: string;
let result: AnalyzeResult;
beforeAll(async () => {
  tree = await tempTree('built-hip-', { sdkHome: true });
  project = path.join(tree.dir, '项目 A');
  for (const f of ['0001', '0002', '0003']) await tree.file(`项目 A/geo 几何/sim.${f}.bgeo.sc`);
  for (const t of ['1001', '1002', '1012']) await tree.file(`项目 A/tex/wood.${t}.rat`);
  await tree.file('项目 A/tex/wood.1001.exr'); // a different extension: not part of the .rat set
  await tree.file('项目 A/assets/cache/anim.abc');
  await tree.file('项目 A/tex/env file.hdr');
  await tree.file('项目 A/tex/plain.png');
  // a real (tiny) HDA library: the analysis reads it too (its network references no file)
  await tree.file('项目 A/otls/my_thing.hda', buildHda('my::Sop/thing::1', nodeEntries('null1', 'null', { cookinplace: [0] })));
  await tree.file('项目 A/out/x.bgeo'); // written by a file SOP in write mode: never an input
  cgFile = path.join(project, 'shot 镜头.hip');
  const hip = buildHip([
    ...sceneEntries({ fps: 24, tset: [0, 2], tcur: 0.5, vars: { HIP: 'D:/old/place', HIPNAME: 'shot', JOB: 'D:/old', TEXROOT: '$HIP/assets', _HIP_SAVEVERSION: '19.5.303' } }),
    ['.OPfallbacks', 'my::Sop/thing::1 $HIP/otls/my_thing.hda\nmy::Sop/thing::1 otls/my_thing.hda\nSop/file /opt/hfs19.5/houdini/otls/OPlibSop.hda\nSop/file otls/OPlibSop.hda\n'],
    ['.OPdummydefs', Buffer.from([0x49, 0x4e, 0x44, 0x58, 0, 1, 2, 3, 0xff, 0xfe])],
    ...nodeEntries('/obj/geo1', 'geo', { tx: [0] }),
    ...nodeEntries('/obj/geo1/file1', 'file', { filemode: ['read'], file: ['$HIP/geo 几何/sim.$F4.bgeo.sc'] }),
    ...nodeEntries('/obj/geo1/file2', 'file', { filemode: ['read'], file: ['$HIP/geo/missing.bgeo'] }),
    ...nodeEntries('/obj/geo1/file3', 'file', { filemode: ['write'], file: ['$HIP/out/x.bgeo'] }),
    ...nodeEntries('/obj/geo1/alembic1', 'alembic', { fileName: ['$TEXROOT/cache/anim.abc'] }),
    ...nodeEntries('/obj/geo1/thing1', 'my::thing::1', { envfile: ['$HIP/tex/env file.hdr'], label: ['hello world'] }, { fileParms: ['envfile'] }),
    ...nodeEntries('/obj/geo1/wrangle1', 'attribwrangle', { snippet: ['v@P = set(1, 2, 3); // see docs/a.txt'], custom_path: ['$HIP/tex/plain.png'] }),
    ...nodeEntries('/mat/wood', 'principledshader', { basecolor_texture: ['$HIP/tex/wood.<UDIM>.rat'], rough_texture: [''] }),
    ...nodeEntries('/mat/wood2', 'principledshader', { basecolor_texture: ['$HIP/tex/wood.%(UDIM)d.rat'] }),
    ...nodeEntries('/obj/cam1', 'cam', { res: [1920, 1080], vm_background: [''] }),
    ...nodeEntries('/out/mantra1', 'ifd', { trange: ['normal'], f: [{ channel: 'f1', value: 1 }, 48, 2], camera: ['/obj/cam1'], vm_picture: ['$HIP/render/$HIPNAME.$F4.exr'], override_camerares: ['off'] }, { chn: { f1: '$FSTART' } }),
    ...nodeEntries('/out/rs', 'Redshift_ROP', { trange: ['on'], f: [5, 10, 1], RS_renderCamera: ['/obj/nocam'], RS_overrideCameraRes: ['on'], RS_overrideRes1: [640], RS_overrideRes2: [360] }, { bypass: true }),
    ...nodeEntries('/out/cache', 'geometry', { trange: ['normal'], f: [{ channel: 'f1', value: 3 }, { channel: 'f2', value: 7 }, 1], sopoutput: ['$HIP/geo/cache.$F.bgeo'] }, { chn: { f1: '$FSTART + 2', f2: '$FEND - 41' } }),
  ]);
  await writeFile(cgFile, hip);
  const a = new AnalyzeHoudini({ cgFile, softwareVersion: '19.5.303', workspace: tree.dir, localOs: 'linux', pluginConfig: { redshift: '3.5.0' } });
  result = await a.analyse({ mode: 'static' });
});
afterAll(async () => {
  await tree.cleanup();
});

const p = (rel: string): string => path.join(project, rel);

describe('a built .hip with known dependencies (Chinese and space paths)', () => {
  it('lists exactly the needed files, each once, sequences and UDIM tiles from the disk', async () => {
    const expected = [
      p('geo 几何/sim.0001.bgeo.sc'), p('geo 几何/sim.0002.bgeo.sc'), p('geo 几何/sim.0003.bgeo.sc'),
      p('assets/cache/anim.abc'),
      p('tex/env file.hdr'),
      p('tex/plain.png'),
      p('tex/wood.1001.rat'), p('tex/wood.1002.rat'), p('tex/wood.1012.rat'),
      p('otls/my_thing.hda'),
    ].sort();
    const upload = await readUploadJson(result.uploadJsonPath);
    const locals = upload.asset.map((a) => a.local);
    expect(locals[locals.length - 1]).toBe(cgFile);
    expect(locals.slice(0, -1).sort()).toEqual(expected);
    expect(new Set(locals).size).toBe(locals.length);
    expect(upload.asset.every((a) => a.server === a.local)).toBe(true);
    expect(upload.scene).toEqual([{ local: cgFile, server: cgFile, hash: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    const asset = await readAssetJson(result.assetJsonPath);
    expect(asset.asset.map((e) => e.split('  (mtime')[0]).sort()).toEqual(expected);
  });

  it('reports the missing file and the missing camera as tips with node and parm', async () => {
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(Object.keys(tips).sort()).toEqual(['50001', '50002']);
    expect(tips['50001']).toEqual([`Nodes: /obj/geo1/file2  Parm: file  File name: $HIP/geo/missing.bgeo  miss file: ${p('geo/missing.bgeo')}`]);
    expect(tips['50002']![0]).toContain('/obj/nocam');
    expect(tips['50002']![0]).toContain('node /out/rs');
  });

  it('builds scene_info from ROPs: channels, bypass, resolution overrides, caches', () => {
    expect(result.task.scene_info_render).toEqual({
      rop_node: [
        { node: '/out/mantra1', frames: '1-48[2]', option: '-1', render: '1', width: '1920', height: '1080' },
        { node: '/out/rs', frames: '5-10[1]', option: '-1', render: '0', width: '640', height: '360' },
      ],
      geo_node: [{ node: '/out/cache', frames: '3-7[1]', option: '0', render: '0' }],
      distributedsim_node: [],
    });
    expect(result.task.scene_info).toEqual(result.task.scene_info_render);
    expect(result.task.software_config).toEqual({ plugins: { redshift: '3.5.0' }, cg_version: '19.5.303', cg_name: 'Houdini' });
    expect(result.facts.frameRange).toEqual({ start: 1, end: 48, step: 1 });
    const file1 = result.facts.references.find((r) => r.node === '/obj/geo1/file1');
    expect(file1).toMatchObject({ parm: 'file', kind: 'geometry', sequence: true });
  });
});
