import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyzeHoudini, FactsCache, houdiniDbDir } from '../../sidecar/src/analyze';
import type { SceneFacts } from '../../protocol/src/scene';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree } from './helpers/temp-dir';

/** Counts calls to the static reader. */
class CountingAnalyzeHoudini extends AnalyzeHoudini {
  static reads = 0;
  protected override readStatic(options: Parameters<AnalyzeHoudini['readStatic']>[0]): Promise<SceneFacts> {
    CountingAnalyzeHoudini.reads += 1;
    return super.readStatic(options);
  }
}

let tree: Awaited<ReturnType<typeof tempTree>>;
const oldEnv = { ...process.env };
beforeEach(async () => {
  tree = await tempTree('hip-cache-', { sdkHome: true });
  delete process.env.RAYVISION_HOUDINI;
  CountingAnalyzeHoudini.reads = 0;
});
afterEach(async () => {
  process.env = { ...oldEnv };
  await tree.cleanup();
});

const hip = (frames: number) => buildHip([...sceneEntries({ vars: { _HIP_SAVEVERSION: '18.0.1' } }), ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, frames, 1] })]);

describe('Houdini analysis database', () => {
  it('re-analysing an unchanged scene does not call the reader; a changed one does', async () => {
    const cgFile = await tree.file('a.hip', hip(10));
    const dbDir = path.join(tree.dir, 'db');
    const make = () => new CountingAnalyzeHoudini({ cgFile, workspace: tree.dir, customDbPath: dbDir });
    const first = await make().analyse({ mode: 'static' });
    const second = await make().analyse({ mode: 'static' });
    expect(CountingAnalyzeHoudini.reads).toBe(1);
    expect(second.task.scene_info_render).toEqual(first.task.scene_info_render);
    expect(second.workspace).not.toBe(first.workspace);

    await writeFile(cgFile, hip(20));
    await utimes(cgFile, new Date(), new Date(Date.now() + 5000));
    const third = await make().analyse({ mode: 'static' });
    expect(CountingAnalyzeHoudini.reads).toBe(2);
    expect((third.task.scene_info_render.rop_node as Array<{ frames: string }>)[0]!.frames).toBe('1-20[1]');
  });

  it('a database that cannot be used never fails the analysis: the scene is read, and the facts say why', async () => {
    const cgFile = await tree.file('c.hip', hip(3));
    const damaged = path.join(tree.dir, 'damaged-db');
    await tree.file('damaged-db/data_tl.db', 'this is not an SQLite file '.repeat(200));
    const notAFolder = await tree.file('db-is-a-file', 'x'); // the database folder cannot be created
    for (const customDbPath of [damaged, path.join(notAFolder, 'sub')]) {
      const r = await new CountingAnalyzeHoudini({ cgFile, workspace: tree.dir, customDbPath }).analyse({ mode: 'static' });
      expect((r.task.scene_info_render.rop_node as Array<{ frames: string }>)[0]!.frames).toBe('1-3[1]');
      expect(r.facts.warnings).toContainEqual({ code: 'CACHE_UNUSABLE', message: expect.stringContaining(`The Houdini analysis database in ${customDbPath} could not be used`) });
      expect(r.tips).toEqual({}); // a diagnostic, not a tip for the farm
    }
    expect(CountingAnalyzeHoudini.reads).toBe(2);
  });

  it('finds the database folder: customDbPath, then RAYVISION_HOUDINI, then the SDK home', async () => {
    expect(houdiniDbDir('/x/db', { RAYVISION_HOUDINI: '/y' })).toBe('/x/db');
    expect(houdiniDbDir(undefined, { RAYVISION_HOUDINI: '/y' })).toBe('/y');
    expect(houdiniDbDir(undefined, { RAYVISION_SDK_HOME: '/z' })).toBe('/z');
    process.env.RAYVISION_HOUDINI = path.join(tree.dir, 'envdb');
    const cgFile = await tree.file('b.hip', hip(5));
    await new CountingAnalyzeHoudini({ cgFile, workspace: tree.dir }).analyse({ mode: 'static' });
    const cache = FactsCache.open(process.env.RAYVISION_HOUDINI);
    try {
      expect((await cache.get(cgFile, 'static'))?.renderNodes[0]?.frames).toEqual({ start: 1, end: 5, step: 1 });
    } finally {
      cache.close();
    }
  });
});
