/**
 * What the Houdini static reader knows about node types (spec/analysis.md §3.1): which types render
 * or write (ROPs, caches, distributed sims), their frame/camera/output parms, and which parms hold
 * input files. Types are matched without namespace/version (`labs::filecache::2.0` → `filecache`)
 * unless listed exactly.
 */
import type { ReferenceKind } from '../../../../../protocol/src/scene';

export interface RopType {
  category: 'rop_node' | 'geo_node' | 'distributedsim_node';
  renderer?: string;
  output?: string[];
  camera?: string[];
}

const render = (renderer: string, output: string[], camera = ['camera']): RopType => ({ category: 'rop_node', renderer, output, camera });
const geo = (output: string[]): RopType => ({ category: 'geo_node', output });

export const ROP_TYPES: Record<string, RopType> = {
  ifd: render('mantra', ['vm_picture']),
  arnold: render('arnold', ['ar_picture']),
  Redshift_ROP: render('redshift', ['RS_outputFileNamePrefix'], ['RS_renderCamera']),
  'ris::22': render('renderman', ['ri_display_0']),
  'ris::3.0': render('renderman', ['ri_display_0']),
  ris: render('renderman', ['ri_display_0']),
  'baketexture::3.0': render('mantra', ['vm_uvoutputpicture1']),
  baketexture: render('mantra', ['vm_uvoutputpicture1']),
  Octane_ROP: render('octane', ['HO_img_fileName'], ['HO_renderCamera']),
  vray_renderer: render('vray', ['SettingsOutput_img_file_path'], ['render_camera']),
  karma: render('karma', ['picture']),
  usdrender_rop: render('karma', ['outputimage']),
  usd_rop: { category: 'rop_node', renderer: 'usd', output: ['lopoutput'] },
  usd: { category: 'rop_node', renderer: 'usd', output: ['lopoutput'] },
  opengl: render('opengl', ['picture']),
  geometry: geo(['sopoutput']),
  rop_geometry: geo(['sopoutput']),
  filecache: geo(['file']),
  rop_alembic: geo(['filename']),
  alembic: geo(['filename']),
  rop_fbx: geo(['sopoutput']),
  filmboxfbx: geo(['sopoutput']),
  rop_dop: geo(['dopoutput']),
  dop: geo(['dopoutput']),
  dopio: geo(['file']),
  vellumio: geo(['file']),
  filemerge: geo(['file']),
  rop_vrayproxy: geo(['filepath']),
  Redshift_Proxy_Output: geo(['RS_archive_file']),
  vertex_animation_textures: geo(['path_geo']),
  comp: geo(['copoutput']),
  channel: geo(['chopoutput']),
  hq_sim: { category: 'distributedsim_node' },
  HQ_Sim_Deadline: { category: 'distributedsim_node' },
};

/** Strips a namespace and version: `labs::filecache::2.0` → `filecache`, `qLib::shot_ql::1` → `shot_ql`. */
export function baseType(type: string): string {
  const parts = type.split('::');
  if (parts.length === 1) return type;
  if (parts.length === 2) return /^[\d.]+$/.test(parts[1]!) ? parts[0]! : parts[1]!;
  return parts[1]!;
}

/** ROP types that exist only as output drivers; a same-named SOP (e.g. Sop/alembic) reads files. */
const DRIVER_ONLY = new Set([
  'ifd', 'arnold', 'Redshift_ROP', 'ris', 'baketexture', 'Octane_ROP', 'vray_renderer', 'karma', 'usdrender_rop', 'usd_rop', 'usd',
  'opengl', 'geometry', 'alembic', 'filmboxfbx', 'dop', 'comp', 'channel', 'hq_sim', 'HQ_Sim_Deadline',
]);

/**
 * The ROP description of a node type, if it renders or writes. `inDriverContext` says whether the
 * node sits in /out or a ROP network: driver-only types elsewhere are other operators of that name.
 */
export function ropTypeOf(type: string, inDriverContext = true): RopType | undefined {
  const key = ROP_TYPES[type] ? type : baseType(type);
  const rop = ROP_TYPES[key];
  if (!rop) return undefined;
  if (!inDriverContext && (DRIVER_ONLY.has(key) || DRIVER_ONLY.has(baseType(key)))) return undefined;
  return rop;
}

/** Known input-file parms per (base) node type, with the kind of file. */
export const FILE_PARMS: Record<string, Record<string, ReferenceKind>> = {
  file: { file: 'geometry' },
  alembic: { fileName: 'alembic' },
  alembicarchive: { fileName: 'alembic' },
  alembicxform: { fileName: 'alembic' },
  filecache: { file: 'cache' },
  dopio: { file: 'cache' },
  vellumio: { file: 'cache' },
  dopnet: { explicitcachename: 'cache', playfilesname: 'cache' },
  texture: { map: 'texture' },
  principledshader: { basecolor_texture: 'texture', rough_texture: 'texture', metallic_texture: 'texture', baseNormal_texture: 'texture', emitcolor_texture: 'texture', opaccolor_texture: 'texture' },
  envlight: { env_map: 'texture' },
  hlight: { light_texture: 'texture' },
  cam: { vm_background: 'image' },
  arnold_image: { filename: 'texture' },
  image: { filename: 'texture' },
  arnold_procedural: { ar_filename: 'procedural' },
  'redshift::TextureSampler': { tex0: 'texture' },
  TextureSampler: { tex0: 'texture' },
  usdimport: { filepath1: 'usd' },
  sublayer: { filepath1: 'usd' },
  reference: { filepath1: 'usd' },
  loadlayer: { filepath: 'usd' },
  assetreference: { filepath: 'usd' },
  volume: { file: 'vdb' },
  vdbread: { file: 'vdb' },
  vdb: { file_name: 'vdb' },
  img_file: { filename1: 'image', filename: 'image' },
};

