import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderNode, SceneFacts } from '../../protocol/src/scene';
import { AnalyzeHoudini, readHipStream } from '../../sidecar/src/analyze';
import { runOrder } from '../../sidecar/src/analyze/jobs/run-order';
import { readCpio } from '../../sidecar/src/analyze/static/houdini/cpio';
import { HipModel, addEntry, wantEntry } from '../../sidecar/src/analyze/static/houdini/hip-model';
import { RopGraph } from '../../sidecar/src/analyze/static/houdini/rop-graph';
import { applySubmitSettings, readAssetJson, readTaskJson, readTipsJson, readUploadJson } from '../../sidecar/src/jobfiles';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
beforeEach(async () => {
  tree = await tempTree('rop-graph-', { sdkHome: true });
});
afterEach(async () => {
  await tree.cleanup();
});

type Entries = Array<[string, string]>;
const geometry = (p: string, inputs: string[] = [], extra: { bypass?: boolean; out?: string } = {}): Entries =>
  nodeEntries(p, 'geometry', { trange: ['normal'], f: [1, 5, 1], sopoutput: [extra.out ?? `$HIP/geo/${p.split('/').pop()}.$F4.bgeo.sc`] }, { inputs, ...(extra.bypass ? { bypass: true } : {}) });
const mantra = (p: string, inputs: string[] = [], parms: Record<string, Array<string | number>> = {}): Entries =>
  nodeEntries(p, 'ifd', { trange: ['normal'], f: [1, 10, 1], vm_picture: ['$HIP/render/$OS.$F4.exr'], ...parms }, { inputs });

async function facts(entries: Entries): Promise<SceneFacts> {
  const hip = buildHip([...sceneEntries({}), ...entries]);
  return readHipStream((async function* () { yield hip; })(), '/proj/scene.hip');
}
const byNode = (f: SceneFacts): Map<string, RenderNode> => new Map(f.renderNodes.map((n) => [n.node, n]));
const codes = (f: SceneFacts, code: string): string[] => f.warnings.filter((w) => w.code === code).map((w) => w.message);

async function analyse(entries: Entries) {
  const cgFile = path.join(tree.dir, 'scene.hip');
  await writeFile(cgFile, buildHip([...sceneEntries({}), ...entries]));
  const a = new AnalyzeHoudini({ cgFile, workspace: tree.dir, localOs: 'linux' });
  const r = await a.analyse({ mode: 'static' });
  const task = await readTaskJson(r.taskJsonPath);
  return { a, r, cgFile, task, geo: task.scene_info_render.geo_node as Array<Record<string, string>>, rops: task.scene_info_render.rop_node as Array<Record<string, string>> };
}

