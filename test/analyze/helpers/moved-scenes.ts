// Scenes that "moved between machines", built on disk for the resolver tests and the live-walk
// comparison: saved with absolute paths of another OS/drive, while the files sit beside the scene,
// in the project's folders, in a dirmapped or user-mapped folder; plus a reference chain
// .ma → .mb → .ma with a cycle back, and one file no rule finds.
import path from 'node:path';
import { buildHip, nodeEntries, sceneEntries } from './hip-builder';
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

/** A Houdini scene at `<tree>/here/fx/shot.hip`, saved as D:/projects/fx/shot.hip. Needs `env` set while analysed. */
export async function buildMovedHoudini(tree: TempTree): Promise<MovedScene & { env: Record<string, string> }> {
  const root = fwd(path.join(tree.dir, 'here', 'fx'));
  const top = fwd(tree.dir);
  const f = (rel: string, content?: string | Buffer) => tree.file(path.join('here', 'fx', rel), content);
  for (const n of ['0001', '0002']) await f(`geo/sim.${n}.bgeo.sc`);
  for (const t of ['1001', '1002']) await f(`tex/wood.${t}.rat`);
  await f('tex/rel.rat');
  await f('tex/logo.png'); // saved as D:/projects/fx/tex/logo.png: Houdini has no base-name search
  await f('otls/my_thing.hda');
  await f('hda/tool.hda');
  await tree.file('lib/hdri/sky.hdr');
  await tree.file('nas-assets/rock.bgeo');
  await tree.file('geolib/grid.bgeo');
  const hip = buildHip([
    ...sceneEntries({ fps: 24, tset: [0, 2], vars: { HIP: 'D:/projects/fx', HIPNAME: 'shot', JOB: 'D:/projects', _HIP_SAVEVERSION: '19.5.303' } }),
    ['.OPfallbacks', 'my::Sop/thing::1 D:/projects/fx/otls/my_thing.hda\nmy::Sop/thing::1 otls/my_thing.hda\n' +
      'other::Sop/tool::1 E:/studio/hda_lib/tool.hda\nother::Sop/tool::1 otls/tool.hda\n'],
    ...nodeEntries('/obj/geo1', 'geo', { tx: [0] }),
    ...nodeEntries('/obj/geo1/sim', 'file', { filemode: ['read'], file: ['$HIP/geo/sim.$F4.bgeo.sc'] }),
    ...nodeEntries('/obj/geo1/rock', 'file', { filemode: ['read'], file: ['\\\\nas\\assets\\rock.bgeo'] }),
    ...nodeEntries('/obj/geo1/grid', 'file', { filemode: ['read'], file: ['grid.bgeo'] }),
    ...nodeEntries('/obj/geo1/thing1', 'my::thing::1', {}),
    ...nodeEntries('/obj/geo1/tool1', 'other::tool::1', {}),
    ...nodeEntries('/mat/wood', 'principledshader', { basecolor_texture: ['$JOB/fx/tex/wood.<UDIM>.rat'], rough_texture: ['tex/rel.rat'] }),
    ...nodeEntries('/mat/sky', 'principledshader', { basecolor_texture: ['D:/library/hdri/sky.hdr'] }),
    ...nodeEntries('/mat/logo', 'principledshader', { basecolor_texture: ['D:/projects/fx/tex/logo.png'] }),
    ...nodeEntries('/mat/gone', 'principledshader', { basecolor_texture: ['D:/projects/fx/tex/gone.rat'] }),
    ...nodeEntries('/obj/cam1', 'cam', { res: [640, 360] }),
    ...nodeEntries('/out/mantra1', 'ifd', { trange: ['normal'], f: [1, 2, 1], camera: ['/obj/cam1'], vm_picture: ['$HIP/render/$HIPNAME.$F4.exr'] }),
  ]);
  const scene = await f('shot.hip', hip);
  return {
    scene: fwd(scene),
    root,
    env: { HOUDINI_PATHMAP: `{"D:/library": "${top}/lib"}`, HOUDINI_GEOMETRY_PATH: `${top}/geolib;&` },
    pathMap: { '\\\\NAS\\Assets': `${top}/nas-assets` },
    uploads: {
      'geo/sim.0001.bgeo.sc': [`${root}/geo/sim.0001.bgeo.sc`],
      'geo/sim.0002.bgeo.sc': [`${root}/geo/sim.0002.bgeo.sc`],
      '../../nas-assets/rock.bgeo': ['//nas/assets/rock.bgeo'],
      '../../geolib/grid.bgeo': [`${top}/geolib/grid.bgeo`],
      'tex/wood.1001.rat': [`${root}/tex/wood.1001.rat`],
      'tex/wood.1002.rat': [`${root}/tex/wood.1002.rat`],
      'tex/rel.rat': [`${root}/tex/rel.rat`],
      '../../lib/hdri/sky.hdr': ['D:/library/hdri/sky.hdr'],
      'otls/my_thing.hda': ['D:/projects/fx/otls/my_thing.hda'],
      'hda/tool.hda': ['E:/studio/hda_lib/tool.hda'],
      'shot.hip': [`${root}/shot.hip`],
    },
  };
}