/** Parms never read as inputs (outputs, scripts, caches the render writes) — 2020 analyser + Deadline lists. */
export const EXCLUDED_PARMS = new Set([
  'soho_program', 'soho_diskfile', 'env_skymap', 'shadowmap_file', 'kernelfile', 'cachedir', 'layers', 'filedef', 'cuspfile',
  'inputgeo', 'transformgroups', 'clips', 'rig', 'shapelib', 'vm_dcmfilename', 'vm_dsmfilename', 'ass_file', 'maskname', 'restvolumes',
  'displacefile', 'prerender', 'preframe', 'postframe', 'postwrite', 'postrender', 'taskgraphfile', 'pdg_workingdir',
  'BakeView_img_file_path', 'OutputDeepWriter_file', 'savetodirectory_directory', 'vm_tmpsharedstorage', 'vm_tmplocalstorage',
  'pc_file', 'photon_map', 'photon_prefiltermap', 'vm_picture', 'ar_picture', 'picture', 'sopoutput', 'dopoutput', 'copoutput',
  'chopoutput', 'lopoutput', 'outputimage', 'vm_uvoutputpicture1', 'RS_outputFileNamePrefix', 'SettingsOutput_img_file_path',
  'labelparm', 'pickscript', 'snippet', 'code', 'python', 'script', 'vexsrc', 'cmd', 'command', 'expression', 'sopcode', 'tprerender', 'tpreframe', 'tpostframe', 'tpostrender',
]);

/** Node types whose every parm is skipped (render drivers: their file parms are outputs/scripts). */
export const EXCLUDED_TYPES = new Set(['ifd', 'arnold', 'Redshift_ROP']);

/** Values that are never files to upload: Houdini built-ins, devices, pseudo-paths. */
export function isIgnoredValue(value: string): boolean {
  const v = value.trim();
  if (!v || v === '*') return true;
  if (/^(opdef|oplib|temp|op|ip|md|imdisplay|iprsocket):/i.test(v) || v === 'ip' || v === 'md') return true;
  if (/^\$HFS\b|^\$\{HFS\}/.test(v)) return true;
  if (['Helvetica Bold', 'voplib.h', 'ocean.h', 'voptype.h voplib.h', 'mantra.ifd', 'dcm.rat', 'dsm.rat', 'test.ifd'].includes(v)) return true;
  // Bare names shipped in $HFS/houdini/{geo,pic} (defcam.bgeo, default.pic, butterfly1.pic …).
  if (!/[\\/$]/.test(v) && /^(defcam\.bgeo|defgeo\.bgeo|Mandril\.pic|default\.pic|butterfly\d*\.pic|circle\.pic|squidward\.bgeo|pig\.bgeo|crag\.bgeo|shaderballs?\.bgeo|testgeometry_\w+\.bgeo)$/.test(v)) return true;
  return /\.pc$/i.test(v);
}

/**
 * The 2020 analyser's path score (spec/analysis.md §4.1 rule 3c): UNC +7, drive letter +7, a
 * separator +4 (+1 if several), an extension +5, `$HIP/` +7; a value is a path when > 9.
 */
export function pathScore(value: string): number {
  const v = value.trim();
  // Code and expressions, not paths: statements, assignments, blocks, line comments.
  if (/\s{2,}|\n|[;{}=]|\s\/\//.test(v) || v.length > 1024) return 0;
  let score = 0;
  if (/^(\\\\|\/\/)[^\\/]/.test(v)) score += 7;
  if (/^[A-Za-z]:[\\/]/.test(v)) score += 7;
  const seps = (v.match(/[\\/]/g) ?? []).length;
  if (seps > 0) score += 4 + (seps > 1 ? 1 : 0);
  if (/\.[A-Za-z][A-Za-z0-9]{0,5}(\.(gz|sc|lzma|bz2))?$/.test(v)) score += 5;
  if (/\$\{?(HIP|JOB)\}?[\\/]/.test(v)) score += 7;
  return score;
}

/** Guesses the reference kind from a file extension. */
export function kindOf(value: string): ReferenceKind {
  const v = value.toLowerCase();
  if (/\.(abc)$/.test(v)) return 'alembic';
  if (/\.vdb$/.test(v)) return 'vdb';
  if (/\.(usd|usda|usdc|usdz)$/.test(v)) return 'usd';
  if (/\.(hda|otl|hdanc|hdalc|otlnc|otllc)$/.test(v)) return 'hda';
  if (/\.(ass|ass\.gz|rs|vrscene|vrmesh)$/.test(v)) return 'procedural';
  if (/\.(rat|tx|tex|exr|hdr|jpg|jpeg|png|tif|tiff|tga|pic|bmp|ptex|psd)$/.test(v)) return 'texture';
  if (/\.(bgeo|geo|obj|fbx|ply|bgeo\.sc|bgeo\.gz|bhclassic)$/.test(v)) return 'geometry';
  if (/\.(sim|simdata)$/.test(v)) return 'cache';
  return 'other';
}
