/**
 * Maya's fallback order for a file texture, reference, cache or any other path (MFileObject
 * kInputFile / kInputReference; spec/path-resolution.md §1.2), as data: the first rule whose
 * candidate exists wins. Folders: the folder of the file that names the path (Maya's current
 * directory when it opens that file), the project's file-rule folders for the kind of file
 * (sourceimages/ for textures, scenes/ for references …, then every other rule), the project root.
 */
import path from 'node:path';
import { folderOrder } from './maya-workspace';
import { exactRule, fileNameRule, pathMapRule, suffixRule, uniqueFolders, type Folder, type FolderList, type Rule } from './rules';

const rel = (root: string, dir: string): string => path.relative(root, dir).replace(/\\/g, '/');

/** Owner folder, file-rule folders for the kind, project root. */
export const mayaFolders: FolderList = (subject, scope) => {
  const owner: Folder = { dir: scope.ownerDir, label: `beside ${scope.ownerLabel}` };
  const project = scope.project;
  if (!project) return [owner];
  const rules = folderOrder(project, subject.kind).map((f) => ({ dir: f.dir, label: `in ${rel(project.root, f.dir)}/ (the project's ${f.rule} rule)` }));
  return uniqueFolders([owner, ...rules, { dir: project.root, label: 'in the project root' }]);
};

/** M2 exact, M3 dirmap (and the user's map), M5 relative to the project, M6 base name. M4/M8 are session state. */
export const MAYA_RULES: readonly Rule[] = [
  exactRule('M2', mayaFolders),
  pathMapRule('M3'),
  suffixRule('M5', mayaFolders, { minKept: 2 }),
  fileNameRule('M6', mayaFolders),
];