describe('the static ROP graph (.def inputs, fetch, merge, wedge, subnets, bypass)', () => {
  it('a fetch chain resolves to the ROPs fetched, inputs before the fetched node', async () => {
    const f = await facts([
      ...mantra('/out/mantra1', ['fetch2']),
      ...nodeEntries('/out/fetch2', 'fetch', { source: ['../fetch1'] }),
      ...nodeEntries('/out/fetch1', 'fetch', { source: ['/obj/geo1/rop_geometry1'] }, { inputs: ['cacheA'] }),
      ...geometry('/out/cacheA'),
      ...nodeEntries('/obj/geo1/rop_geometry1', 'rop_geometry', { sopoutput: ['$HIP/geo/sop.bgeo.sc'] }, { inputs: ['box1'] }),
      ...nodeEntries('/obj/geo1/box1', 'box', {}),
    ]);
    const n = byNode(f);
    expect(n.get('/out/mantra1')!.dependsOn).toEqual(['/out/cacheA', '/obj/geo1/rop_geometry1']);
    // A SOP ROP's inputs are SOPs (geometry), not ROPs that run first.
    expect(n.get('/obj/geo1/rop_geometry1')!.dependsOn).toBeUndefined();
    expect(f.warnings.filter((w) => w.code.startsWith('2501'))).toEqual([]);
  });

  it('a merge of three keeps input order; geoDependencySort ranks follow it and task_info gets the ordering flags', async () => {
    const { task, geo, rops } = await analyse([
      ...mantra('/out/mantra1', ['merge1']),
      ...nodeEntries('/out/merge1', 'merge', {}, { inputs: ['cacheC', 'cacheA', 'cacheB'] }),
      ...geometry('/out/cacheA'), ...geometry('/out/cacheB'), ...geometry('/out/cacheC'),
      ...geometry('/out/unused'),
    ]);
    expect(rops).toEqual([expect.objectContaining({ node: '/out/mantra1', render: '1', depends_on: '/out/cacheC,/out/cacheA,/out/cacheB' })]);
    expect(geo.map((g) => [g.node, g.render, g.geoDependencySort])).toEqual([
      ['/out/cacheA', '1', '2'], ['/out/cacheB', '1', '3'], ['/out/cacheC', '1', '1'], ['/out/unused', '0', undefined],
    ]);
    expect(task.task_info).toMatchObject({ multi_node: '0', geo_node_dependency: '1' });
  });

  it('chained caches rank deepest first; two renders sharing a cache rank it once', async () => {
    const { geo, rops } = await analyse([
      ...mantra('/out/beauty', ['sim']), ...mantra('/out/shadow', ['sim', 'extra']),
      ...geometry('/out/sim', ['source']), ...geometry('/out/source'), ...geometry('/out/extra'),
    ]);
    expect(rops.map((r) => [r.node, r.depends_on])).toEqual([['/out/beauty', '/out/sim'], ['/out/shadow', '/out/sim,/out/extra']]);
    expect(Object.fromEntries(geo.map((g) => [g.node, g.geoDependencySort]))).toEqual({ '/out/source': '1', '/out/sim': '2', '/out/extra': '3' });
    expect(geo.find((g) => g.node === '/out/sim')!.depends_on).toBe('/out/source');
  });

  it('a wedge depends on the ROP it drives and says the farm renders that ROP once', async () => {
    const f = await facts([
      ...mantra('/out/mantra1', ['cacheA']), ...geometry('/out/cacheA'),
      ...nodeEntries('/out/wedge1', 'wedge', { driver: ['../mantra1'] }),
      ...mantra('/out/after', ['wedge1']),
    ]);
    expect(byNode(f).get('/out/after')!.dependsOn).toEqual(['/out/mantra1']);
    expect(codes(f, '25013')).toEqual([expect.stringContaining('The wedge ROP /out/wedge1 renders /out/mantra1 once per wedge')]);
  });

  it('a cycle is a tip and the order stays finite (also a cycle of routing nodes only)', async () => {
    const { r, geo } = await analyse([
      ...mantra('/out/mantra1', ['a', 'merge1']),
      ...geometry('/out/a', ['b']), ...geometry('/out/b', ['a']),
      ...nodeEntries('/out/merge1', 'merge', {}, { inputs: ['merge2'] }),
      ...nodeEntries('/out/merge2', 'merge', {}, { inputs: ['merge1'] }),
    ]);
    expect(Object.fromEntries(geo.map((g) => [g.node, g.geoDependencySort]))).toEqual({ '/out/b': '1', '/out/a': '2' });
    const tips = await readTipsJson(r.tipsJsonPath);
    expect(tips['25011']).toHaveLength(2);
    expect(tips['25011']!.join('\n')).toContain('/out/a → /out/b → /out/a');
    expect(tips['25011']!.join('\n')).toContain('/out/merge1 → /out/merge2 → /out/merge1');
  });

  it('a bypassed ROP is skipped: its inputs pass through it, it gets no rank', async () => {
    const { geo, rops } = await analyse([
      ...mantra('/out/mantra1', ['cacheA']),
      ...geometry('/out/cacheA', ['cacheB'], { bypass: true }), ...geometry('/out/cacheB'),
      ...nodeEntries('/out/fetch1', 'fetch', { source: ['../cacheB'] }, { bypass: true }),
      ...mantra('/out/m2', ['fetch1']),
    ]);
    expect(rops.map((x) => [x.node, x.depends_on])).toEqual([['/out/m2', undefined], ['/out/mantra1', '/out/cacheB']]);
    expect(geo.map((g) => [g.node, g.render, g.geoDependencySort])).toEqual([['/out/cacheA', '0', undefined], ['/out/cacheB', '1', '1']]);
  });

  it('ROP subnets run their inputs, then their contents; ropnets in /obj and /stage are ROP networks', async () => {
    const f = await facts([
      ...mantra('/out/mantra1', ['subnet1']),
      ...nodeEntries('/out/subnet1', 'subnet', {}, { inputs: ['cacheA'] }),
      ...geometry('/out/cacheA'),
      ...geometry('/out/subnet1/inner1'), ...geometry('/out/subnet1/inner2', ['inner1']),
      ...nodeEntries('/obj/ropnet1', 'ropnet', {}),
      ...mantra('/obj/ropnet1/render', ['geometry1']), ...geometry('/obj/ropnet1/geometry1'),
      ...nodeEntries('/stage/rops', 'ropnet', {}),
      ...nodeEntries('/stage/rops/usd1', 'usd', { lopoutput: ['$HIP/usd/shot.usd'] }),
      ...nodeEntries('/stage/rops/karma1', 'karma', { picture: ['$HIP/render/k.$F4.exr'] }, { inputs: ['usd1'] }),
    ]);
    const n = byNode(f);
    expect(n.get('/out/mantra1')!.dependsOn).toEqual(['/out/cacheA', '/out/subnet1/inner2']);
    expect(n.get('/out/subnet1/inner2')!.dependsOn).toEqual(['/out/subnet1/inner1']);
    expect(n.get('/out/subnet1/inner1')!.dependsOn).toEqual(['/out/cacheA']);
    expect(n.get('/obj/ropnet1/render')!.dependsOn).toEqual(['/obj/ropnet1/geometry1']);
    expect(n.get('/stage/rops/karma1')!.dependsOn).toEqual(['/stage/rops/usd1']);
  });

  it('a fetch naming no node is a tip', async () => {
    const f = await facts([...mantra('/out/m', ['fetch1']), ...nodeEntries('/out/fetch1', 'fetch', { source: ['/obj/gone'] })]);
    expect(codes(f, '25011')).toEqual([expect.stringContaining('The fetch ROP /out/fetch1 names /obj/gone, which is not in the scene')]);
    expect(byNode(f).get('/out/m')!.dependsOn).toBeUndefined();
  });
});

