// The live-session walk (the plugin's in-host Python on the stand-in hosts) and the static reader
// give the same asset and upload lists for the same moved scene, for all three hosts: both go
// through the same rules, the walk reporting values as saved, referenced nodes with their file,
// and the session's own maps (dirmap, HOUDINI_PATHMAP).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeHoudini, AnalyzeMaya, intakeSceneFacts, type AnalyzeResult } from '../../../sidecar/src/analyze';
import { buildMovedClarisse, buildMovedHoudini, buildMovedMaya, type MovedScene } from '../helpers/moved-scenes';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const run = promisify(execFile);
const WALK = path.resolve('test/python/standins/walk_facts.py');

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('live-static-', { sdkHome: true });
});
afterAll(async () => {
  await tree.cleanup();
});

/** The host's walk of the session fixture, as the plugin sends it (source "host"). */
async function liveFacts(host: string, moved: MovedScene, env: Record<string, string> = {}): Promise<unknown> {
  const fixture = path.join(tree.dir, `${host}-session.json`);
  await writeFile(fixture, JSON.stringify(moved.session));
  const { stdout } = await run('python3', [WALK, host, fixture], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

const lists = (r: AnalyzeResult) => ({
  upload: [...r.upload.asset].map((a) => `${a.local} -> ${a.server}`).sort(),
  asset: r.asset.asset.map((e) => e.split('  (mtime')[0]).sort(),
  missing: [...(r.asset.missing ?? [])].sort(),
});

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

describe('live walk = static reader on a moved scene', () => {
  it('Maya: nested reference nodes, dirmap of the session, UDIM, Arnold/RenderMan/Redshift textures', async () => {
    const moved = await buildMovedMaya(tree);
    const stat = await new AnalyzeMaya({ cgFile: moved.scene, softwareVersion: '2022', workspace: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' });
    const live = await intakeSceneFacts(await liveFacts('maya', moved), { workspace: tree.dir, softwareVersion: '2022', pathMap: moved.pathMap });
    expect(lists(live)).toEqual(lists(stat));
    expect(lists(live).upload).toHaveLength(Object.values(moved.uploads).flat().length);
    expect(live.tips['25009']).toHaveLength(1);
    expect((live.tips['25009'] as string[])[0]).toContain('(node gone, attribute fileTextureName');
    // the same node names in the tips, so a plugin's Select finds the node either way
    const nodes = (r: AnalyzeResult) => ((r.tips['25010'] ?? []) as string[]).map((t) => /\(node ([^,]+),/.exec(t)![1]).sort();
    expect(nodes(live)).toEqual(nodes(stat));
  });

  it('Houdini: HOUDINI_PATHMAP of the session, HDAs where Houdini loaded them, the search path', async () => {
    const moved = await buildMovedHoudini(tree);
    const stat = await withEnv(moved.env, () =>
      new AnalyzeHoudini({ cgFile: moved.scene, softwareVersion: '19.5.303', workspace: tree.dir, customDbPath: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' }));
    // the sidecar that takes the live facts has no HOUDINI_PATHMAP of its own: the session's comes with the facts
    const facts = await liveFacts('houdini', moved);
    const live = await withEnv({ HOUDINI_GEOMETRY_PATH: moved.env.HOUDINI_GEOMETRY_PATH! }, () =>
      intakeSceneFacts(facts, { workspace: tree.dir, softwareVersion: '19.5.303', pathMap: moved.pathMap }));
    expect(lists(live)).toEqual(lists(stat));
    expect(lists(live).upload).toHaveLength(Object.values(moved.uploads).flat().length);
    expect((live.tips['50001'] as string[]).map((m) => m.split('  File name:')[0])).toEqual(['Nodes: /obj/geo1/tool1/file1  Parm: file', 'Nodes: /mat/logo  Parm: basecolor_texture', 'Nodes: /mat/gone  Parm: basecolor_texture']);
  });

  it('Clarisse: the moved reference the session could not load is read by the sidecar, down to the cycle', async () => {
    const moved = await buildMovedClarisse(tree);
    const stat = await new AnalyzeClarisse({ cgFile: moved.scene, softwareVersion: 'clarisse_ifx_4.0_sp3', workspace: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' });
    const live = await intakeSceneFacts(await liveFacts('clarisse', moved), { workspace: tree.dir, softwareVersion: 'clarisse_ifx_4.0_sp3', pathMap: moved.pathMap });
    expect(lists(live)).toEqual(lists(stat));
    expect(lists(live).upload).toHaveLength(Object.values(moved.uploads).flat().length);
    expect(lists(live).missing).toEqual(['/mnt/old/cache/anim.abc', 'D:/other/gone.exr']);
  });
});
