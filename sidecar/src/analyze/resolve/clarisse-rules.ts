/**
 * Clarisse's order (spec/path-resolution.md §3), as data: variables expanded ($PDIR = the project's
 * folder, $CDIR = the folder of the file that names the path), an absolute path as written, a relative
 * one against the folder of the project that names it, then the user's map. Clarisse has no map and
 * no search of its own: its Path Manager repairs by hand, so anything else is missing.
 */
import { exactRule, pathMapRule, uniqueFolders, type FolderList, type Rule } from './rules';

const projectFolders: FolderList = (_subject, scope) =>
  uniqueFolders([
    { dir: scope.ownerDir, label: scope.ownerLabel === 'the scene' ? 'beside the project' : `beside ${scope.ownerLabel}` },
    { dir: scope.sceneDir, label: 'beside the project' },
  ]);

/** C2/C3 as saved (relative to the project), C5 the user's map. */
export const CLARISSE_RULES: readonly Rule[] = [exactRule('C2', projectFolders), pathMapRule('C5')];