describe('files the graph produces are neither uploaded nor missing', () => {
  const reader = nodeEntries('/obj/geo1/file1', 'file', { file: ['$HIP/geo/sim.$F4.bgeo.sc'] });
  const cache = nodeEntries('/out/simcache', 'geometry', { trange: ['normal'], f: [1, 5, 1], sopoutput: ['$HIP/geo/sim.$F4.bgeo.sc'] });

  it('a cache a render ROP depends on: no 50001, not in asset.json or upload.json', async () => {
    const { r, cgFile, geo } = await analyse([...reader, ...cache, ...mantra('/out/mantra1', ['simcache'])]);
    const tips = await readTipsJson(r.tipsJsonPath);
    expect(tips['50001']).toBeUndefined();
    expect((await readAssetJson(r.assetJsonPath)).missing).toEqual([]);
    expect((await readUploadJson(r.uploadJsonPath)).asset.map((x) => x.local)).toEqual([cgFile]);
    expect(geo[0]).toMatchObject({ node: '/out/simcache', render: '1', geoDependencySort: '1' });
  });

  it('the same cache not wired into the render is an input like any other: missing', async () => {
    const { r } = await analyse([...reader, ...cache, ...mantra('/out/mantra1')]);
    expect((await readTipsJson(r.tipsJsonPath))['50001']).toEqual([expect.stringContaining('/obj/geo1/file1')]);
  });
});

describe('setGeoNodeOrder after the graph filled the ranks', () => {
  it("the user's order replaces the graph's: nodes it leaves out lose their rank", async () => {
    const { a, r } = await analyse([...mantra('/out/m', ['a', 'b']), ...geometry('/out/a'), ...geometry('/out/b')]);
    expect(a.getGeoNodeDict()).toEqual({ '/out/a': '', '/out/b': '' });
    await a.setGeoNodeOrder({ '/out/b': '1' });
    const geo = (await readTaskJson(r.taskJsonPath)).scene_info_render.geo_node as Array<Record<string, string>>;
    expect(geo.map((g) => [g.node, g.geoDependencySort])).toEqual([['/out/a', undefined], ['/out/b', '1']]);
  });
});

describe('choosing render nodes at submit', () => {
  it('a chosen render brings the ROPs it depends on (transitively); the others go off', async () => {
    const { task } = await analyse([
      ...mantra('/out/beauty', ['sim']), ...mantra('/out/shadow', ['extra']),
      ...geometry('/out/sim', ['source']), ...geometry('/out/source'), ...geometry('/out/extra'),
    ]);
    applySubmitSettings(task, { renderNodes: ['/out/beauty'] });
    const on = (k: string) => (task.scene_info_render[k] as Array<Record<string, string>>).map((i) => [i.node, i.render]);
    expect(on('rop_node')).toEqual([['/out/beauty', '1'], ['/out/shadow', '0']]);
    expect(on('geo_node')).toEqual([['/out/extra', '0'], ['/out/sim', '1'], ['/out/source', '1']]);
  });
});

