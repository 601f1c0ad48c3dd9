/**
 * The OCIO config a scene renders with and the LUTs it names are assets: Maya's colour-management
 * config path (defaultColorMgtGlobals.cfp), or $OCIO when the scene names none; LUTs found through
 * the config's search_path (string or list) or beside it; a LUT no folder holds is a missing tip.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeMaya } from '../../sidecar/src/analyze';
import { parseOcioConfig } from '../../sidecar/src/analyze/ocio/ocio-config';
import { readTipsJson, readUploadJson } from '../../sidecar/src/jobfiles';
import { tempTree, type TempTree } from './helpers/temp-dir';

const CONFIG = `ocio_profile_version: 2
search_path:
  - luts
  - "shared luts"
roles:
  default: raw
colorspaces:
  - !<ColorSpace>
    name: srgb
    to_scene_reference: !<FileTransform> {src: srgb.spi1d, interpolation: linear}
  - !<ColorSpace>
    name: film
    from_scene_reference: !<GroupTransform>
      children:
        - !<FileTransform> {src: "film look.cube", interpolation: tetrahedral}
        - !<FileTransform> {src: beside.csp}
        - !<FileTransform> {src: gone.cube}   # no folder holds it
        - !<FileTransform> {src: $SHOT/grade.cc}
`;

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('ocio-', { sdkHome: true });
  await tree.file('ocio/config.ocio', CONFIG);
  await tree.file('ocio/luts/srgb.spi1d');
  await tree.file('ocio/shared luts/film look.cube');
  await tree.file('ocio/beside.csp');
});
afterAll(async () => {
  await tree.cleanup();
});

const scene = (cfp: string | undefined) => `//Maya ASCII 2022 scene
requires maya "2022";
${cfp ? `select -ne :defaultColorMgtGlobals;\n\tsetAttr ".cfe" yes;\n\tsetAttr ".cfp" -type "string" "${cfp}";\n` : ''}// End of s.ma
`;
const uploads = async (cfp: string | undefined, env?: string) => {
  const file = await tree.file(`scenes/${cfp ? 'cfp' : 'env'}.ma`, scene(cfp));
  const saved = process.env.OCIO;
  if (env) process.env.OCIO = env; else delete process.env.OCIO;
  try {
    const r = await new AnalyzeMaya({ cgFile: file, softwareVersion: '2022', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
    const up = await readUploadJson(r.uploadJsonPath);
    return { files: up.asset.map((a) => path.relative(tree.dir, a.local)).filter((f) => !f.startsWith('scenes/')).sort(), tips: await readTipsJson(r.tipsJsonPath) };
  } finally {
    if (saved === undefined) delete process.env.OCIO; else process.env.OCIO = saved;
  }
};
const WANT = ['ocio/beside.csp', 'ocio/config.ocio', 'ocio/luts/srgb.spi1d', 'ocio/shared luts/film look.cube'];

describe('OCIO configs', () => {
  it('parses search paths (list and colon forms) and every FileTransform src', () => {
    expect(parseOcioConfig(CONFIG)).toEqual({ searchPaths: ['luts', 'shared luts'], luts: ['srgb.spi1d', 'film look.cube', 'beside.csp', 'gone.cube', '$SHOT/grade.cc'] });
    expect(parseOcioConfig('search_path: a:b/c\n').searchPaths).toEqual(['a', 'b/c']);
  });

  it("Maya's colour-management config and its LUTs are uploaded; a missing LUT and a context variable are tips", async () => {
    const { files, tips } = await uploads(path.join(tree.dir, 'ocio/config.ocio'));
    expect(files).toEqual(WANT);
    const missing = (tips["25009"] ?? []) as string[];
    expect(missing.some((t) => t.includes('gone.cube'))).toBe(true);
    expect(missing.some((t) => t.includes('$SHOT/grade.cc'))).toBe(true);
  });

  it('$OCIO is the config when the scene names none', async () => {
    expect((await uploads(undefined, path.join(tree.dir, 'ocio/config.ocio'))).files).toEqual(WANT);
    expect((await uploads(undefined)).files).toEqual([]);
  });
});
