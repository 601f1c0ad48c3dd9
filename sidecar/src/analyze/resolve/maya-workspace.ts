/**
 * A Maya project as the resolver needs it (spec/path-resolution.md §1.3): the root R and the
 * folders of its file rules, read from `workspace.mel` (`workspace -fr "<rule>" "<value>";`), with
 * the defaults of a new project when the file or a rule is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The rules of a new Maya project (Maya 2016/2020 project definitions). */
export const DEFAULT_FILE_RULES: ReadonlyArray<[string, string]> = [
  ['sourceImages', 'sourceimages'], ['scene', 'scenes'], ['mayaAscii', 'scenes'], ['mayaBinary', 'scenes'],
  ['offlineEdit', 'scenes/edits'], ['images', 'images'], ['sound', 'sound'], ['audio', 'sound'],
  ['fileCache', 'cache/nCache'], ['fluidCache', 'cache/nCache/fluid'], ['particles', 'cache/particles'],
  ['Alembic', 'data'], ['OBJ', 'data'], ['FBX', 'data'], ['ASS', 'data'], ['diskCache', 'data'],
  ['3dPaintTextures', 'sourceimages/3dPaintTextures'], ['renderData', 'renderData'], ['templates', 'assets'],
  ['scripts', 'scripts'], ['movie', 'movies'], ['autoSave', 'autosave'], ['clips', 'clips'],
];

/** The file rules tried first for each kind of reference; all other rule folders follow. */
export const RULES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  texture: ['sourceImages', '3dPaintTextures'],
  image: ['sourceImages', 'images'],
  scene_reference: ['scene', 'mayaAscii', 'mayaBinary', 'templates'],
  cache: ['fileCache', 'diskCache', 'particles'],
  alembic: ['Alembic', 'fileCache'],
  geometry: ['OBJ', 'FBX', 'Alembic'],
  procedural: ['ASS'],
  vdb: ['diskCache', 'fileCache'],
};

export interface MayaProject {
  root: string;
  /** Rule name → its folders (absolute), in workspace.mel order then the defaults not overridden. */
  rules: Map<string, string[]>;
}

/** The nearest folder at or above `dir` holding a workspace.mel (farms and the old SDK do the same). */
export function findProjectRoot(dir: string): string | undefined {
  for (let d = dir, i = 0; i < 64; i += 1) {
    if (existsSync(path.join(d, 'workspace.mel'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

/** Splits a rule value holding several folders (`;`, or `:` when it is no drive letter's colon). */
function splitFolders(value: string): string[] {
  return value.split(/;|:(?![\\/])/).filter((v) => v !== '' || value === '');
}

/** `workspace -fr "name" "value";` pairs of a workspace.mel text, in order. */
export function parseFileRules(mel: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /\bworkspace\s+(?:-fr|-fileRule)\s+"((?:\\.|[^"\\])*)"\s+"((?:\\.|[^"\\])*)"\s*;/g;
  for (const m of mel.replace(/\/\/[^\n]*/g, '').matchAll(re)) out.push([m[1]!.replace(/\\(.)/g, '$1'), m[2]!.replace(/\\(.)/g, '$1')]);
  return out;
}

/** The project at `root`: its workspace.mel rules (an empty value means the root), then the defaults. */
export function loadMayaProject(root: string): MayaProject {
  let mel = '';
  try {
    mel = readFileSync(path.join(root, 'workspace.mel'), 'utf8');
  } catch {
    // no workspace.mel: a new project's defaults
  }
  const rules = new Map<string, string[]>();
  for (const [name, value] of [...parseFileRules(mel), ...DEFAULT_FILE_RULES]) {
    if (rules.has(name)) continue;
    rules.set(name, splitFolders(value).map((v) => path.resolve(root, v)));
  }
  return { root, rules };
}

/** The rule folders for a kind: its own rules first, then every other folder once. */
export function folderOrder(project: MayaProject, kind: string): Array<{ dir: string; rule: string }> {
  const first = RULES_BY_KIND[kind] ?? [];
  const names = [...first.filter((n) => project.rules.has(n)), ...[...project.rules.keys()].filter((n) => !first.includes(n))];
  const seen = new Set<string>();
  const out: Array<{ dir: string; rule: string }> = [];
  for (const rule of names) {
    for (const dir of project.rules.get(rule)!) {
      if (seen.has(dir) || dir === project.root) continue;
      seen.add(dir);
      out.push({ dir, rule });
    }
  }
  return out;
}
