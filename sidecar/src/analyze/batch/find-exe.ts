import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HostName } from '../../../../protocol/src/scene';

export interface ExeSearch {
  host: HostName;
  /** DCC version: Houdini "17.5.293", Maya "2018", Clarisse "clarisse_ifx_4.0_sp3". */
  version?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => undefined))?.isFile() === true;

/** Sub-folders of `dir` whose names match `re`, newest (highest version text) first. */
async function matchingDirs(dir: string, re: RegExp): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => re.test(n))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    .map((n) => path.join(dir, n));
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function houdiniCandidates(version: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string[]> {
  const exe = platform === 'win32' ? 'hython.exe' : 'hython';
  const out: string[] = [];
  if (env.HFS) out.push(path.join(env.HFS, 'bin', exe));
  const majorMinor = /^(\d+\.\d+)/.exec(version)?.[1];
  if (platform === 'win32') {
    const root = path.join(env.ProgramFiles ?? 'C:\\Program Files', 'Side Effects Software');
    if (version) out.push(path.join(root, `Houdini ${version}`, 'bin', exe));
    if (majorMinor) for (const d of await matchingDirs(root, new RegExp(`^Houdini ${escapeRe(majorMinor)}\\.`))) out.push(path.join(d, 'bin', exe));
  } else if (platform === 'darwin') {
    const tail = ['Frameworks', 'Houdini.framework', 'Versions', 'Current', 'Resources', 'bin', exe];
    if (version) out.push(path.join('/Applications/Houdini', `Houdini${version}`, ...tail));
    if (majorMinor) for (const d of await matchingDirs('/Applications/Houdini', new RegExp(`^Houdini${escapeRe(majorMinor)}\\.`))) out.push(path.join(d, ...tail));
  } else {
    if (version) out.push(`/opt/hfs${version}/bin/${exe}`);
    // Same major.minor, newest build first (the old SDK fell back to "/opt/hfs<first two chars>.0").
    if (majorMinor) for (const d of await matchingDirs('/opt', new RegExp(`^hfs${escapeRe(majorMinor)}(\\.|$)`))) out.push(path.join(d, 'bin', exe));
  }
  return out;
}

function mayaCandidates(version: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const exe = platform === 'win32' ? 'mayapy.exe' : 'mayapy';
  const out: string[] = [];
  if (env.MAYA_LOCATION) out.push(path.join(env.MAYA_LOCATION, 'bin', exe));
  if (!version) return out;
  if (platform === 'win32') {
    const root = path.join(env.ProgramFiles ?? 'C:\\Program Files', 'Autodesk');
    for (const v of [version, `${version}.5`]) out.push(path.join(root, `Maya${v}`, 'bin', exe));
  } else if (platform === 'darwin') {
    out.push(`/Applications/Autodesk/maya${version}/Maya.app/Contents/bin/${exe}`);
  } else {
    for (const v of [version, `${version}.5`, `${version}-x64`]) out.push(`/usr/autodesk/maya${v}/bin/${exe}`);
  }
  return out;
}

function clarisseCandidates(version: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const exe = platform === 'win32' ? 'cnode.exe' : 'cnode';
  const out: string[] = [];
  if (env.CLARISSE_HOME) out.push(path.join(env.CLARISSE_HOME, exe), path.join(env.CLARISSE_HOME, 'clarisse', exe));
  const m = /(\d+\.\d+)(?:[_ ]?(sp\d+))?/i.exec(version);
  if (!m) return out;
  const label = `Clarisse iFX ${m[1]}${m[2] ? ' ' + m[2].toUpperCase() : ''}`;
  if (platform === 'win32') out.push(path.join(env.ProgramFiles ?? 'C:\\Program Files', 'Isotropix', label, 'Clarisse', exe));
  else if (platform === 'darwin') out.push(`/Applications/Isotropix/${label}/clarisse.app/Contents/MacOS/${exe}`);
  else out.push(`/usr/local/isotropix/clarisse-ifx${m[1]}${m[2] ? '-' + m[2].toLowerCase() : ''}/clarisse/${exe}`, `/opt/isotropix/clarisse/${m[1]}/${exe}`);
  return out;
}

/** Interpreter names looked up on PATH as a last resort. */
const ON_PATH: Record<HostName, string> = { houdini: 'hython', maya: 'mayapy', clarisse: 'cnode' };

/**
 * Where the DCC's batch interpreter should be, in search order: the host's env var (HFS,
 * MAYA_LOCATION, CLARISSE_HOME), the default install folders for this OS and version, then PATH.
 */
export async function exeCandidates(search: ExeSearch): Promise<string[]> {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  const version = search.version ?? '';
  const list =
    search.host === 'houdini' ? await houdiniCandidates(version, env, platform)
      : search.host === 'maya' ? mayaCandidates(version, env, platform)
        : clarisseCandidates(version, env, platform);
  const exe = ON_PATH[search.host] + (platform === 'win32' ? '.exe' : '');
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) list.push(path.join(dir, exe));
  return list;
}

/** The first existing interpreter for the host and version, or undefined when none is installed. */
export async function findDccExe(search: ExeSearch): Promise<string | undefined> {
  for (const candidate of await exeCandidates(search)) if (await isFile(candidate)) return candidate;
  return undefined;
}
