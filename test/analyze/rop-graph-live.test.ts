// The live-session walk (rop_graph.py on the `hou` stand-in, hou.RopNode.inputs()) and the static
// reader (.def inputs) give the same ROP graph for the same scene: the same dependsOn per render node,
// the same geo ranks and depends_on in task.json, the same tip codes.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../protocol/src/scene';
import { AnalyzeHoudini, intakeSceneFacts } from '../../sidecar/src/analyze';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

const run = promisify(execFile);
const WALK = path.resolve('test/python/standins/walk_facts.py');

interface Spec { path: string; type: string; inputs?: string[]; parms?: Record<string, string>; bypass?: boolean }

/** One scene with every kind of edge: fetch chain, merge of 3, wedge, a cycle, bypass, a subnet, a ropnet. */
const SCENE: Spec[] = [
  { path: '/out/beauty', type: 'Driver/ifd', inputs: ['merge1', 'fetch2'] },
  { path: '/out/merge1', type: 'Driver/merge', inputs: ['cacheC', 'cacheA', 'skip'] },
  { path: '/out/skip', type: 'Driver/geometry', inputs: ['cacheB'], bypass: true },
  { path: '/out/cacheA', type: 'Driver/geometry' },
  { path: '/out/cacheB', type: 'Driver/geometry' },
  { path: '/out/cacheC', type: 'Driver/geometry', inputs: ['cacheA'] },
  { path: '/out/fetch2', type: 'Driver/fetch', parms: { source: '../fetch1' } },
  { path: '/out/fetch1', type: 'Driver/fetch', parms: { source: '/obj/geo1/rop_geometry1' } },
  { path: '/obj/geo1', type: 'Object/geo' },
  { path: '/obj/geo1/rop_geometry1', type: 'Sop/rop_geometry' },
  { path: '/out/wedge1', type: 'Driver/wedge', parms: { driver: '../beauty' } },
  { path: '/out/after', type: 'Driver/ifd', inputs: ['wedge1', 'sub1'] },
  { path: '/out/sub1', type: 'Driver/subnet', inputs: ['cacheB'] },
  { path: '/out/sub1/inner', type: 'Driver/geometry' },
  { path: '/out/loopA', type: 'Driver/geometry', inputs: ['loopB'] },
  { path: '/out/loopB', type: 'Driver/geometry', inputs: ['loopA'] },
  { path: '/out/loopR', type: 'Driver/ifd', inputs: ['loopA'] },
  { path: '/obj/rops', type: 'Object/ropnet' },
  { path: '/obj/rops/sim', type: 'Driver/geometry' },
  { path: '/obj/rops/render', type: 'Driver/ifd', inputs: ['sim'] },
];

const OUTPUT: Record<string, string> = { ifd: 'vm_picture', geometry: 'sopoutput', rop_geometry: 'sopoutput' };
const typeName = (s: Spec): string => s.type.split('/')[1]!;
const outputOf = (s: Spec): Record<string, string> => (OUTPUT[typeName(s)] ? { [OUTPUT[typeName(s)]!]: `$HIP/out/${s.path.split('/').pop()}.$F4.bgeo` } : {});

function hip(): Buffer {
  return buildHip([
    ...sceneEntries({ tset: [0, 1] }),
    ...SCENE.flatMap((s) => nodeEntries(s.path, typeName(s), Object.fromEntries(Object.entries({ ...s.parms, ...outputOf(s) }).map(([k, v]) => [k, [v]])), { inputs: s.inputs ?? [], bypass: !!s.bypass })),
  ]);
}

function session(scene: string): unknown {
  const sibling = (s: Spec, name: string): string => `${s.path.slice(0, s.path.lastIndexOf('/'))}/${name}`;
  return {
    hip: scene, version: '20.5.487', frame_range: [1, 24], frame: 1,
    nodes: SCENE.map((s) => ({
      path: s.path, type: s.type, bypassed: !!s.bypass, inputs: (s.inputs ?? []).map((n) => sibling(s, n)),
      parms: Object.fromEntries(Object.entries({ ...s.parms, ...outputOf(s) }).map(([k, v]) => [k, { value: v, file: k in { sopoutput: 1, vm_picture: 1 } }])),
    })),
  };
}

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('rop-live-', { sdkHome: true });
});
afterAll(async () => {
  await tree.cleanup();
});

const graphOf = (f: SceneFacts) => Object.fromEntries(f.renderNodes.map((n) => [n.node, n.dependsOn ?? []]));
const items = (task: { scene_info_render: Record<string, unknown> }) =>
  (['rop_node', 'geo_node'] as const).flatMap((k) => (task.scene_info_render[k] as Array<Record<string, string>>).map((i) => [i.node, i.render, i.depends_on, i.geoDependencySort]));

describe('live walk = static reader on the ROP graph', () => {
  it('the same dependsOn, the same task.json order, the same graph tips', async () => {
    const scene = path.join(tree.dir, 'graph.hip');
    await writeFile(scene, hip());
    const fixture = path.join(tree.dir, 'session.json');
    await writeFile(fixture, JSON.stringify(session(scene)));
    const { stdout } = await run('python3', [WALK, 'houdini', fixture], { maxBuffer: 16 << 20 });
    const liveFacts = JSON.parse(stdout) as SceneFacts;

    const a = new AnalyzeHoudini({ cgFile: scene, workspace: tree.dir, localOs: 'linux' });
    const stat = await a.analyse({ mode: 'static' });
    const live = await intakeSceneFacts(liveFacts, { workspace: tree.dir, softwareVersion: '20.5.487' });

    const expected = {
      '/obj/geo1/rop_geometry1': [],
      '/obj/rops/render': ['/obj/rops/sim'],
      '/obj/rops/sim': [],
      '/out/after': ['/out/beauty', '/out/cacheB', '/out/sub1/inner'],
      '/out/beauty': ['/out/cacheC', '/out/cacheA', '/out/cacheB', '/obj/geo1/rop_geometry1'],
      '/out/cacheA': [], '/out/cacheB': [], '/out/cacheC': ['/out/cacheA'],
      '/out/loopA': ['/out/loopB'], '/out/loopB': ['/out/loopA'], '/out/loopR': ['/out/loopA'],
      '/out/skip': ['/out/cacheB'],
      '/out/sub1/inner': ['/out/cacheB'],
    };
    expect(graphOf(a.facts!)).toEqual(expected);
    expect(graphOf(liveFacts)).toEqual(expected);
    expect(items(live.task)).toEqual(items(stat.task));
    // Renders in path order (/obj before /out), each render's inputs depth first in input order.
    expect(Object.fromEntries(items(stat.task).filter((i) => i[3]).map((i) => [i[0], i[3]]))).toEqual({
      '/obj/rops/sim': '1', '/out/cacheA': '2', '/out/cacheC': '3', '/out/cacheB': '4', '/obj/geo1/rop_geometry1': '5',
      '/out/sub1/inner': '6', '/out/loopB': '7', '/out/loopA': '8',
    });
    const graphTips = (tips: Record<string, string[]>) => [tips['25011']?.length, tips['25013']?.length];
    expect(graphTips(stat.tips as Record<string, string[]>)).toEqual([1, 1]);
    expect(graphTips(live.tips as Record<string, string[]>)).toEqual([1, 1]);
  });
});
