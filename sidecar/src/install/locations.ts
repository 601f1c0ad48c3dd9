/**
 * Where each host keeps its per-user, per-version settings (host-apis.md §1.7, §2.8, §3.6):
 * Houdini `houdiniXX.Y` pref dirs, Maya `maya/<version>` (or MAYA_APP_DIR), Clarisse's config dir.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PluginHost } from './types';

export interface VersionDir {
  version: string;
  dir: string;
}

export interface Layout {
  home: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Sub-folders of `parent` whose name matches `pattern`; group 1 is the version. */
function versionDirs(parent: string, pattern: RegExp): VersionDir[] {
  if (!isDir(parent)) return [];
  return readdirSync(parent)
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((e) => e.m !== null && isDir(path.join(parent, e.name)))
    .map((e) => ({ version: (e.m as RegExpExecArray)[1], dir: path.join(parent, e.name) }))
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}

/** Houdini user pref dirs: HOUDINI_USER_PREF_DIR, or every `houdiniXX.Y` in the OS's usual parent. */
export function houdiniPrefDirs({ home, platform, env }: Layout): { searched: string; found: VersionDir[] } {
  const explicit = env.HOUDINI_USER_PREF_DIR;
  if (explicit) {
    const m = /(\d+\.\d+)/.exec(explicit);
    return { searched: explicit, found: isDir(explicit) ? [{ version: m?.[1] ?? '', dir: explicit }] : [] };
  }
  if (platform === 'darwin') {
    const parent = path.join(home, 'Library', 'Preferences', 'houdini');
    return { searched: parent, found: versionDirs(parent, /^(\d+\.\d+)$/) };
  }
  const parent = platform === 'win32' ? path.join(home, 'Documents') : home;
  return { searched: path.join(parent, 'houdiniXX.Y'), found: versionDirs(parent, /^houdini(\d+\.\d+)$/) };
}

/** Maya app dir (MAYA_APP_DIR or the OS default) and its `<year>` version folders. */
export function mayaVersionDirs({ home, platform, env }: Layout): { searched: string; found: VersionDir[] } {
  const appDir = env.MAYA_APP_DIR
    ? env.MAYA_APP_DIR
    : platform === 'darwin'
      ? path.join(home, 'Library', 'Preferences', 'Autodesk', 'maya')
      : platform === 'win32'
        ? path.join(home, 'Documents', 'maya')
        : path.join(home, 'maya');
  return { searched: appDir, found: versionDirs(appDir, /^(\d{4}(?:\.\d+)?)$/) };
}

/** Clarisse per-user config folders `<ver>` (holding clarisse.env). */
export function clarisseConfigDirs({ home, platform, env }: Layout): { searched: string; found: VersionDir[] } {
  const parent =
    platform === 'win32'
      ? path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Isotropix', 'Clarisse')
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Preferences', 'Isotropix', 'Clarisse')
        : path.join(home, '.isotropix', 'clarisse');
  return { searched: parent, found: versionDirs(parent, /^(\d+\.\d+(?:[._ ]?sp\d+)?)$/i) };
}

/** Per-host version folders. */
export function hostDirs(host: PluginHost, layout: Layout): { searched: string; found: VersionDir[] } {
  if (host === 'houdini') return houdiniPrefDirs(layout);
  if (host === 'maya') return mayaVersionDirs(layout);
  return clarisseConfigDirs(layout);
}

/** True when `p` exists. */
export const exists = (p: string): boolean => existsSync(p);
