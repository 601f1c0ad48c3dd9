import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeHoudini } from '../../sidecar/src/analyze';

const scenes = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes', 'houdini');
let ws: string;
const oldHome = process.env.RAYVISION_SDK_HOME;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'hip-scenes-'));
  process.env.RAYVISION_SDK_HOME = ws;
});
afterAll(async () => {
  if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
  else process.env.RAYVISION_SDK_HOME = oldHome;
  await rm(ws, { recursive: true, force: true });
});

async function analyse(name: string) {
  const cgFile = path.join(scenes, name);
  const a = new AnalyzeHoudini({ cgFile, workspace: ws, localOs: 'linux', projectName: 'test' });
  const result = await a.analyse({ mode: 'static' });
  return { a, result, cgFile };
}

const sceneOnlyUpload = (cgFile: string) => [{ local: cgFile, server: cgFile }];

describe('AnalyzeHoudini on the real scenes (static reader)', () => {
  it('sphere.hip: Mantra ROP 1-10 at 1280×720, recovered damaged entry, only the scene to upload', async () => {
    const { result, cgFile } = await analyse('sphere.hip');
    expect(result.task.scene_info_render).toEqual({
      rop_node: [{ node: '/out/mantra1', frames: '1-10[1]', option: '-1', render: '1', width: '1280', height: '720' }],
      geo_node: [],
      distributedsim_node: [],
    });
    expect(result.task.software_config).toEqual({ plugins: {}, cg_version: '17.0.352', cg_name: 'Houdini' });
    expect(result.task.task_info).toMatchObject({ cg_id: '2004', input_cg_file: cgFile, project_name: 'test', os_name: '0' });
    expect(result.facts.frameRange).toEqual({ start: 1, end: 240, step: 1 });
    expect(result.facts.renderNodes[0]).toMatchObject({ renderer: 'mantra', cameras: ['/obj/cam1'], output: '$HIP/render/$HIPNAME.$OS.$F4.exr' });
    // The damaged INDX entry is one the reader skips: tip 15108 (damage stepped over, nothing read lost), not an incomplete read.
    expect(result.facts.warnings.some((w) => w.code === '15108' && /damaged cpio header/.test(w.message))).toBe(true);
    // defcam.bgeo / default.pic are Houdini built-ins; ifd parms are outputs or scripts.
    expect(result.facts.references).toEqual([]);
    expect(Object.keys(result.tips)).toEqual(['15108']);
    expect(result.upload.asset).toEqual(sceneOnlyUpload(cgFile));
    expect(result.upload.scene).toHaveLength(1);
    expect(result.upload.scene![0]!.hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rop_tool_ql_ROP.hip: two Mantra ROPs rendering the current frame at a quarter of 1280×720', async () => {
    const { result, cgFile } = await analyse('rop_tool_ql_ROP.hip');
    const rop = { frames: '29-29[1]', option: '-1', render: '1', width: '320', height: '180' };
    expect(result.task.scene_info_render).toEqual({
      rop_node: [{ node: '/obj/RENDER/mantra1', ...rop }, { node: '/out/mantra1', ...rop }],
      geo_node: [],
      distributedsim_node: [],
    });
    expect(result.task.software_config.cg_version).toBe('12.5.497');
    expect(result.facts.frameRange).toEqual({ start: 1, end: 300, step: 1 });
    expect(result.facts.cameras).toEqual([{ node: '/obj/cam1', width: 1280, height: 720 }, { node: '/obj/view', width: 1280, height: 720 }]);
    const refs = result.facts.references.map((r) => `${r.node} ${r.parm} ${r.path}`);
    expect(refs).toContain('/obj/shot_ql1 takes_file $HIP/tmp_takes.txt');
    expect(refs).toContain('/obj/platonic/twist_ql1 OPfallbacks /home/tusi/houdini12.5/otls/qLib/future/twist_ql_SOP.otl');
    expect(refs.filter((r) => r.includes('OPfallbacks'))).toHaveLength(6);
    expect(refs.some((r) => /OPlib|defcam|\.ifd|dcm\.rat|temp:/.test(r))).toBe(false);
    // None of them exist here: each is a missing-file tip naming its node.
    expect(result.tips['50001']).toHaveLength(7);
    expect(result.tips['50001']!.some((t) => t.includes('/obj/shot_ql1') && t.includes('tmp_takes.txt'))).toBe(true);
    expect(result.upload.asset).toEqual(sceneOnlyUpload(cgFile));
  });

  it('environment_ql_OBJ.hip: no render node (tip), $QLIB unresolved, 25 fps range 1-250', async () => {
    const { result } = await analyse('environment_ql_OBJ.hip');
    expect(result.task.scene_info_render).toEqual({ rop_node: [], geo_node: [], distributedsim_node: [] });
    expect(result.facts.frameRange).toEqual({ start: 1, end: 250, step: 1 });
    expect(result.task.software_config.cg_version).toBe('13.0.518');
    expect(result.tips['50010']).toHaveLength(1);
    expect(result.tips['50001']).toHaveLength(2);
    expect(result.tips['50001']!.some((t) => t.includes('$QLIB') && t.includes('has no value'))).toBe(true);
    expect(result.facts.variables.JOB).toBe('n:/qLab/qLib/examples/environment_ql_OBJ/Job');
  });

  it('vdb_blend_color_rest.hip: Mantra ROP on the current frame 240, camera 1280×720', async () => {
    const { result, cgFile } = await analyse('vdb_blend_color_rest.hip');
    expect(result.task.scene_info_render).toEqual({
      rop_node: [{ node: '/out/mantra1', frames: '240-240[1]', option: '-1', render: '1', width: '1280', height: '720' }],
      geo_node: [],
      distributedsim_node: [],
    });
    expect(result.task.software_config.cg_version).toBe('13.0.325');
    const hdas = result.facts.references.filter((r) => r.kind === 'hda').map((r) => path.basename(r.path)).sort();
    expect(hdas).toEqual(['environment_ql_OBJ.otl', 'noise_ql_SOP.otl', 'rest_position_ql_SOP.otl', 'shot_ql_OBJ.otl']);
    expect(result.tips['50001']).toHaveLength(5);
    expect(result.upload.asset).toEqual(sceneOnlyUpload(cgFile));
  });

  it('no real scene sweeps its folder: copied beside 100 unrelated files, each uploads only itself', async () => {
    const dir = path.join(ws, 'crowded');
    for (const sub of ['', 'tex', 'geo', 'render']) await mkdir(path.join(dir, sub), { recursive: true });
    for (let i = 0; i < 100; i += 1) {
      const sub = ['', 'tex', 'geo', 'render'][i % 4]!;
      await writeFile(path.join(dir, sub, `unrelated_${i}.${['hip', 'png', 'bgeo.sc', 'exr'][i % 4]}`), 'x');
    }
    for (const name of ['sphere.hip', 'rop_tool_ql_ROP.hip', 'environment_ql_OBJ.hip', 'vdb_blend_color_rest.hip']) {
      const cgFile = path.join(dir, name);
      await copyFile(path.join(scenes, name), cgFile);
      const result = await new AnalyzeHoudini({ cgFile, workspace: ws, localOs: 'linux' }).analyse({ mode: 'static' });
      expect(result.upload.asset, name).toEqual(sceneOnlyUpload(cgFile));
      // Whatever the scene's expressions are, none became a pattern over the folder.
      for (const r of result.facts.references) expect(r.needsDcc && !r.dccReason, `${name} ${r.node} ${r.parm}`).toBeFalsy();
    }
  });
});