/** A Clarisse project at `<tree>/here/cl/main.project`, saved under D:/projects/cl, with a reference chain and a cycle. */
export async function buildMovedClarisse(tree: TempTree): Promise<MovedScene> {
  const root = fwd(path.join(tree.dir, 'here', 'cl'));
  const f = (rel: string, content?: string | Buffer) => tree.file(path.join('here', 'cl', rel), content);
  const head = '#Isotropix_Serial_Version 1.2\n#Isotropix_Clarisse_Version 4.0 SP3\n#Isotropix_Clarisse_Project_Version 0.94\n';
  for (const t of ['1001', '1002']) await f(`tex/wood.${t}.exr`);
  await f('tex/logo.png');
  await f('tex/rel.png');
  await f('tex/prop.png');
  await f('ref/bench.png');
  await f('cache/anim.abc'); // saved as /mnt/old/cache/anim.abc: Clarisse has no search of its own
  await f('ref/set.project', `${head}Context "props" {\n    filename "props.project"\n}\nContext "set" {\n    TextureMapFile {\n        name "bench"\n        filename "bench.png"\n    }\n}\n`);
  await f('ref/props.project', `${head}Context "back" {\n    filename "D:/projects/cl/ref/set.project"\n}\nContext "props" {\n    TextureMapFile {\n        name "prop"\n        filename "$PDIR/tex/prop.png"\n    }\n}\n`);
  const scene = await f('main.project', `${head}Context "set" {
    filename "D:/projects/cl/ref/set.project"
}
Context "scene" {
    TextureStreamedMapFile {
        name "wood"
        filename "$PDIR/tex/wood.<UDIM>.exr"
    }
    TextureMapFile {
        name "logo"
        filename "D:\\\\Projects\\\\CL\\\\tex\\\\logo.png"
    }
    TextureMapFile {
        name "rel"
        filename "tex/rel.png"
    }
    GeometryAbcMesh {
        name "anim"
        filename "/mnt/old/cache/anim.abc"
    }
    TextureMapFile {
        name "gone"
        filename "D:/other/gone.exr"
    }
    Image {
        name "beauty"
        first_frame 1
        last_frame 3
    }
}
`);
  return {
    scene: fwd(scene),
    root,
    pathMap: { 'D:/projects/cl': root },
    uploads: {
      'ref/set.project': ['D:/projects/cl/ref/set.project'],
      'tex/wood.1001.exr': [`${root}/tex/wood.1001.exr`],
      'tex/wood.1002.exr': [`${root}/tex/wood.1002.exr`],
      'tex/logo.png': ['D:/Projects/CL/tex/logo.png'],
      'tex/rel.png': [`${root}/tex/rel.png`],
      'ref/props.project': [`${root}/ref/props.project`],
      'ref/bench.png': [`${root}/ref/bench.png`],
      'tex/prop.png': [`${root}/tex/prop.png`],
      'main.project': [`${root}/main.project`],
    },
  };
}
