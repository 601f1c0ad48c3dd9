// Scenes that "moved between machines", built on disk for the resolver tests and the live-walk
// comparison: saved with absolute paths of another OS/drive, while the files sit beside the scene,
// in the project's folders, in a dirmapped or user-mapped folder; plus a reference chain
// .ma → .mb → .ma with a cycle back, and one file no rule finds.
import path from 'node:path';
import { buildHda, buildHip, nodeEntries, sceneEntries } from './hip-builder';
import { buildMb } from './mb-builder';
import type { TempTree } from './temp-dir';

const fwd = (p: string): string => p.replace(/\\/g, '/');

export interface MovedScene {
  scene: string;
  root: string;
  /**
   * The same scene open in the DCC, as the stand-in host loads it (test/python/standins): values as
   * saved, nodes of references with the file they came from, the session's own maps.
   */
  session: Record<string, unknown>;
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
file -rdi 2 -ns "leg" -rfn "chair:legRN" -typ "mayaBinary" "C:/old/parts/leg.mb";
file -rdi 3 -ns "screw" -rfn "chair:leg:screwRN" -typ "mayaAscii" "screw.ma";
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
  const file = (ftn: string, extra: Record<string, unknown> = {}) => ({ type: 'file', attrs: { fileTextureName: ftn, uvTilingMode: 0 }, ...extra });
  const session = {
    scene: fwd(scene), version: '2022', workspace: `${root}/`, plugins: { mtoa: '5.1.0' },
    dirmap: { enabled: true, mappings: [['Z:/cache', `${root}/mapped/cache`]] }, // set by the script node on open
    nodes: {
      logo: file('D:/projects/shot/tex/logo.png', { found: `${root}/scenes/logo.png` }),
      wood: { type: 'file', attrs: { fileTextureName: 'D:/projects/shot/maps/wood.1001.exr', computedFileTextureNamePattern: 'D:/projects/shot/maps/wood.<UDIM>.exr', uvTilingMode: 3 } },
      bark: file('/mnt/studio/shot/sourceimages/sub/bark.png', { found: `${root}/sourceimages/sub/bark.png` }),
      anim: { type: 'AlembicNode', attrs: { abc_File: 'Z:/cache/anim.abc' }, found: `${root}/mapped/cache/anim.abc` },
      hdr: { type: 'aiImage', attrs: { filename: 'd:/projects/assets/env/hdr.exr' } }, // Maya knows no user map
      rmanLogo: { type: 'PxrTexture', attrs: { filename: '\\\\studio\\share\\shot\\tex\\logo.png' } },
      rsNormal: { type: 'RedshiftNormalMap', attrs: { tex0: 'D:/projects/shot/maps/normal.png' } },
      gone: file('D:/projects/shot/tex/gone.png'),
      'chair:seat': file('sourceimages/seat.png', { file: `${root}/scenes/chair.ma` }),
      'chair:leg:legTex': file('D:/old/parts/leg_tex.png', { file: `${root}/scenes/parts/leg.mb` }),
      'chair:leg:screw:screwTex': file('screw.png', { file: `${root}/scenes/parts/screw.ma` }),
    },
    references: {
      chairRN: { file: `${root}/scenes/chair.ma`, unresolved: 'D:/projects/shot/scenes/chair.ma' },
      'chair:legRN': { file: `${root}/scenes/parts/leg.mb`, unresolved: 'C:/old/parts/leg.mb', parent: `${root}/scenes/chair.ma` },
      'chair:leg:screwRN': { file: `${root}/scenes/parts/screw.ma`, unresolved: 'screw.ma', parent: `${root}/scenes/parts/leg.mb` },
      // the cycle back: Maya leaves it unloaded
      'chair:leg:screw:chairRN': { file: `${root}/scenes/chair.ma`, unresolved: 'D:/projects/shot/scenes/chair.ma', parent: `${root}/scenes/parts/screw.ma`, loaded: false },
    },
  };
  return {
    scene: fwd(scene),
    root,
    session,
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
  await f('tex/hda_tex.rat');
  await f('tex/tool_tex.rat');
  // the assets' own networks read textures relative to the scene's $HIP
  await f('otls/my_thing.hda', buildHda('my::Sop/thing::1', nodeEntries('file1', 'file', { filemode: ['read'], file: ['$HIP/tex/hda_tex.rat'] })));
  await f('hda/tool.hda', buildHda('other::Sop/tool::1', nodeEntries('file1', 'file', { filemode: ['read'], file: ['D:/projects/fx/tex/tool_tex.rat'] }), true));
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
  const env = { HOUDINI_PATHMAP: `{"D:/library": "${top}/lib"}`, HOUDINI_GEOMETRY_PATH: `${top}/geolib;&` };
  const fileParm = (value: string) => ({ value, file: true });
  const session = {
    hip: fwd(scene), version: '19.5.303', frame_range: [1, 2], frame: 1,
    // $JOB as a studio sets it on this machine (Houdini keeps the saved one otherwise; the static reader rebases it)
    env: { ...env, JOB: `${top}/here` },
    hdas: [`${root}/otls/my_thing.hda`, `${root}/hda/tool.hda`], // where Houdini loaded them from ($HIP/otls, $HIP/hda)
    nodes: [
      { path: '/obj/geo1', type: 'Object/geo', parms: {} },
      { path: '/obj/geo1/sim', type: 'Sop/file', parms: { file: fileParm('$HIP/geo/sim.$F4.bgeo.sc') } },
      { path: '/obj/geo1/rock', type: 'Sop/file', parms: { file: fileParm('\\\\nas\\assets\\rock.bgeo') } },
      { path: '/obj/geo1/grid', type: 'Sop/file', parms: { file: fileParm('grid.bgeo') } },
      { path: '/obj/geo1/thing1/file1', type: 'Sop/file', parms: { file: fileParm('$HIP/tex/hda_tex.rat') } }, // inside the HDA instances
      { path: '/obj/geo1/tool1/file1', type: 'Sop/file', parms: { file: fileParm('D:/projects/fx/tex/tool_tex.rat') } },
      { path: '/mat/wood', type: 'Vop/principledshader::2.0', parms: { basecolor_texture: fileParm('$JOB/fx/tex/wood.<UDIM>.rat'), rough_texture: fileParm('tex/rel.rat') } },
      { path: '/mat/sky', type: 'Vop/principledshader::2.0', parms: { basecolor_texture: fileParm('D:/library/hdri/sky.hdr') } },
      { path: '/mat/logo', type: 'Vop/principledshader::2.0', parms: { basecolor_texture: fileParm('D:/projects/fx/tex/logo.png') } },
      { path: '/mat/gone', type: 'Vop/principledshader::2.0', parms: { basecolor_texture: fileParm('D:/projects/fx/tex/gone.rat') } },
      { path: '/obj/cam1', type: 'Object/cam', parms: { resx: 640, resy: 360 }, tuples: { res: ['resx', 'resy'] } },
      { path: '/out/mantra1', type: 'Driver/ifd', parms: { vm_picture: fileParm('$HIP/render/$HIPNAME.$F4.exr'), camera: '/obj/cam1', trange: { menu: ['off', 'normal', 'on'], value: 1 }, f1: 1, f2: 2, f3: 1 }, tuples: { f: ['f1', 'f2', 'f3'] } },
    ],
  };
  return {
    scene: fwd(scene),
    root,
    session,
    env,
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
      'otls/my_thing.hda': [`${root}/otls/my_thing.hda`],
      'tex/hda_tex.rat': [`${root}/tex/hda_tex.rat`],
      'hda/tool.hda': [`${root}/hda/tool.hda`],
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
  const fileAttr = (value: string) => ({ filename: { type: 'file', value } });
  const session = {
    project: fwd(scene), version: '4.0 SP3', frame_range: [1, 3],
    // Clarisse cannot load the moved reference; the sidecar reads it (get_path_attrs never shows its inside)
    contexts: [{ path: 'project://set', reference: true, filename: 'D:/projects/cl/ref/set.project' }],
    objects: [
      { path: 'project://scene/beauty', class: 'Image', attrs: { first_frame: { type: 'long', value: 1 }, last_frame: { type: 'long', value: 3 } } },
      { path: 'project://scene/wood', class: 'TextureStreamedMapFile', attrs: fileAttr('$PDIR/tex/wood.<UDIM>.exr') },
      { path: 'project://scene/logo', class: 'TextureMapFile', attrs: fileAttr('D:\\Projects\\CL\\tex\\logo.png') },
      { path: 'project://scene/rel', class: 'TextureMapFile', attrs: fileAttr('tex/rel.png') },
      { path: 'project://scene/anim', class: 'GeometryAbcMesh', attrs: fileAttr('/mnt/old/cache/anim.abc') },
      { path: 'project://scene/gone', class: 'TextureMapFile', attrs: fileAttr('D:/other/gone.exr') },
    ],
  };
  return {
    scene: fwd(scene),
    root,
    session,
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
