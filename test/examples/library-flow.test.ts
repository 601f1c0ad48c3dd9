// The README's library example, run as written against a local farm: every frame ends up on disk.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLibraryFlow } from '../../examples/library-flow';
import { startFarm } from '../../sidecar/src/farm/index';

const scene = path.resolve(__dirname, '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip');

describe('examples/library-flow.ts', () => {
  let farm: Awaited<ReturnType<typeof startFarm>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'library-flow-'));
    farm = await startFarm({ dir: path.join(dir, 'farm'), frameDurationMs: 5 });
    process.env.RAYVISION_SDK_HOME = path.join(dir, 'home');
  });
  afterAll(async () => {
    delete process.env.RAYVISION_SDK_HOME;
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyses, checks, uploads, submits and downloads every frame of sphere.hip', async () => {
    const landed: string[] = [];
    mkdirSync(path.join(dir, 'ws')); // like the old SDK, a workspace given by the caller must exist
    const { taskId, download } = await runLibraryFlow({
      scene, domain: farm.domain, accessId: farm.accessId, accessKey: farm.accessKey, protocol: 'http',
      localPath: path.join(dir, 'frames'), workspace: path.join(dir, 'ws'), onFile: (p) => landed.push(p),
    });
    expect(taskId).toBeGreaterThan(0);
    expect(download.ok).toBe(true);
    // sphere.hip renders /out/mantra1 over frames 1-10.
    expect(landed).toHaveLength(10);
    expect(new Set(landed).size).toBe(10);
    for (const file of landed) expect(existsSync(file)).toBe(true);
  });
});
