// Scenes that "moved between machines", built on disk for the resolver tests and the live-walk
// comparison: saved with absolute paths of another OS/drive, while the files sit beside the scene,
// in the project's folders, in a dirmapped or user-mapped folder; plus a reference chain
// .ma → .mb → .ma with a cycle back, and one file no rule finds.
import path from 'node:path';
import { buildMb } from './mb-builder';
import type { TempTree } from './temp-dir';

const fwd = (p: string): string => p.replace(/\\/g, '/');

export interface MovedScene {
  scene: string;
  root: string;
  /** The user path map the test passes. */
  pathMap: Record<string, string>;
  /** local (relative to root) → the server paths its upload entries must have. */
  uploads: Record<string, string[]>;
}

/** The Maya project at `<tree>/here/shot`, saved as D:/projects/shot on another machine. */
export async function buildMovedMaya(tree: TempTree): Promise<MovedScene> {
  const root = fwd(path.join(tree.dir, 'here', 'shot'));
  const f = (rel: string, content?: string | Buffer) => tree.file(path.join('here', 'shot', rel), content);
  await f('workspace.mel', '//Maya 2022 Project Definition\n\nworkspace -fr "sourceImages" "sourceimages";\nworkspace -fr "scene" "scenes";\nworkspace -fr "mayaAscii" "scenes";\n');
  await f('scenes/logo.png');
  for (const t of ['1001', '1002']) await f(`sourceimages/wood.${t}.exr`);
  await f('sourceimages/normal.png');
  await f('sourceimages/seat.png');
  await f('sourceimages/sub/bark.png');
  await f('mapped/cache/anim.abc');
  await f('assets/env/hdr.exr');
  await f('scenes/parts/leg_tex.png');
  await f('scenes/parts/screw.png');
  await f('scenes/chair.ma', `//Maya ASCII 2022 scene
//Name: chair.ma
file -rdi 1 -ns "leg" -rfn "legRN" -typ "mayaBinary" "C:/old/parts/leg.mb";
file -r -ns "leg" -dr 1 -rfn "legRN" -typ "mayaBinary" "C:/old/parts/leg.mb";
requires maya "2022";
createNode file -n "seat";
	setAttr ".ftn" -type "string" "sourceimages/seat.png";
`);
  await f('scenes/parts/leg.mb', buildMb({
    references: [{ path: 'screw.ma', namespace: 'screw', node: 'screwRN', type: 'mayaAscii' }],
    nodes: [{ form: 'RTFT', name: 'legTex', strings: { ftn: 'D:/old/parts/leg_tex.png' } }],
  }));
  await f('scenes/parts/screw.ma', `//Maya ASCII 2022 scene
file -rdi 1 -ns "chair" -rfn "chairRN" -typ "mayaAscii" "D:/projects/shot/scenes/chair.ma";
file -r -ns "chair" -dr 1 -rfn "chairRN" -typ "mayaAscii" "D:/projects/shot/scenes/chair.ma";
requires maya "2022";
createNode file -n "screwTex";
	setAttr ".ftn" -type "string" "screw.png";
`);
  const scene = await f('scenes/shot.ma', `//Maya ASCII 2022 scene
//Name: shot.ma
//Codeset: 65001
file -rdi 1 -ns "chair" -rfn "chairRN" -typ "mayaAscii" "D:/projects/shot/scenes/chair.ma";
file -r -ns "chair" -dr 1 -rfn "chairRN" -typ "mayaAscii" "D:/projects/shot/scenes/chair.ma";
requires maya "2022";
requires "mtoa" "5.1.0";
fileInfo "version" "2022";
createNode script -n "dirmapOnOpen";
	setAttr ".b" -type "string" "dirmap -en true; dirmap -m \\"Z:/cache\\" \\"${root}/mapped/cache\\";";
	setAttr ".st" 1;
createNode file -n "logo";
	setAttr ".ftn" -type "string" "D:/projects/shot/tex/logo.png";
createNode file -n "wood";
	setAttr ".ftn" -type "string" "D:/projects/shot/maps/wood.1001.exr";
	setAttr ".cfnp" -type "string" "D:/projects/shot/maps/wood.<UDIM>.exr";
	setAttr ".uvt" 3;
createNode file -n "bark";
	setAttr ".ftn" -type "string" "/mnt/studio/shot/sourceimages/sub/bark.png";
createNode AlembicNode -n "anim";
	setAttr ".fn" -type "string" "Z:/cache/anim.abc";
createNode aiImage -n "hdr";
	setAttr ".filename" -type "string" "d:/projects/assets/env/hdr.exr";
createNode PxrTexture -n "rmanLogo";
	setAttr ".filename" -type "string" "\\\\\\\\studio\\\\share\\\\shot\\\\tex\\\\logo.png";
createNode RedshiftNormalMap -n "rsNormal";
	setAttr ".tex0" -type "string" "D:/projects/shot/maps/normal.png";
createNode file -n "gone";
	setAttr ".ftn" -type "string" "D:/projects/shot/tex/gone.png";
select -ne :defaultRenderGlobals;
	setAttr ".ren" -type "string" "arnold";
`);
  return {
    scene: fwd(scene),
    root,
    pathMap: { 'D:/Projects/Assets': `${root}/assets` },
    uploads: {
      'scenes/chair.ma': ['/D/projects/shot/scenes/chair.ma'],
      'scenes/logo.png': ['/D/projects/shot/tex/logo.png', '/studio/share/shot/tex/logo.png'],
      'sourceimages/wood.1001.exr': ['/D/projects/shot/maps/wood.1001.exr'],
      'sourceimages/wood.1002.exr': ['/D/projects/shot/maps/wood.1002.exr'],
      'sourceimages/sub/bark.png': ['/mnt/studio/shot/sourceimages/sub/bark.png'],
      'mapped/cache/anim.abc': ['/Z/cache/anim.abc'],
      'assets/env/hdr.exr': ['/d/projects/assets/env/hdr.exr'],
      'sourceimages/normal.png': ['/D/projects/shot/maps/normal.png'],
      'scenes/parts/leg.mb': ['/C/old/parts/leg.mb'],
      'sourceimages/seat.png': [`${root}/sourceimages/seat.png`],
      'scenes/parts/screw.ma': [`${root}/scenes/parts/screw.ma`],
      'scenes/parts/leg_tex.png': ['/D/old/parts/leg_tex.png'],
      'scenes/parts/screw.png': [`${root}/scenes/parts/screw.png`],
      'scenes/shot.ma': [`${root}/scenes/shot.ma`],
    },
  };
}