describe('takes (.takes)', () => {
  const takes = (body: string): Entries => [['.takes', `HoudiniTakeFile 1.0\ntake name Main kids 1\n   e\n${body}`]];
  const take1 = `take name take1 kids 1
   parm /out/mantra1
{
version 0.8
f\t[ 0\tlocks=0 ]\t(\t5\t20\t2\t)
vm_picture\t[ 0\tlocks=0 ]\t(\t"$HIP/render/take1.$F4.exr"\t)
camera\t[ 0\tlocks=0 ]\t(\t/obj/cam2\t)
}
   parm /obj/cam2
{
version 0.8
res\t[ 0\tlocks=0 ]\t(\t320\t240\t)
}
   e
take name take2 kids 0
   parm /out/mantra2
{
version 0.8
vm_picture\t[ 0\tlocks=0 ]\t(\t"$HIP/render/take2.$F4.exr"\t)
}
   flags /out/cacheA bypass on
   e
`;
  const scene = (m1Take: string, vars: Record<string, string> = {}): Entries => [
    ...Object.keys(vars).length ? [['.variables', Object.entries(vars).map(([k, v]) => `set -g ${k} = '${v}'`).join('\n') + '\n'] as [string, string]] : [],
    ...mantra('/out/mantra1', [], { take: [m1Take], camera: ['/obj/cam1'] }),
    ...mantra('/out/mantra2', ['cacheA'], { take: ['_current_'] }),
    ...geometry('/out/cacheA'),
    ...nodeEntries('/obj/cam1', 'cam', { res: [1920, 1080] }),
    ...nodeEntries('/obj/cam2', 'cam', { res: [1280, 720] }),
    ...takes(take1),
  ];

  it("a ROP's take parm: frames, output, camera and its resolution as that take sets them", async () => {
    const f = await facts(scene('take1'));
    expect(byNode(f).get('/out/mantra1')).toMatchObject({
      take: 'take1', frames: { start: 5, end: 20, step: 2 }, output: '$HIP/render/take1.$F4.exr', cameras: ['/obj/cam2'], width: 320, height: 240,
    });
    // _current_ with no ACTIVETAKE: the Main take, values as stored.
    expect(byNode(f).get('/out/mantra2')).toMatchObject({ frames: { start: 1, end: 10, step: 1 }, output: '$HIP/render/$OS.$F4.exr', dependsOn: ['/out/cacheA'] });
    expect(byNode(f).get('/out/mantra2')!.take).toBeUndefined();
  });

  it('the current take ($ACTIVETAKE) inherits what its parent take sets, and its bypass flags', async () => {
    const f = await facts(scene('_current_', { ACTIVETAKE: 'take2' }));
    const m1 = byNode(f).get('/out/mantra1')!;
    expect(m1).toMatchObject({ take: 'take2', frames: { start: 5, end: 20, step: 2 }, output: '$HIP/render/take1.$F4.exr' });
    expect(byNode(f).get('/out/mantra2')).toMatchObject({ take: 'take2', output: '$HIP/render/take2.$F4.exr' });
  });

  it('an unknown take, or take data the reader cannot read, is a 25012 tip', async () => {
    const f = await facts(scene('nosuch'));
    expect(codes(f, '25012')).toEqual([expect.stringContaining('renders with the take "nosuch", which the scene does not hold')]);
    const g = await facts([...mantra('/out/m', [], { take: ['odd'] }), ['.takes', 'HoudiniTakeFile 1.0\ntake name Main kids 1\n   e\ntake name odd kids 0\n   ???\n   e\n']]);
    expect(codes(g, '25012')).toEqual([expect.stringContaining('holds data the static reader does not understand ("???")')]);
  });

  it('the real scenes hold only the Main take: nothing changes, no take tip', async () => {
    const scenes = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes', 'houdini');
    for (const name of ['sphere.hip', 'rop_tool_ql_ROP.hip', 'vdb_blend_color_rest.hip', 'environment_ql_OBJ.hip']) {
      const buf = await readFile(path.join(scenes, name));
      const f = await readHipStream((async function* () { yield buf; })(), path.join(scenes, name));
      expect(f.renderNodes.every((n) => n.take === undefined)).toBe(true);
      expect(f.warnings.filter((w) => ['25011', '25012', '25013'].includes(w.code))).toEqual([]);
    }
  });
});

describe('the ROP graph of a real scene (rop_tool_ql_ROP.hip, qLib)', () => {
  it('reads the /out chain from the .def inputs and runs it in Houdini order', async () => {
    const file = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes', 'houdini', 'rop_tool_ql_ROP.hip');
    const model = new HipModel();
    const stream = createReadStream(file)[Symbol.asyncIterator]();
    for await (const e of readCpio(stream, { want: wantEntry, warnings: model.warnings })) addEntry(model, e);
    const graph = new RopGraph(model);
    expect(graph.depsOf('/out/mantra1')).toEqual(['/out/msg_pre']);
    expect(graph.depsOf('/out/render_this_range')).toEqual(['/out/caches_clear']);
    expect(runOrder(['/out/OUT', '/out/render_this_range'], (p) => graph.depsOf(p))).toEqual({
      order: ['/out/caches_init', '/out/msg_pre', '/out/mantra1', '/out/msg_post', '/out/caches_clear', '/out/OUT', '/out/render_this_range'],
      cycles: [],
    });
    // Only mantra1 renders; the script ROPs around it do no farm work, so it depends on no render node.
    const facts = await readHipStream(createReadStream(file), file);
    expect(facts.renderNodes.map((n) => [n.node, n.dependsOn])).toEqual([['/obj/RENDER/mantra1', undefined], ['/out/mantra1', undefined]]);
  });
});
