import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyzeMaya, intakeSceneFacts } from '../../sidecar/src/analyze';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
beforeEach(async () => {
  tree = await tempTree('maya-project-', { sdkHome: true });
});
afterEach(async () => {
  await tree.cleanup();
});

const facts = (scenePath: string) => ({
  host: 'maya' as const,
  source: 'host' as const,
  scenePath,
  software: { name: 'Maya', version: '2022' },
  renderNodes: [{ node: 'masterLayer', type: 'renderLayer', category: 'layer', renderable: true, frames: { start: 1, end: 2, step: 1 }, renderer: 'arnold' }],
  references: [
    { node: 'file1', parm: 'fileTextureName', path: 'sourceimages/wood.<UDIM>.tx', kind: 'texture' as const },
    { node: 'file2', parm: 'fileTextureName', path: 'sourceimages/seq/leaf.0001.png', kind: 'texture' as const, sequence: true },
    { node: 'file3', parm: 'fileTextureName', path: 'sourceimages/gone.png', kind: 'texture' as const },
  ],
});

describe('Maya relative references and the project folder', () => {
  it('resolve against the nearest workspace.mel above the scene; missing ones are tip 25009', async () => {
    await tree.file('proj/workspace.mel', 'workspace -fr "sourceImages" "sourceimages";\n');
    for (const t of ['1001', '1002']) await tree.file(`proj/sourceimages/wood.${t}.tx`);
    for (const f of ['0001', '0002', '0003']) await tree.file(`proj/sourceimages/seq/leaf.${f}.png`);
    const scene = await tree.file('proj/scenes/shot/a.ma', '//Maya ASCII 2022 scene\n');
    const r = await intakeSceneFacts(facts(scene), { workspace: tree.dir });
    expect(r.upload.asset.map((a) => path.relative(tree.dir, a.local))).toEqual([
      'proj/sourceimages/wood.1001.tx', 'proj/sourceimages/wood.1002.tx',
      'proj/sourceimages/seq/leaf.0001.png', 'proj/sourceimages/seq/leaf.0002.png', 'proj/sourceimages/seq/leaf.0003.png',
      'proj/scenes/shot/a.ma',
    ]);
    expect(r.tips['25009']).toHaveLength(1);
    expect((r.tips['25009'] as string[])[0]).toMatch(`Reference file not found: ${tree.dir}/proj/sourceimages/gone.png (node file3, attribute fileTextureName, raw sourceimages/gone.png) (looked for `);
    expect(r.task.scene_info_render).toMatchObject({ masterLayer: { renderable: '1', common: { renderer: 'arnold', frames: '1-2[1]' } } });
  });

  it('inputProjectPath wins over the scene location', async () => {
    await tree.file('other/sourceimages/wood.1001.tx');
    const scene = await tree.file('scenes/a.ma', '//Maya ASCII 2022 scene\n');
    const a = new AnalyzeMaya({ cgFile: scene, softwareVersion: '2022', inputProjectPath: path.join(tree.dir, 'other'), workspace: tree.dir });
    // the prepared facts carry the project; the writer resolves against it
    const prepared = (a as unknown as { prepareFacts: (f: ReturnType<typeof facts>) => { variables: Record<string, string> } }).prepareFacts({ ...facts(scene), variables: {} } as never);
    expect(prepared.variables.PROJECT).toBe(path.join(tree.dir, 'other'));
    const r = await intakeSceneFacts({ ...facts(scene), variables: prepared.variables }, { workspace: tree.dir });
    expect(r.upload.asset.map((x) => path.relative(tree.dir, x.local))).toEqual(['other/sourceimages/wood.1001.tx', 'scenes/a.ma']);
  });
});
