/**
 * The building blocks of the per-host rule lists (maya-rules.ts, houdini-rules.ts,
 * clarisse-rules.ts): each rule turns a saved path into candidate paths, in the order the DCC
 * would try them; the first candidate that names an existing file wins (spec/path-resolution.md §1.2 M9).
 */
import { existsSync } from 'node:fs';
import type { HostName } from '../../../../protocol/src/scene';
import type { Piece } from '../tokens/substitute';
import type { MayaProject } from './maya-workspace';
import { isNativeAbsolute } from './path-forms';
import { applyPathMap, describeRule, type PathMapRule } from './path-map';
import { literalSegment, under, type Subject } from './subject';

/** What a rule may look at besides the path. */
export interface ResolveScope {
  host: HostName;
  sceneDir: string;
  /** Folder of the file that names the path (the scene, or a referenced file). */
  ownerDir: string;
  /** How tips name that file: "the scene" or "chair.ma". */
  ownerLabel: string;
  /** Maya: the project root and its file rules. */
  project?: MayaProject;
  /** Scene/session maps and the user's map, as one list. */
  maps: readonly PathMapRule[];
  /** Houdini: the search path for this kind of file ($HIP first). */
  searchPath?: readonly string[];
  platform: NodeJS.Platform;
}

export interface Candidate {
  pieces: Piece[];
  /** How many trailing components of the saved path the candidate kept (for the server path). */
  kept: number;
  /** Tip wording after "found by": "file name beside the scene". */
  how: string;
  /** False for the path as saved (or a relative path where the DCC documents it): no tip. */
  fallback: boolean;
  /**
   * `found`: the farm's DCC finds the file the same way, relative to the scene (Houdini libraries
   * below $HIP/otls), so it goes to the server path of where it was found, not of the saved path.
   */
  uploadAs?: 'found';
}

export interface Rule {
  /** The spec's id (M2, H3, C2 …) and a name for docs. */
  id: string;
  name: string;
  candidates(subject: Subject, scope: ResolveScope): Candidate[];
}

/** A folder a rule searches, with its name for tips ("beside the scene", "in sourceimages/"). */
export interface Folder {
  dir: string;
  label: string;
}

export type FolderList = (subject: Subject, scope: ResolveScope) => Folder[];

const tail = (subject: Subject, n: number) => subject.tail.slice(subject.tail.length - n);

/**
 * The path as saved: an absolute path of this OS as it is; a relative one under each folder of
 * `relativeTo` in turn. An absolute path of another OS cannot be tried as written (D: means nothing on Linux).
 */
export function exactRule(id: string, relativeTo: FolderList): Rule {
  return {
    id,
    name: 'as saved',
    candidates(subject, scope) {
      if (subject.form.kind !== 'relative') {
        return isNativeAbsolute(subject.display, scope.platform) ? [{ pieces: subject.pieces, kept: subject.tail.length, how: 'its saved path', fallback: false }] : [];
      }
      return relativeTo(subject, scope).map((f) => ({ pieces: under(f.dir, subject.tail), kept: subject.tail.length, how: `the relative path ${f.label}`, fallback: false }));
    },
  };
}

/**
 * Path maps (dirmap, HOUDINI_PATHMAP, the user's map) on an absolute path, longest source first.
 * `inactiveWhenSourceExists`: Houdini's rule that a mapping whose source folder exists here is off.
 */
export function pathMapRule(id: string, options: { inactiveWhenSourceExists?: readonly string[] } = {}): Rule {
  return {
    id,
    name: 'path map',
    candidates(subject, scope) {
      if (subject.form.kind === 'relative') return [];
      return applyPathMap(scope.maps, subject.display)
        .filter((m) => !(options.inactiveWhenSourceExists?.includes(m.rule.origin ?? '') && existsSync(m.rule.sourcePath)))
        .map((m) => ({
          pieces: m.kept === 0 ? [{ lit: m.destination }] : under(m.destination, tail(subject, m.kept)),
          kept: m.kept,
          how: describeRule(m.rule),
          fallback: true,
        }));
    },
  };
}

/**
 * Drop leading components and look for the rest under each folder, longest rest first (Maya's
 * kRelative, "strips away the project directory"). `minKept`: the shortest rest tried;
 * `startsAt`: only rests whose first component matches (Houdini's `otls/…`).
 */
export function suffixRule(id: string, folders: FolderList, options: { minKept?: number; startsAt?: RegExp; when?: (s: Subject) => boolean; uploadAs?: 'found' } = {}): Rule {
  return {
    id,
    name: 'path below a search folder',
    candidates(subject, scope) {
      if (options.when && !options.when(subject)) return [];
      const out: Candidate[] = [];
      const list = folders(subject, scope);
      const longest = subject.tail.length - 1;
      for (let kept = longest; kept >= (options.minKept ?? 2); kept -= 1) {
        const rest = tail(subject, kept);
        const first = literalSegment(rest[0]!);
        if (options.startsAt && !(first && options.startsAt.test(first))) continue;
        const shown = rest.map((s) => s.map((p) => ('lit' in p ? p.lit : '*')).join('')).join('/');
        for (const f of list) out.push({ pieces: under(f.dir, rest), kept, how: `the path ${shown} ${f.label}`, fallback: true, ...(options.uploadAs ? { uploadAs: options.uploadAs } : {}) });
      }
      return out;
    },
  };
}

/** The file name alone in each folder (Maya's kBaseName; Houdini's asset folders for HDAs). */
export function fileNameRule(id: string, folders: FolderList, options: { when?: (s: Subject) => boolean; uploadAs?: 'found' } = {}): Rule {
  return {
    id,
    name: 'file name',
    candidates(subject, scope) {
      if (subject.tail.length === 0 || (options.when && !options.when(subject))) return [];
      if (subject.form.kind === 'relative' && subject.tail.length === 1) return [];
      return folders(subject, scope).map((f) => ({ pieces: under(f.dir, tail(subject, 1)), kept: 1, how: `file name ${f.label}`, fallback: true, ...(options.uploadAs ? { uploadAs: options.uploadAs } : {}) }));
    },
  };
}

/** Folders once each, first label wins. */
export function uniqueFolders(folders: Folder[]): Folder[] {
  const seen = new Set<string>();
  return folders.filter((f) => (seen.has(f.dir) ? false : (seen.add(f.dir), true)));
}
