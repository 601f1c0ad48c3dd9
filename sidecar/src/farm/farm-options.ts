/**
 * Checks startFarm's options before anything is created, so a typo (`--frame-ms abc`, a port out of
 * range, a file given as the farm folder) is one clear RangeError instead of a farm that runs wrong.
 */
import { stat } from 'node:fs/promises';
import type { StartFarmOptions } from './start-farm';

function check(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new RangeError(`startFarm: ${what}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}.`);
}

/** Throws RangeError naming the first bad option. */
export async function validateFarmOptions(o: StartFarmOptions): Promise<void> {
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (o.port !== undefined) check(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535, 'port must be an integer from 0 to 65535 (0 picks a free one)', o.port);
  if (o.frameDurationMs !== undefined) check(isNum(o.frameDurationMs) && o.frameDurationMs >= 0, 'frameDurationMs must be a number of milliseconds, 0 or more', o.frameDurationMs);
  if (o.parallelFrames !== undefined) check(isNum(o.parallelFrames) && o.parallelFrames >= 1, 'parallelFrames must be 1 or more', o.parallelFrames);
  if (o.signatureWindowSec !== undefined) check(isNum(o.signatureWindowSec) && o.signatureWindowSec > 0, 'signatureWindowSec must be a number of seconds above 0', o.signatureWindowSec);
  if (o.requestTimeoutMs !== undefined) check(isNum(o.requestTimeoutMs) && o.requestTimeoutMs > 0, 'requestTimeoutMs must be a number of milliseconds above 0', o.requestTimeoutMs);
  if (o.host !== undefined) check(typeof o.host === 'string' && o.host.trim() !== '', 'host must be an interface address such as 127.0.0.1', o.host);
  if (o.dir !== undefined) {
    check(typeof o.dir === 'string' && o.dir.trim() !== '', 'dir must be a folder path', o.dir);
    const info = await stat(o.dir).catch(() => undefined);
    check(info === undefined || info.isDirectory(), 'dir must be a folder (it is created when missing), not a file', o.dir);
  }
}
