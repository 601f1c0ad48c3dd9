// A Houdini scene and a Clarisse project saved on another machine, analysed statically: what each
// DCC's own rules find (and, faithfully, what they do not: neither searches by file name), the
// exact upload lists with the server paths the farm looks for, and missing files named by node.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeClarisse, AnalyzeHoudini, type AnalyzeResult } from '../../../sidecar/src/analyze';
import { convertPath } from '../../../sidecar/src/jobfiles';
import { buildMovedClarisse, buildMovedHoudini, type MovedScene } from '../helpers/moved-scenes';
import { tempTree, type TempTree } from '../helpers/temp-dir';

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('moved-hc-', { sdkHome: true });
});
afterAll(async () => {
  await tree.cleanup();
});

function uploadsByLocal(r: AnalyzeResult, root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of r.upload.asset) (out[path.relative(root, a.local).replace(/\\/g, '/')] ??= []).push(a.server);
  for (const v of Object.values(out)) v.sort();
  return out;
}
const want = (m: MovedScene) => Object.fromEntries(Object.entries(m.uploads).map(([k, v]) => [k, v.map((s) => convertPath(s)).sort()]));
const rules = (r: AnalyzeResult) => ((r.tips['25010'] ?? []) as string[]).map((t) => /^Found by (.*?) \(rule (\w+)\): (\S+)/.exec(t)!.slice(1, 4).join(' | '));

describe('a moved Houdini scene, static', () => {
  let moved: Awaited<ReturnType<typeof buildMovedHoudini>>;
  let result: AnalyzeResult;
  beforeAll(async () => {
    moved = await buildMovedHoudini(tree);
    const saved = Object.fromEntries(Object.keys(moved.env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, moved.env);
    try {
      result = await new AnalyzeHoudini({ cgFile: moved.scene, softwareVersion: '19.5.303', workspace: tree.dir, customDbPath: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' });
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('uploads $HIP/$JOB-relative files, HOUDINI_PATHMAP and user-map hits, search-path files, HDAs below otls/ and hda/ and what their networks read', () => {
    expect(uploadsByLocal(result, moved.root)).toEqual(want(moved));
  });

  it('says which rule found each file; an absolute path no map covers is missing even with the file beside the scene', () => {
    expect(rules(result)).toEqual([
      `the user path map \\\\NAS\\Assets → ${path.dirname(path.dirname(moved.root))}/nas-assets | H3 | \\\\nas\\assets\\rock.bgeo`,
      `HOUDINI_PATHMAP D:/library → ${path.dirname(path.dirname(moved.root))}/lib | H3 | D:/library/hdri/sky.hdr`,
      'the path otls/my_thing.hda in $HIP | H6 | D:/projects/fx/otls/my_thing.hda',
      'file name in $HIP/hda | H6 | E:/studio/hda_lib/tool.hda',
    ]);
    const missing = result.tips['50001'] as string[];
    expect(missing.map((m) => m.split('  miss file:')[0])).toEqual([
      'Nodes: /mat/logo  Parm: basecolor_texture  File name: D:/projects/fx/tex/logo.png',
      'Nodes: /mat/gone  Parm: basecolor_texture  File name: D:/projects/fx/tex/gone.rat',
      // inside the HDA library (read because the rules found it): Houdini has no base-name search there either
      'Nodes: other::Sop/tool::1/file1  Parm: file  File name: D:/projects/fx/tex/tool_tex.rat',
    ]);
    expect(missing[2]).toContain(`In: ${moved.root}/hda/tool.hda`);
    const fromHda = result.facts.references.filter((r) => r.definedIn).map((r) => `${path.basename(r.definedIn!)}:${r.node}:${r.path}`);
    expect(fromHda).toEqual(['my_thing.hda:my::Sop/thing::1/file1:$HIP/tex/hda_tex.rat', 'tool.hda:other::Sop/tool::1/file1:D:/projects/fx/tex/tool_tex.rat']);
  });
});

describe('a moved Clarisse project, static', () => {
  let moved: MovedScene;
  let result: AnalyzeResult;
  beforeAll(async () => {
    moved = await buildMovedClarisse(tree);
    result = await new AnalyzeClarisse({ cgFile: moved.scene, softwareVersion: 'clarisse_ifx_4.0_sp3', workspace: tree.dir, pathMap: moved.pathMap }).analyse({ mode: 'static' });
  });

  it('follows references main → set → props → set (cycle) and uploads what the rules find', () => {
    expect(uploadsByLocal(result, moved.root)).toEqual(want(moved));
    expect(result.facts.references.filter((r) => r.definedIn).map((r) => `${path.basename(r.definedIn!)}:${r.node}`)).toEqual([
      'set.project:project://props', 'set.project:project://set/bench', 'props.project:project://back', 'props.project:project://props/prop',
    ]);
  });

  it('maps Windows paths case-insensitively with either slash; no search by file name; missing files by item and attribute', () => {
    expect(rules(result)).toEqual([
      `the user path map D:/projects/cl → ${moved.root} | C5 | D:/projects/cl/ref/set.project`,
      `the user path map D:/projects/cl → ${moved.root} | C5 | D:\\Projects\\CL\\tex\\logo.png`,
      `the user path map D:/projects/cl → ${moved.root} | C5 | D:/projects/cl/ref/set.project`,
    ]);
    expect((result.tips['25009'] as string[]).map((m) => /\(node (\S+), attribute (\w+)/.exec(m)!.slice(1).join('.'))).toEqual(['project://scene/anim.filename', 'project://scene/gone.filename']);
  });
});
