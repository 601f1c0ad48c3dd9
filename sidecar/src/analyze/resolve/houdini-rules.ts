/**
 * Houdini's order for a parm path (spec/path-resolution.md §2.2), as data: expanded ($HIP follows
 * the scene, $JOB is rebased), as saved, then HOUDINI_PATHMAP and the user's map (a mapping whose
 * source folder exists here is off, as `pathmap` says "Not active"); a relative path on the search
 * path ($HIP, then HOUDINI_TEXTURE_PATH / HOUDINI_GEOMETRY_PATH / HOUDINI_PATH entries). Houdini has no
 * base-name search for ordinary files; HDA libraries are also looked for below `otls/` or `hda/`
 * on the Houdini path (the second `.OPfallbacks` form), then by file name there; those are uploaded
 * where they were found, since the farm's Houdini finds them the same way beside the scene.
 */
import path from 'node:path';
import { exactRule, fileNameRule, pathMapRule, suffixRule, uniqueFolders, type FolderList, type Rule } from './rules';
import type { Subject } from './subject';

const isHda = (s: Subject): boolean => s.kind === 'hda';

/** $HIP then the search path entries for the kind of file. */
export const houdiniSearchPath: FolderList = (_subject, scope) =>
  uniqueFolders([{ dir: scope.sceneDir, label: 'in $HIP' }, ...(scope.searchPath ?? []).map((dir) => ({ dir, label: `on the Houdini search path (${dir})` }))]);

/** The asset folders: `otls/` and `hda/` below each Houdini path entry ($HIP first). */
const assetFolders: FolderList = (subject, scope) =>
  houdiniSearchPath(subject, scope).flatMap((f) => [
    { dir: path.join(f.dir, 'otls'), label: `in ${f.label === 'in $HIP' ? '$HIP' : f.dir}/otls` },
    { dir: path.join(f.dir, 'hda'), label: `in ${f.label === 'in $HIP' ? '$HIP' : f.dir}/hda` },
  ]);

/** The environment variables holding the search path for a kind of file (`&` = Houdini's default). */
export function houdiniSearchVariables(kind: string): string[] {
  if (kind === 'texture' || kind === 'image') return ['HOUDINI_TEXTURE_PATH', 'HOUDINI_PATH'];
  if (kind === 'geometry' || kind === 'cache' || kind === 'alembic' || kind === 'vdb') return ['HOUDINI_GEOMETRY_PATH', 'HOUDINI_PATH'];
  if (kind === 'hda') return ['HOUDINI_OTLSCAN_PATH', 'HOUDINI_PATH'];
  return ['HOUDINI_PATH'];
}

/** H4/H5 as saved (relative on the search path), H3 path maps, H6 HDA libraries on the asset path. */
export const HOUDINI_RULES: readonly Rule[] = [
  exactRule('H4', houdiniSearchPath),
  pathMapRule('H3', { inactiveWhenSourceExists: ['HOUDINI_PATHMAP'] }),
  suffixRule('H6', houdiniSearchPath, { minKept: 2, startsAt: /^(otls|hda)$/i, when: isHda, uploadAs: 'found' }),
  fileNameRule('H6', assetFolders, { when: isHda, uploadAs: 'found' }),
];
