import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyseFailError, CGFileNotExistsError, intakeSceneFacts } from '../../../sidecar/src/analyze';
import { readTaskJson, readUploadJson, readTipsJson, readAssetJson } from '../../../sidecar/src/jobfiles';
import { tempTree } from '../helpers/temp-dir';

let tree: Awaited<ReturnType<typeof tempTree>>;
beforeEach(async () => {
  tree = await tempTree('intake-');
});
afterEach(() => tree.cleanup());

describe('intakeSceneFacts', () => {
  it('writes the four job files from host facts, each needed file once', async () => {
    const scene = await tree.file('proj 项目/shot.hip', 'hip content');
    for (const t of ['1001', '1002']) await tree.file(`proj 项目/tex/wood.${t}.rat`);
    const ws = await tree.file('ws/.keep').then(path.dirname);
    const result = await intakeSceneFacts(
      {
        host: 'houdini',
        source: 'host',
        scenePath: scene,
        software: { name: 'Houdini', version: '18.5.499' },
        frameRange: { start: 1, end: 24 },
        renderNodes: [
          { node: '/out/mantra1', type: 'ifd', category: 'rop_node', renderable: true, frames: { start: 1, end: 10, step: 1 }, width: 1280, height: 720 },
          { node: '/out/cache', type: 'geometry', category: 'geo_node', renderable: false },
        ],
        references: [
          { node: '/mat/wood', parm: 'map', path: '$HIP/tex/wood.<UDIM>.rat', kind: 'texture' },
          { node: '/mat/wood2', parm: 'map', path: '$HIP/tex/wood.%(UDIM)d.rat', kind: 'texture' },
          { node: '/obj/geo1/file1', parm: 'file', path: '$HIP/geo/missing.$F4.bgeo.sc', kind: 'geometry' },
        ],
      },
      { workspace: ws, softwareVersion: '18.5.499', projectName: 'p1', localOs: 'linux' },
    );
    expect(path.dirname(result.workspace)).toBe(ws);
    const task = await readTaskJson(result.taskJsonPath);
    expect(task.task_info).toMatchObject({ cg_id: '2004', project_name: 'p1', platform: '2', os_name: '0', input_cg_file: scene });
    expect(task.software_config).toEqual({ plugins: {}, cg_version: '18.5.499', cg_name: 'Houdini' });
    expect(task.scene_info_render).toEqual({
      rop_node: [{ node: '/out/mantra1', frames: '1-10[1]', option: '-1', render: '1', width: '1280', height: '720' }],
      geo_node: [{ node: '/out/cache', frames: '1-24[1]', option: '0', render: '0' }],
      distributedsim_node: [],
    });
    const upload = await readUploadJson(result.uploadJsonPath);
    const hash = createHash('md5').update('hip content').digest('hex');
    expect(upload.scene).toEqual([{ local: scene, server: scene, hash }]);
    expect(upload.asset.map((a) => path.basename(a.local))).toEqual(['wood.1001.rat', 'wood.1002.rat', 'shot.hip']);
    expect(upload.asset.every((a) => a.server === a.local)).toBe(true);
    const tips = await readTipsJson(result.tipsJsonPath);
    expect(Object.keys(tips)).toEqual(['50001']);
    expect(tips['50001']![0]).toContain('/obj/geo1/file1');
    expect(tips['50001']![0]).toContain('missing.*.bgeo.sc');
    const asset = await readAssetJson(result.assetJsonPath);
    expect(asset.asset[0]).toMatch(/wood\.1001\.rat {2}\(mtime \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\) size 1$/);
    expect((await readdir(result.workspace)).sort()).toEqual(['asset.json', 'task.json', 'tips.json', 'upload.json']);
  });

  it('refuses invalid facts with AnalyseFailError naming the field', async () => {
    await expect(intakeSceneFacts({ host: 'blender', source: 'host' })).rejects.toBeInstanceOf(AnalyseFailError);
    await expect(intakeSceneFacts({ host: 'maya', source: 'host', scenePath: 'x', software: { name: 'Maya' }, renderNodes: [{ node: 1 }] }))
      .rejects.toThrow(/renderNodes/);
  });

  it('a scene that is not on disk is CGFileNotExistsError (15024) and leaves no analysis folder', async () => {
    const ws = await tree.file('ws-missing/.keep').then(path.dirname);
    const missing = path.join(tree.dir, 'gone', 'shot.ma');
    const err = await intakeSceneFacts({ host: 'maya', source: 'host', scenePath: missing, software: { name: 'Maya' } }, { workspace: ws }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CGFileNotExistsError);
    expect(err).toMatchObject({ farmCode: 15024, details: { file: missing } });
    expect(await readdir(ws)).toEqual(['.keep']);
  });

  it('two analyses in the same second from one process get different folders', async () => {
    const scene = await tree.file('s.hip');
    const ws = tree.dir;
    const facts = { host: 'houdini', source: 'host', scenePath: scene, software: { name: 'Houdini', version: '17.0' } };
    const [a, b] = await Promise.all([intakeSceneFacts(facts, { workspace: ws }), intakeSceneFacts(facts, { workspace: ws })]);
    expect(a.workspace).not.toBe(b.workspace);
    expect(JSON.parse(await readFile(a.taskJsonPath, 'utf8')).task_info.cg_id).toBe('2004');
  });
});

describe('unreadable references', () => {
  it.skipIf(process.getuid?.() === 0)('a file that exists but cannot be read is a tip, not an asset', async () => {
    const { chmod } = await import('node:fs/promises');
    const scene = await tree.file('s.hip');
    const locked = await tree.file('tex/locked.png');
    await chmod(locked, 0o000);
    const r = await intakeSceneFacts(
      { host: 'houdini', source: 'host', scenePath: scene, software: { name: 'Houdini' }, references: [{ node: '/mat/a', parm: 'map', path: locked }] },
      { workspace: tree.dir },
    );
    expect(r.upload.asset.map((a) => a.local)).toEqual([scene]);
    expect(r.tips['50001']![0]).toContain('cannot be read');
  });
});
