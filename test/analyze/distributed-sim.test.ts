import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeHoudini, type AnalyzeResult } from '../../sidecar/src/analyze';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
let result: AnalyzeResult;
beforeAll(async () => {
  tree = await tempTree('hq-sim-', { sdkHome: true });
  const cgFile = path.join(tree.dir, 'flip.hip');
  await writeFile(cgFile, buildHip([
    ...sceneEntries({ fps: 24, tset: [0, 10] }),
    ...nodeEntries('/obj/distribute_flattank/save_slices', 'rop_geometry', { trange: ['normal'], f: [1, 240, 1], sopoutput: ['$HIP/geo/flip_test_slice4.$SLICE.$F.bgeo.sc'] }),
    ...nodeEntries('/out/distributedsim', 'hq_sim', { hq_driver: ['/obj/distribute_flattank/save_slices'], slice_type: ['particle'], num_slices: [4], hq_sim_controls: ['/obj/flattank_sim/DISTRIBUTE_flattank_CONTROLS'] }),
    ...nodeEntries('/out/volsim', 'hq_sim', { hq_driver: ['/obj/distribute_flattank/save_slices'], slice_type: ['volume'], slicediv: [3, 2, 3] }),
    ...nodeEntries('/out/clustersim', 'hq_sim', { slice_type: ['cluster'], hq_cluster_node: ['/obj/cluster1'] }),
    ...nodeEntries('/obj/cluster1', 'geo', { num_clusters: [5] }),
  ]));
  result = await new AnalyzeHoudini({ cgFile, workspace: tree.dir, softwareVersion: '18.0.1' }).analyse({ mode: 'static' });
});
afterAll(async () => {
  await tree.cleanup();
});

describe('Houdini distributed simulations (hq_sim)', () => {
  it('writes distributedsim_node items as the official FLIP example', () => {
    const sims = result.task.scene_info_render.distributedsim_node as Array<Record<string, string>>;
    expect(sims.find((s) => s.node === '/out/distributedsim')).toEqual({
      node: '/out/distributedsim', output_driver: '/obj/distribute_flattank/save_slices', render: '0',
      simControlName: '/obj/flattank_sim/DISTRIBUTE_flattank_CONTROLS', output_file: '$HIP/geo/flip_test_slice4.$SLICE.$F.bgeo.sc',
      num_slices: '4', option: '1', frames: '1-240[1]', sliceType: 'particle',
    });
    expect(sims.find((s) => s.node === '/out/volsim')).toMatchObject({ sliceType: 'volume', num_slices: '18' });
    // the geometry ROP inside /obj is a SOP-level rop_geometry: a cache, not a render
    expect(result.task.scene_info_render.geo_node).toEqual([{ node: '/obj/distribute_flattank/save_slices', frames: '1-240[1]', option: '0', render: '0' }]);
  });

  it('tips 50007 for an unsupported slice type and 50008 for more than 16 slices', () => {
    expect(result.tips['50008']).toEqual(['The distributed simulation /out/volsim has 18 slices; the farm allows at most 16. (node /out/volsim, parm num_slices)']);
    expect(result.tips['50007']![0]).toContain('/out/clustersim');
  });
});
