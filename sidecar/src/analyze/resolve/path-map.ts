/**
 * Path maps as data (spec/path-resolution.md §4): the user's map in any of its spellings, Maya
 * `dirmap` lines, `HOUDINI_PATHMAP`, all become one rule list. Applying a map gives candidate paths,
 * longest matching source first, matched by whole components (WINDOWS sources: either slash and any
 * case; POSIX sources: exact), with the rest of the path appended to the destination.
 */
import { PathMapInput, type PathMapRule } from '../../../../protocol/src/path-map';
import { PathMapError } from '../errors';
import { isUnder, isWindowsAbsolute, parsePathForm, toSlashes, type PathForm } from './path-forms';

export type { PathMapRule };

const formatOf = (rule: PathMapRule): 'WINDOWS' | 'POSIX' => rule.sourcePathFormat ?? (isWindowsAbsolute(rule.sourcePath) ? 'WINDOWS' : 'POSIX');

/**
 * The user's map (a `{src: dst}` object, a rule list or an OJD document, or its JSON text) as rules
 * with origin `user`; PathMapError when it is none of these or a source is not an absolute path.
 */
export function normalizePathMap(input: unknown): PathMapRule[] {
  if (input === undefined || input === null || input === '') return [];
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (err) {
      throw new PathMapError(`The path map is not valid JSON (${(err as Error).message}); write it as {"D:/projects": "/mnt/projects"}.`);
    }
  }
  const parsed = PathMapInput.safeParse(value);
  if (!parsed.success) {
    throw new PathMapError('The path map must be {"<saved folder>": "<folder here>"} such as {"D:/projects": "/mnt/projects"}, a list of {sourcePath, destinationPath} rules, or an OJD path-mapping document.', { details: {
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    } });
  }
  const data = parsed.data;
  const rules: PathMapRule[] = Array.isArray(data)
    ? data.map((r) => ({ ...r, origin: r.origin ?? 'user' }))
    : 'path_mapping_rules' in data && Array.isArray(data.path_mapping_rules)
      ? data.path_mapping_rules.map((r) => ({
        ...(r.source_path_format ? { sourcePathFormat: r.source_path_format } : {}),
        sourcePath: r.source_path, destinationPath: r.destination_path, origin: 'user',
      }))
      : Object.entries(data as Record<string, string>).map(([sourcePath, destinationPath]) => ({ sourcePath, destinationPath, origin: 'user' }));
  for (const r of rules) {
    if (parsePathForm(r.sourcePath).kind === 'relative') {
      throw new PathMapError(`Path map source "${r.sourcePath}" is not an absolute path; map whole folders such as "D:/projects" or "/mnt/projects".`, { details: { sourcePath: r.sourcePath } });
    }
  }
  return rules;
}

/**
 * `HOUDINI_PATHMAP`: a Python-style dict string, `{"D:/proj": "/mnt/proj"}` or with single quotes
 * (what Deadline writes). Unreadable values give no rules (Houdini would ignore them too).
 */
export function parseHoudiniPathmap(value: string | undefined): PathMapRule[] {
  if (!value || !value.trim()) return [];
  const rules: PathMapRule[] = [];
  const pair = /(["'])((?:\\.|(?!\1).)*)\1\s*:\s*(["'])((?:\\.|(?!\3).)*)\3/g;
  for (const m of value.matchAll(pair)) {
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
    const sourcePath = unescape(m[2]!);
    const destinationPath = unescape(m[4]!);
    if (sourcePath && destinationPath) rules.push({ sourcePath, destinationPath, origin: 'HOUDINI_PATHMAP' });
  }
  return rules;
}

/**
 * Maya `dirmap -m "<from>" "<to>"` (also `-mapDirectory`) commands in MEL text, e.g. a script
 * node run on open. Maya compares dirmap entries case-sensitively on every OS (spec §1.4).
 */
export function parseMayaDirmap(mel: string): PathMapRule[] {
  const rules: PathMapRule[] = [];
  const cmd = /\bdirmap\b[^;]*?-(?:m|mapDirectory)\s+"((?:\\.|[^"\\])*)"\s+"((?:\\.|[^"\\])*)"/g;
  for (const m of mel.matchAll(cmd)) {
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
    rules.push({ sourcePathFormat: 'POSIX', sourcePath: unescape(m[1]!), destinationPath: unescape(m[2]!), origin: 'dirmap' });
  }
  return rules;
}

/** One candidate from a map: the mapped path, the rule, and how many trailing components it kept. */
export interface MappedPath {
  path: string;
  /** The rule's destination folder (forward slashes, no trailing one). */
  destination: string;
  rule: PathMapRule;
  kept: number;
}

function sourceForm(rule: PathMapRule): { form: PathForm; ci: boolean } {
  const windows = formatOf(rule) === 'WINDOWS';
  return { form: parsePathForm(rule.sourcePath), ci: windows };
}

/**
 * Every rule that covers `p`, longest source first (OJD order), each as the mapped path. A Windows
 * source also matches the same folder saved with `\` or another letter case.
 */
export function applyPathMap(rules: readonly PathMapRule[], p: string): MappedPath[] {
  const form = parsePathForm(p);
  const hits: Array<MappedPath & { length: number }> = [];
  for (const rule of rules) {
    const { form: src, ci } = sourceForm(rule);
    if (!isUnder(form, src, ci)) continue;
    const rest = form.segments.slice(src.segments.length);
    const dest = toSlashes(rule.destinationPath).replace(/\/+$/, '');
    hits.push({ path: rest.length ? `${dest}/${rest.join('/')}` : dest, destination: dest || '/', rule, kept: rest.length, length: src.segments.length });
  }
  return hits.sort((a, b) => b.length - a.length).map(({ length: _length, ...hit }) => hit);
}

/** How a rule is named in a tip: `the user path map D:/projects → /mnt/projects`. */
export function describeRule(rule: PathMapRule): string {
  const origin = rule.origin === 'dirmap' ? 'the scene\'s dirmap' : rule.origin === 'HOUDINI_PATHMAP' ? 'HOUDINI_PATHMAP' : 'the user path map';
  return `${origin} ${rule.sourcePath} → ${rule.destinationPath}`;
}
