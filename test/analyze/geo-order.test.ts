import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyzeHoudini } from '../../sidecar/src/analyze';
import { appendToUpload, readTaskJson, readUploadJson } from '../../sidecar/src/jobfiles';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
beforeEach(async () => {
  tree = await tempTree('geo-order-', { sdkHome: true });
});
afterEach(async () => {
  await tree.cleanup();
});

describe('AnalyzeHoudini geo node helpers and follow-up edits', () => {
  it('setGeoNodeOrder writes geoDependencySort and the task flags; appendToUpload keeps each file once', async () => {
    const cgFile = path.join(tree.dir, 'g.hip');
    await writeFile(cgFile, buildHip([
      ...sceneEntries({}),
      ...nodeEntries('/out/cacheA', 'geometry', { trange: ['on'], f: [1, 5, 1] }),
      ...nodeEntries('/out/cacheB', 'geometry', { trange: ['on'], f: [1, 5, 1] }),
    ]));
    const a = new AnalyzeHoudini({ cgFile, workspace: tree.dir });
    const r = await a.analyse({ mode: 'static' });
    expect(a.getGeoNodeDict()).toEqual({});
    for (const g of a.taskInfo!.scene_info_render.geo_node as Array<Record<string, string>>) g.render = '1';
    expect(a.getGeoNodeDict()).toEqual({ '/out/cacheA': '', '/out/cacheB': '' });
    await expect(a.setGeoNodeOrder({ '/out/cacheA': '1', '/out/cacheB': '3' })).rejects.toMatchObject({ farmCode: 1000005 });
    await a.setGeoNodeOrder({ '/out/cacheA': '2', '/out/cacheB': '1' });
    const task = await readTaskJson(r.taskJsonPath);
    expect((task.scene_info_render.geo_node as Array<Record<string, string>>).map((g) => g.geoDependencySort)).toEqual(['2', '1']);
    expect(task.task_info).toMatchObject({ multi_node: '0', geo_node_dependency: '1' });

    const extra = await tree.file('extra/a.png');
    await appendToUpload([cgFile, extra, extra], r.uploadJsonPath);
    const upload = await readUploadJson(r.uploadJsonPath);
    expect(upload.asset.map((x) => x.local)).toEqual([cgFile, extra]);
  });
});
