// startFarm refuses bad options with one RangeError naming the option, before it creates anything.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type StartFarmOptions } from '../../sidecar/src/farm';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farm-options-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startFarm options', () => {
  const bad: Array<[StartFarmOptions, RegExp]> = [
    [{ port: 65536 }, /port must be an integer from 0 to 65535 .*got 65536/],
    [{ port: 1.5 }, /port must be an integer/],
    [{ frameDurationMs: Number.NaN }, /frameDurationMs must be a number of milliseconds, 0 or more, got NaN/],
    [{ frameDurationMs: -1 }, /frameDurationMs/],
    [{ parallelFrames: 0 }, /parallelFrames must be 1 or more/],
    [{ signatureWindowSec: 0 }, /signatureWindowSec must be a number of seconds above 0/],
    [{ host: ' ' }, /host must be an interface address/],
  ];
  it.each(bad)('%j is a RangeError naming the option', async (options, message) => {
    const err = await startFarm(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(message);
  });

  it('a file given as the farm folder is refused and left alone', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    await expect(startFarm({ dir: file })).rejects.toThrow(/dir must be a folder .*not a file, got ".*not-a-folder"/);
    expect(await readdir(dir)).toEqual(['not-a-folder']);
  });

  it('a missing farm folder is created', async () => {
    const farm = await startFarm({ dir: path.join(dir, 'new', 'farm'), frameDurationMs: 0 });
    try {
      expect((await readdir(path.join(dir, 'new', 'farm'))).sort()).toEqual(expect.arrayContaining(['farm.sqlite', 'storage']));
    } finally {
      await farm.close();
    }
  });
});
