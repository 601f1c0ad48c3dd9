/**
 * Converted textures travel with their sources: a Maya scene whose file textures have maketx `.tx`
 * tiles, a RenderMan `.png.tex` and a Redshift `.rstexbin` beside them; a texture that is itself a
 * `.tx` gets no siblings, and a sibling of a moved texture is mapped under the source's server folder.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeMaya } from '../../sidecar/src/analyze';
import { siblingNames } from '../../sidecar/src/analyze/jobs/texture-siblings';
import { convertPath, readUploadJson } from '../../sidecar/src/jobfiles';
import { tempTree, type TempTree } from './helpers/temp-dir';

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('siblings-', { sdkHome: true });
  for (const f of ['wood.1001.exr', 'wood.1002.exr', 'wood.1001.tx', 'wood.1002.tx', 'bump.png', 'bump.png.tex', 'bump.rstexbin', 'metal.tx', 'metal.tex', 'logo.png', 'logo.tx']) {
    await tree.file(`proj/sourceimages/${f}`);
  }
});
afterAll(async () => {
  await tree.cleanup();
});

describe('texture siblings', () => {
  it('names: .tx, .tex, .<ext>.tex, .rstexbin of a source; none of a converted file', () => {
    expect(siblingNames('/a/wood.1001.exr')).toEqual(['wood.1001.tx', 'wood.1001.tex', 'wood.1001.exr.tex', 'wood.1001.rstexbin']);
    expect(siblingNames('/a/metal.tx')).toEqual([]);
    expect(siblingNames('/a/cache.abc')).toEqual([]);
  });

  it('uploads each existing sibling with its source, tiles included, mapped beside the source on the farm', async () => {
    const src = (f: string): string => path.join(tree.dir, 'proj/sourceimages', f);
    const scene = await tree.file('proj/scenes/shot.ma', `//Maya ASCII 2022 scene
requires maya "2022";
createNode file -n "wood";
	setAttr ".ftn" -type "string" "${src('wood.1001.exr')}";
	setAttr ".cfnp" -type "string" "${src('wood.<UDIM>.exr')}";
	setAttr ".uvt" 3;
createNode file -n "bump";
	setAttr ".ftn" -type "string" "${src('bump.png')}";
createNode file -n "metal";
	setAttr ".ftn" -type "string" "${src('metal.tx')}";
createNode file -n "logo";
	setAttr ".ftn" -type "string" "D:/old/project/sourceimages/logo.png";
// End of shot.ma
`);
    await tree.file('proj/workspace.mel', 'workspace -fr "sourceImages" "sourceimages";\n');
    const result = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2022', workspace: tree.dir, localOs: 'linux' }).analyse({ mode: 'static' });
    const upload = await readUploadJson(result.uploadJsonPath);
    const byLocal = Object.fromEntries(upload.asset.map((a) => [path.relative(tree.dir, a.local), a.server]));
    expect(Object.keys(byLocal).sort()).toEqual([
      'proj/scenes/shot.ma',
      ...['bump.png', 'bump.png.tex', 'bump.rstexbin', 'logo.png', 'logo.tx', 'metal.tx', 'wood.1001.exr', 'wood.1001.tx', 'wood.1002.exr', 'wood.1002.tx'].map((f) => `proj/sourceimages/${f}`),
    ].sort());
    expect(byLocal['proj/sourceimages/wood.1002.tx']).toBe(convertPath(src('wood.1002.tx')));
    // found by a fallback: the sibling goes where the farm will look for the source's folder
    expect(byLocal['proj/sourceimages/logo.png']).toBe(convertPath('D:/old/project/sourceimages/logo.png'));
    expect(byLocal['proj/sourceimages/logo.tx']).toBe(convertPath('D:/old/project/sourceimages/logo.tx'));
  });
});
