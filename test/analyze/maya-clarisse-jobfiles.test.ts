import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeMaya } from '../../sidecar/src/analyze';

const scenes = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes');
let ws: string;
const oldHome = process.env.RAYVISION_SDK_HOME;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'maya-clarisse-'));
  process.env.RAYVISION_SDK_HOME = ws;
});
afterAll(async () => {
  if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
  else process.env.RAYVISION_SDK_HOME = oldHome;
  await rm(ws, { recursive: true, force: true });
});

const defaultLayer = (imageFormat: string, animation: string) => ({
  defaultRenderLayer: {
    renderable: '1',
    is_default_camera: '1',
    option: '',
    env: {},
    common: {
      renderer: 'mayaSoftware', image_file_prefix: '', start: '1', end: '10', by_frame: '1', frames: '1-10[1]',
      all_camera: ['perspShape', 'topShape', 'frontShape', 'sideShape'], render_camera: ['perspShape'],
      renumber_frames: 'False', width: '960', height: '540', image_format: imageFormat, animation,
    },
  },
});

describe('AnalyzeMaya end to end (static readers → job files)', () => {
  it.each([['demo_scenc.ma'], ['demo_scenc.mb']])('%s: default layer, Maya 2018 defaults, mtoa plugin, scene-only upload', async (name) => {
    const cgFile = path.join(scenes, 'maya', name);
    const a = new AnalyzeMaya({ cgFile, softwareVersion: '2018', projectName: 'demo', pluginConfig: { mtoa: '2.0.1' }, workspace: ws, localOs: 'windows', renderLayerType: '1', inputProjectPath: 'D:\\proj' });
    const result = await a.analyse({ mode: 'static' });
    expect(result.task.scene_info_render).toEqual(defaultLayer('exr', 'True'));
    expect(result.task.software_config).toEqual({ plugins: { mtoa: '2.0.1' }, cg_version: '2018', cg_name: 'Maya' });
    expect(result.task.task_info).toMatchObject({ cg_id: '2000', os_name: '1', render_layer_type: '1', input_project_path: 'D:/proj', project_name: 'demo' });
    expect(result.tips).toEqual({});
    expect(result.upload.asset).toEqual([{ local: cgFile, server: cgFile }]);
    expect(a.taskInfo).toBe(result.task);
  });

  it('maya-test.ma: jpg output, animation off; a software_version mismatch becomes tip 15013', async () => {
    const cgFile = path.join(scenes, 'maya', 'maya-test.ma');
    const result = await new AnalyzeMaya({ cgFile, softwareVersion: '2019', projectName: 'p', pluginConfig: null, workspace: ws }).analyse({ mode: 'static' });
    expect(result.task.scene_info_render).toEqual(defaultLayer('jpg', 'False'));
    // no plugin_config given: the plugins the scene requires are used
    expect(result.task.software_config.plugins).toEqual({ mtoa: '3.1.1.1' });
    expect(result.tips['15013']).toEqual(['The scene was saved with Maya 2018 but software_version is 2019.']);
  });
});

describe('AnalyzeClarisse end to end', () => {
  it('spherix_demo.project: one image 0-50 with its Spherix layer', async () => {
    const cgFile = path.join(scenes, 'clarisse', 'spherix_demo.project');
    const result = await new AnalyzeClarisse({ cgFile, softwareVersion: 'clarisse_ifx_4.0_sp3', workspace: ws, localOs: 'linux' }).analyse({ mode: 'static' });
    expect(result.task.scene_info_render).toEqual({
      image_node: [{
        name: 'project://scene/image', frames: '0-50[1]', renderable: '0', output: '', format: '', LUT: '', save_to_disk: '1',
        layers: [{
          name: 'project://scene/image.spherix_layer', frames: '0-50[1]', renderable: '1', output: '', format: '',
          enable_deep_output: '0', enable_deep_output_path: '', save_to_disk: '1',
        }],
      }],
    });
    expect(result.task.software_config).toEqual({ plugins: {}, cg_version: 'clarisse_ifx_4.0_sp3', cg_name: 'Clarisse' });
    expect(result.task.task_info.cg_id).toBe('2013');
    expect(result.upload.scene![0]).toMatchObject({ local: cgFile, server: cgFile });
    expect(result.upload.asset).toEqual([{ local: cgFile, server: cgFile }]);
    expect(result.tips).toEqual({});
  });

  it('spherix_demo.project without softwareVersion: the bare "4" becomes tip 15013 that says how to pass a release', async () => {
    const cgFile = path.join(scenes, 'clarisse', 'spherix_demo.project');
    const result = await new AnalyzeClarisse({ cgFile, workspace: ws, localOs: 'linux' }).analyse({ mode: 'static' });
    expect(result.task.software_config).toEqual({ plugins: {}, cg_version: '4', cg_name: 'Clarisse' });
    expect(result.tips).toEqual({
      '15013': ['The project records only Clarisse 4, not the release to render with: pass one of the farm\'s releases '
        + '(e.g. clarisse_ifx_4.0_sp3) as softwareVersion, or --software-version on the command line.'],
    });
  });
});
