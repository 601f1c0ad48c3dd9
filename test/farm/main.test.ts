// `tsx sidecar/src/farm/main.ts --port 0 --dir <dir>` prints its address and credentials as JSON and serves until SIGTERM.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RayvisionAPI } from '../../sidecar/src/api';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farm-main-'));
});
const children: ReturnType<typeof execa>[] = [];
afterAll(async () => {
  // A failed assertion must not leave a farm running.
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Reads the first stdout line of a child process. */
function firstLine(child: ReturnType<typeof execa>): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`farm exited (${code}) before printing its address`)));
  });
}

describe('farm main.ts', () => {
  it('starts on a free port in the given folder, serves a client, and stops on SIGTERM; a restart keeps the account', async () => {
    // One process (node + the tsx loader), so SIGTERM reaches the farm itself, not an npx wrapper.
    const run = () => {
      const c = execa(process.execPath, ['--import', 'tsx', 'sidecar/src/farm/main.ts', '--port', '0', '--dir', dir], { cwd: repoRoot, reject: false });
      children.push(c);
      return c;
    };
    const child = run();
    const info = JSON.parse(await firstLine(child));
    expect(info).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), accessId: expect.any(String), accessKey: expect.any(String) });
    expect(info.domain).toBe(info.url.replace('http://', ''));
    await stat(path.join(dir, 'farm.sqlite'));
    const api = await RayvisionAPI.connect({ domain: info.domain, protocol: 'http', platform: '2', accessId: info.accessId, accessKey: info.accessKey });
    expect(api.userInfo.user_id).toBe(info.userId);
    api.close();
    child.kill('SIGTERM');
    const result = await child;
    expect(result.signal ?? result.exitCode).not.toBe(undefined);

    const again = run();
    const second = JSON.parse(await firstLine(again));
    expect(second.accessId).toBe(info.accessId);
    again.kill('SIGTERM');
    await again;
  });

  it('removes its own temp folder when the process exits without close()', async () => {
    const r = await execa(process.execPath, ['--import', 'tsx', 'test/farm/fixtures/exit-without-close.ts'], { cwd: repoRoot });
    const farmDir = r.stdout.trim();
    expect(farmDir).toContain('rayvision-farm-');
    await expect(stat(farmDir)).rejects.toThrow();
  });

  it('refuses a flag value that is not a number, with the flag in the message and exit code 1', async () => {
    for (const args of [['--frame-ms', 'abc'], ['--port='], ['--frame-ms', '-5']]) {
      const r = await execa(process.execPath, ['--import', 'tsx', 'sidecar/src/farm/main.ts', ...args], { cwd: repoRoot, reject: false });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^farm: --(frame-ms|port) needs a number, got "/);
    }
  });

  it('refuses an unknown option with a message and exit code 1', async () => {
    const r = await execa(process.execPath, ['--import', 'tsx', 'sidecar/src/farm/main.ts', '--bogus'], { cwd: repoRoot, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Unknown option --bogus');
  });
});
