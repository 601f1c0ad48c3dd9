import { describe, expect, it } from 'vitest';
import { planRender } from '../../sidecar/src/farm/render/plan';

const task = (geoNodeDependency: string) => ({
  task_info: { input_cg_file: '/p/shot.hip', geo_node_dependency: geoNodeDependency, frames_per_task: '1' },
  scene_info_render: {
    rop_node: [{ node: '/out/mantra1', frames: '1-2[1]', option: '-1', render: '1', depends_on: '/out/sim,/out/source' }],
    geo_node: [
      { node: '/out/sim', frames: '1-2[1]', option: '0', render: '1', geoDependencySort: '2' },
      { node: '/out/other', frames: '1-2[1]', option: '0', render: '1' },
      { node: '/out/source', frames: '1-2[1]', option: '0', render: '1', geoDependencySort: '1' },
    ],
  },
});

describe('the local farm runs geo nodes in geoDependencySort order', () => {
  it('ranked first by rank, unranked after; the render ROPs last', () => {
    expect(planRender(task('1')).units.map((u) => u.label)).toEqual(['/out/source', '/out/sim', '/out/other', '/out/mantra1']);
  });
  it('without geo_node_dependency "1" the task.json order stands', () => {
    expect(planRender(task('0')).units.map((u) => u.label)).toEqual(['/out/sim', '/out/other', '/out/source', '/out/mantra1']);
  });
});
