/**
 * Finds this user's sidecar through the discovery file, starting one in the background when none
 * runs, and opens an initialized client connection to it.
 */
import { spawn } from 'node:child_process';
import { isSea } from 'node:sea';
import { connectWs, findRunning, probeSidecar, SidecarClient, SIDECAR_VERSION, sdkHome, type DiscoveryInfo } from '../rpc/index';

/** No sidecar could be reached or started (exit code 6). */
export class NoSidecarError extends Error {
  readonly exitCode = 6;
}

/** Starts `rayvision sidecar` detached, with the same runtime flags (tsx loader, or the bundle), or the
 * release's single executable itself (whose argv[1] is its own path, not a script). */
function spawnSidecar(): void {
  if (isSea()) {
    spawn(process.execPath, ['sidecar'], { detached: true, stdio: 'ignore', env: process.env }).on('error', () => {}).unref();
    return;
  }
  const script = process.argv[1];
  if (!script) throw new NoSidecarError('Cannot start the sidecar: unknown CLI path. Start it with `rayvision sidecar`.');
  const child = spawn(process.execPath, [...process.execArgv, script, 'sidecar'], { detached: true, stdio: 'ignore', env: process.env });
  child.on('error', () => {}); // a failed start shows as no sidecar answering: NoSidecarError says what to do
  child.unref();
}

async function waitForSidecar(home: string, timeoutMs: number): Promise<DiscoveryInfo | undefined> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const info = await findRunning((p, t) => probeSidecar(p, t, 1000), home);
    if (info) return info;
    await new Promise((r) => setTimeout(r, 150));
  }
  return undefined;
}

/** An initialized client of the user's sidecar (started when needed and `autoStart`), working for `profile`. */
export async function connectSidecar(options: { autoStart?: boolean; home?: string; profile?: string } = {}): Promise<SidecarClient> {
  const home = options.home ?? sdkHome();
  let info = await findRunning((p, t) => probeSidecar(p, t), home);
  if (!info && options.autoStart !== false) {
    spawnSidecar();
    info = await waitForSidecar(home, 30_000);
  }
  if (!info) throw new NoSidecarError(`No sidecar is running for this user (looked in ${home}): start one with \`rayvision sidecar\`.`);
  const { reader, writer } = await connectWs(info.port, info.token);
  const client = new SidecarClient(reader, writer);
  await client.initialize('rayvision-cli', SIDECAR_VERSION, options.profile ? { profile: options.profile } : {});
  return client;
}
