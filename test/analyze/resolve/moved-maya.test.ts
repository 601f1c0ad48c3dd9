// A Maya scene saved on another machine (D:/ and /mnt/ paths, a UNC path, a dirmap script node, a
// reference chain .ma → .mb → .ma with a cycle back), analysed statically: the exact upload list with
// the server paths the farm looks for, the rule each fallback used, one missing file named by node.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeMaya, type AnalyzeResult } from '../../../sidecar/src/analyze';
import { convertPath } from '../../../sidecar/src/jobfiles';
import { buildMovedMaya, type MovedScene } from '../helpers/moved-scenes';
import { tempTree, type TempTree } from '../helpers/temp-dir';

let tree: TempTree;
let moved: MovedScene;
let result: AnalyzeResult;
beforeAll(async () => {
  tree = await tempTree('moved-maya-', { sdkHome: true });
  moved = await buildMovedMaya(tree);
  result = await new AnalyzeMaya({ cgFile: moved.scene, softwareVersion: '2022', workspace: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' });
});
afterAll(async () => {
  await tree.cleanup();
});

/** upload.json assets as `local relative to the project → server paths`. */
export function uploadsByLocal(r: AnalyzeResult, root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of r.upload.asset) (out[path.relative(root, a.local).replace(/\\/g, '/')] ??= []).push(a.server);
  for (const v of Object.values(out)) v.sort();
  return out;
}

describe('a moved Maya scene, static', () => {
  it('uploads every file from where it was found, mapped to the path the scene names it by', () => {
    const want = Object.fromEntries(Object.entries(moved.uploads).map(([k, v]) => [k, v.map((s) => convertPath(s)).sort()]));
    expect(uploadsByLocal(result, moved.root)).toEqual(want);
    expect(result.upload.asset.at(-1)!.local).toBe(moved.scene);
    expect(result.asset.asset.map((e) => e.split('  (mtime')[0]).sort()).toEqual(Object.keys(moved.uploads).filter((k) => k !== 'scenes/shot.ma').map((k) => `${moved.root}/${k}`).sort());
  });

  it('follows the reference chain .ma → .mb → .ma down, each file once, the cycle back to chair.ma safe', () => {
    // the scene's own copies of the nested references (-rdi 2/3) give way to the files that hold them
    expect(result.facts.references.filter((r) => r.kind === 'scene_reference' && !r.definedIn).map((r) => r.node)).toEqual(['chairRN']);
    const defined = result.facts.references.filter((r) => r.definedIn).map((r) => `${path.basename(r.definedIn!)}:${r.node}`);
    // nodes named as Maya names them once loaded: <namespace>:<name>, nested namespaces joined
    expect(defined).toEqual(['chair.ma:chair:legRN', 'chair.ma:chair:seat', 'leg.mb:chair:leg:screwRN', 'leg.mb:chair:leg:legTex', 'screw.ma:chair:leg:screw:chairRN', 'screw.ma:chair:leg:screw:screwTex']);
  });

  it('names the rule that found each moved file, and the one file no rule finds by node and attribute', () => {
    const found = (result.tips['25010'] as string[]).map((t) => /^Found by (.*?) \(rule (M\d)\): (\S+)/.exec(t)!.slice(1, 4).join(' | '));
    expect(found).toEqual([
      'the path scenes/chair.ma in the project root | M5 | D:/projects/shot/scenes/chair.ma',
      'file name beside the scene | M6 | D:/projects/shot/tex/logo.png',
      'file name in sourceimages/ (the project\'s sourceImages rule) | M6 | D:/projects/shot/maps/wood.<UDIM>.exr',
      'the path sourceimages/sub/bark.png in the project root | M5 | /mnt/studio/shot/sourceimages/sub/bark.png',
      `the scene's dirmap Z:/cache → ${moved.root}/mapped/cache | M3 | Z:/cache/anim.abc`,
      `the user path map D:/Projects/Assets → ${moved.root}/assets | M3 | d:/projects/assets/env/hdr.exr`,
      'file name beside the scene | M6 | \\\\studio\\share\\shot\\tex\\logo.png',
      'file name in sourceimages/ (the project\'s sourceImages rule) | M6 | D:/projects/shot/maps/normal.png',
      'the path parts/leg.mb beside chair.ma | M5 | C:/old/parts/leg.mb',
      'the path parts/leg_tex.png in scenes/ (the project\'s scene rule) | M5 | D:/old/parts/leg_tex.png',
      'the path scenes/chair.ma in the project root | M5 | D:/projects/shot/scenes/chair.ma',
    ]);
    expect(result.tips['25009']).toHaveLength(1);
    expect((result.tips['25009'] as string[])[0]).toMatch(/^Reference file not found: D:\/projects\/shot\/tex\/gone\.png \(node gone, attribute fileTextureName, raw D:\/projects\/shot\/tex\/gone\.png\)/);
    expect(result.asset.missing).toEqual(['D:/projects/shot/tex/gone.png']);
  });
});
