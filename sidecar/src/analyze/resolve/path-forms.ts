/**
 * The shapes a saved path can have, whichever OS wrote it (spec/path-resolution.md §5): Windows
 * drive (`D:/x`, `D:\x`), UNC (`\\srv\share\x`, `//srv/share/x`), long forms (`\\?\C:\x`,
 * `\\?\UNC\srv\share\x`), POSIX absolute (`/mnt/x`) and relative (`tex/a.png`, also `C:x` and `\x`,
 * which Windows itself treats as relative to a current drive or folder).
 */

export type PathRootKind = 'drive' | 'unc' | 'posix' | 'relative';

export interface PathForm {
  kind: PathRootKind;
  /** `D:` (the drive letter as saved), `//srv/share`, `/` or `''`. */
  root: string;
  /** The components after the root, split on both `/` and `\` (empty ones dropped). */
  segments: string[];
}

/** `\` → `/`, long prefixes dropped (`//?/UNC/srv` → `//srv`, `//?/C:` → `C:`). */
export function toSlashes(p: string): string {
  let s = p.replace(/\\/g, '/');
  if (/^\/\/[?.]\/UNC\//i.test(s)) s = '//' + s.slice(8);
  else if (/^\/\/[?.]\/[A-Za-z]:/.test(s)) s = s.slice(4);
  return s;
}

/** Splits a saved path into its root and components. */
export function parsePathForm(p: string): PathForm {
  const s = toSlashes(p);
  const split = (rest: string): string[] => rest.split('/').filter((x) => x !== '');
  const drive = /^([A-Za-z]):\/(.*)$/s.exec(s);
  if (drive) return { kind: 'drive', root: `${drive[1]!}:`, segments: split(drive[2]!) };
  const unc = /^\/\/([^/]+)\/([^/]+)(?:\/(.*))?$/s.exec(s);
  if (unc) return { kind: 'unc', root: `//${unc[1]}/${unc[2]}`, segments: split(unc[3] ?? '') };
  if (s.startsWith('/') && !s.startsWith('//')) return { kind: 'posix', root: '/', segments: split(s) };
  return { kind: 'relative', root: '', segments: split(s.replace(/^[A-Za-z]:/, '')) };
}

/** True for a Windows absolute form (drive or UNC). */
export function isWindowsAbsolute(p: string): boolean {
  const k = parsePathForm(p).kind;
  return k === 'drive' || k === 'unc';
}

/** True for any absolute form of any OS. */
export function isAbsoluteAnyOs(p: string): boolean {
  return parsePathForm(p).kind !== 'relative';
}

/**
 * True when the path can name a file on this machine as written: POSIX forms on Linux/macOS,
 * drive and UNC forms on Windows (where `/x` means the current drive's root and is also usable).
 * On a POSIX host `D:/x` is only a relative-looking string: it can be found by a map or a fallback.
 */
export function isNativeAbsolute(p: string, platform: NodeJS.Platform = process.platform): boolean {
  const k = parsePathForm(p).kind;
  return platform === 'win32' ? k !== 'relative' : k === 'posix';
}

/** True when `a` equals `b` or lies below it, component-wise (`D:/proj` never covers `D:/projects`). */
export function isUnder(a: PathForm, b: PathForm, caseInsensitive: boolean): boolean {
  const eq = (x: string, y: string): boolean => (caseInsensitive ? x.toLowerCase() === y.toLowerCase() : x === y);
  // drive letters compare case-insensitively on every format (spec §5)
  const rootsEqual = a.kind === 'drive' ? a.root.toLowerCase() === b.root.toLowerCase() : eq(a.root, b.root);
  if (a.kind !== b.kind || !rootsEqual || a.segments.length < b.segments.length) return false;
  return b.segments.every((s, i) => eq(s, a.segments[i]!));
}

/** Joins a root and components back into a forward-slash path. */
export function formatPathForm(form: PathForm): string {
  const rest = form.segments.join('/');
  if (form.kind === 'posix') return '/' + rest;
  if (form.kind === 'relative') return rest;
  return rest ? `${form.root}/${rest}` : `${form.root}/`;
}
