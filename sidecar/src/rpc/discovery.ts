/**
 * The discovery file `<sdk home>/sidecar.json` (mode 0600, written atomically): how clients find
 * the sidecar's port and token, and how a second start finds the first one alive.
 */
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../private-files';
import { sdkHome } from './sdk-home';

export interface DiscoveryInfo {
  port: number;
  pid: number;
  token: string;
  version: string;
  protocolVersion: string;
}

/** Path of the discovery file in `home`. */
export function discoveryPath(home: string = sdkHome()): string {
  return join(home, 'sidecar.json');
}

/** Writes the file atomically (temp file + rename), readable by the user only. */
export function writeDiscovery(info: DiscoveryInfo, home: string = sdkHome()): string {
  ensurePrivateDir(home);
  const file = discoveryPath(home);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600); // the umask may have narrowed nothing, but be explicit
  renameSync(tmp, file);
  return file;
}

/** Reads the file; undefined when it is missing or not a discovery record. */
export function readDiscovery(home: string = sdkHome()): DiscoveryInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(discoveryPath(home), 'utf8')) as Partial<DiscoveryInfo>;
    if (typeof v.port !== 'number' || typeof v.pid !== 'number' || typeof v.token !== 'string') return undefined;
    return { version: '', protocolVersion: '', ...v } as DiscoveryInfo;
  } catch {
    return undefined;
  }
}

/** Removes the file if it still describes `pid` (a newer sidecar's file is left alone). */
export function removeDiscovery(pid: number, home: string = sdkHome()): void {
  if (readDiscovery(home)?.pid === pid) rmSync(discoveryPath(home), { force: true });
}

/** True when a process with this pid exists (EPERM: it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finds a running sidecar from the file: its pid is alive and it accepts a connection with its
 * token (`probe`). Undefined when there is none (a stale file).
 */
export async function findRunning(
  probe: (port: number, token: string) => Promise<boolean>,
  home: string = sdkHome(),
): Promise<DiscoveryInfo | undefined> {
  const info = readDiscovery(home);
  if (!info || !pidAlive(info.pid)) return undefined;
  return (await probe(info.port, info.token)) ? info : undefined;
}

/**
 * Serialises sidecar starts in one SDK home (two DCCs starting one at the same moment): an
 * exclusive lock file `sidecar.lock` holding the starter's pid, held from the "is one running?"
 * check until sidecar.json is written. A lock of a dead pid, or older than `staleMs`, is broken.
 * Resolves with the release function.
 */
export async function acquireStartLock(home: string = sdkHome(), waitMs = 15_000, staleMs = 30_000): Promise<() => void> {
  ensurePrivateDir(home);
  const lock = join(home, 'sidecar.lock');
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    let age = 0;
    try {
      holder = Number(readFileSync(lock, 'utf8'));
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released between our two calls
    }
    if (!Number.isInteger(holder) || !pidAlive(holder) || age > staleMs) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > until) throw new Error(`Another sidecar (pid ${holder}) has been starting for ${Math.round(age / 1000)} s; try again, or delete ${lock}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
