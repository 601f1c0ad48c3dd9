/**
 * The files a Clarisse project reads: reference contexts (a context with a `filename`), the path
 * attributes of file classes (TextureMapFile, GeometryPolyfile, Alembic …: `filename`,
 * `filename_open` …), and any other string attribute shaped like a file path. Outputs (`save_as`,
 * deep output paths) are not references. Paths stay raw ($PDIR, ####, $4F, <UDIM> unexpanded).
 */
import type { FileReference, ReferenceKind } from '../../../../../protocol/src/scene';
import { itemPath } from './item-paths';
import type { ClarisseObject, ProjectModel } from './project-model';

/** Attributes that name an output or a UI file, never an input. */
const OUTPUT_ATTR = /save|output|blast|^render_|^log/i;
const PATH_ATTR = /^(filename|filename_open|file|file_name|path|.*_filename|.*_file|.*_path)$/i;
const FRAME_TOKEN = /#+|\$\d*F\b|<f>|<frame>|%0?\d*d/i;

/** True when the value names a frame sequence by its tokens. */
export function hasFrameToken(path: string): boolean {
  return FRAME_TOKEN.test(path);
}

function looksLikePath(v: string): boolean {
  if (v.length < 3 || v.length > 4096 || /[\n\r]/.test(v) || v.startsWith('project:/')) return false;
  return /[\\/]/.test(v) && /\.[A-Za-z0-9]{1,8}$/.test(v);
}

function kindOf(cls: string, path: string): ReferenceKind {
  const ext = /\.([A-Za-z0-9]+)(?:\.gz)?$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (ext === 'project') return 'scene_reference';
  if (ext === 'abc' || /Alembic|Abc/.test(cls)) return 'alembic';
  if (ext.startsWith('usd') || /Usd/.test(cls)) return 'usd';
  if (ext === 'vdb' || /Volume|Vdb/i.test(cls)) return 'vdb';
  if (/^Texture|Map/.test(cls)) return 'texture';
  if (/^Geometry/.test(cls)) return 'geometry';
  if (['exr', 'tx', 'tif', 'tiff', 'png', 'jpg', 'jpeg', 'hdr', 'tga', 'psd'].includes(ext)) return 'texture';
  if (['obj', 'lwo', 'fbx', 'ply', 'stl'].includes(ext)) return 'geometry';
  return 'other';
}

function objectRefs(o: ClarisseObject): FileReference[] {
  const out: FileReference[] = [];
  for (const [attr, values] of o.attrs) {
    if (OUTPUT_ATTR.test(attr)) continue;
    const named = PATH_ATTR.test(attr);
    for (const v of values) {
      if (!v.quoted || v.text.trim() === '') continue;
      if (!(named ? !v.text.startsWith('project:/') && /[./\\]/.test(v.text) : looksLikePath(v.text))) continue;
      const ref: FileReference = { node: itemPath(o), parm: attr, path: v.text, kind: kindOf(o.cls, v.text) };
      if (hasFrameToken(v.text)) ref.sequence = true;
      if (o.expressions?.has(attr)) ref.needsDcc = true;
      out.push(ref);
    }
  }
  return out;
}

/** All file references of the project, reference contexts first, without duplicates. */
export function collectReferences(model: ProjectModel): FileReference[] {
  const out: FileReference[] = [];
  const seen = new Set<string>();
  const add = (r: FileReference): void => {
    const key = `${r.node}\u0000${r.parm}\u0000${r.path}`;
    if (!seen.has(key)) { seen.add(key); out.push(r); }
  };
  for (const ctx of model.contexts) {
    const file = ctx.attrs.get('filename')?.find((t) => t.quoted && t.text !== '');
    if (file) add({ node: `project://${ctx.path}`, parm: 'filename', path: file.text, kind: kindOf('Context', file.text) });
  }
  for (const o of model.objects) objectRefs(o).forEach(add);
  return out;
}
