import { JobFileError } from './errors';

/** Drive letter → mapped root (from G_WIN_MNT_MAP), e.g. { G: "//nas/projects" }. */
export type WinMntMap = Record<string, string>;

export interface ConvertPathOptions {
  /** Drive mapping; defaults to parsing `process.env.G_WIN_MNT_MAP`. Pass `{}` to disable. */
  winMntMap?: WinMntMap;
}

/**
 * Parses G_WIN_MNT_MAP: either a JSON object `{"G:": "\\\\nas\\projects"}` or pairs
 * `G:=\\nas\projects;H:=//srv/share` (separator `;` or newline). Keys are upper-cased drive letters.
 */
export function parseWinMntMap(value: string | undefined): WinMntMap {
  const map: WinMntMap = {};
  if (!value || !value.trim()) return map;
  const add = (drive: string, root: string): void => {
    const letter = drive.trim().replace(/:$/, '').toUpperCase();
    if (/^[A-Z]$/.test(letter) && root.trim()) map[letter] = root.trim();
  };
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      const obj = JSON.parse(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') add(k, v);
      return map;
    } catch {
      return map;
    }
  }
  for (const pair of text.split(/[;\n]/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) add(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return map;
}

/** The folder name a mapped root stands for: its last path segment (`//nas/projects` → `projects`). */
function mappedFolder(root: string): string {
  const parts = root.replace(/\\/g, '/').split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * Local path → server path (spec/api.md §6.4), with the old SDK's bugs fixed:
 * - `D:\a\b.png` → `/D/a/b.png` (only the drive colon is removed; the drive's case is kept);
 * - UNC `\\srv\share\x` and `//srv/share/x` → `/srv/share/x`; `\\?\C:\x` and `\\?\UNC\srv\x` likewise;
 * - POSIX `/mnt/x` → `/mnt/x` (the old SDK dropped the leading slash);
 * - a relative path gets a leading slash instead of losing its first character;
 * - with G_WIN_MNT_MAP, a mapped drive letter is replaced by the mapped folder's name when that name
 *   is longer than one letter (`G:/shot/a.exr` with G → `\\nas\projects` → `/projects/shot/a.exr`).
 */
export function convertPath(local: string, options: ConvertPathOptions = {}): string {
  if (typeof local !== 'string' || local.length === 0) {
    throw new JobFileError('ERR_BAD_PATH', 'An empty path cannot be mapped to a server path; pass the full local path.');
  }
  let p = local.replace(/\\/g, '/');
  if (p.startsWith('//?/UNC/')) p = '//' + p.slice('//?/UNC/'.length);
  else if (p.startsWith('//?/') || p.startsWith('//./')) p = p.slice(4);
  if (/^[A-Za-z]:/.test(p)) {
    const drive = p[0]!;
    const rest = p.slice(2).replace(/^\/*/, '');
    const map = options.winMntMap ?? parseWinMntMap(process.env.G_WIN_MNT_MAP);
    const root = map[drive.toUpperCase()];
    const folder = root ? mappedFolder(root) : '';
    const head = folder.length > 1 ? folder : drive;
    return rest ? `/${head}/${rest}` : `/${head}`;
  }
  if (p.startsWith('//')) return '/' + p.replace(/^\/+/, '');
  if (p.startsWith('/')) return p;
  return '/' + p;
}
