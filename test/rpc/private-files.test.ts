// Issue 19: files a user owns stay theirs. Under umask 022 (and 000), a sidecar started in a fresh
// SDK home that submits a real scene leaves the home 0700, the discovery file 0600 and the record DB
// (with its -wal/-shm) 0600; the CLI warns when --access-key is typed on the command line.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrivateDir, ensurePrivateFile } from '../../sidecar/src/private-files';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';
import { writeDiscovery } from '../../sidecar/src/rpc/discovery';
import { openSqliteRecords } from '../../sidecar/src/transfer/record/sqlite-record';
import { SPHERE } from './helpers/local-job';
import { TestClient } from './helpers/ws-client';

const posix = process.platform !== 'win32';
const mode = (p: string) => statSync(p).mode & 0o777;
const root = path.resolve(__dirname, '..', '..');

let base: string;
let oldUmask: number;
const oldHome = process.env.RAYVISION_SDK_HOME;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'rv-private-'));
  oldUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(oldUmask);
  if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
  else process.env.RAYVISION_SDK_HOME = oldHome;
  rmSync(base, { recursive: true, force: true });
});

describe.skipIf(!posix)('owner-only files under umask 022', () => {
  let sidecar: Sidecar;
  let client: TestClient;
  let home: string;
  afterAll(async () => {
    await client?.close();
    await sidecar?.close();
  });

  it('a fresh SDK home, its discovery file and the record DB of a real submit are owner-only', async () => {
    home = path.join(base, 'studio', 'users', 'renderfarm_sdk'); // three folders that do not exist yet
    process.env.RAYVISION_SDK_HOME = home;
    sidecar = await startSidecar({ home, idleTimeoutMs: 0 });
    for (const d of [path.join(base, 'studio'), path.join(base, 'studio', 'users'), home]) expect(mode(d), d).toBe(0o700);
    expect(mode(path.join(home, 'sidecar.json'))).toBe(0o600);

    client = await TestClient.open(sidecar.port, sidecar.token);
    await client.initialize('private-files');
    await client.call('session/login', { farm: 'local', frameDurationMs: 0 });
    const work = mkdtempSync(path.join(base, 'work-'));
    const scene = path.join(work, 'sphere.hip');
    copyFileSync(SPHERE, scene);
    const { jobId } = await client.call('submit/scene', { scenePath: scene, mode: 'static' });
    const end = await client.jobEnd(jobId);
    expect(end.ok, JSON.stringify(end.error)).toBe(true);

    const dbDir = path.join(home, 'db');
    expect(mode(dbDir)).toBe(0o700);
    const dbFiles = readdirSync(dbDir).filter((f) => /\.db(-wal|-shm)?$/.test(f));
    expect(dbFiles.some((f) => f.endsWith('.db'))).toBe(true);
    for (const f of dbFiles) expect(mode(path.join(dbDir, f)), f).toBe(0o600);
  });

  it('the CLI warns when --access-key is on the command line, and never echoes the key', async () => {
    const r = await execa(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'sidecar', 'src', 'cli', 'main.ts'), 'check', base, '--local', '--access-key', 'sk-typed-in-shell', '--json'], {
      reject: false, cwd: tmpdir(), env: { RAYVISION_SDK_HOME: home, RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '' },
    });
    expect(r.stderr).toMatch(/--access-key on the command line is visible/);
    expect(r.stderr).toMatch(/RAYVISION_API_KEY/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('sk-typed-in-shell');
  });
});

describe.skipIf(!posix)('owner-only files under umask 000', () => {
  it('folders 0700, files 0600, existing folders untouched', async () => {
    const previous = process.umask(0o000);
    try {
      const shared = mkdtempSync(path.join(base, 'shared-'));
      const before = mode(shared);
      const home = path.join(shared, 'a', 'b');
      ensurePrivateDir(home);
      expect([mode(path.join(shared, 'a')), mode(home), mode(shared)]).toEqual([0o700, 0o700, before]);
      writeDiscovery({ port: 1, pid: process.pid, token: 't', version: 'v', protocolVersion: '1.0' }, home);
      expect(mode(path.join(home, 'sidecar.json'))).toBe(0o600);
      const file = path.join(home, 'db', 'job.db');
      const store = openSqliteRecords(file);
      await store.put('k', 'v');
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) expect(mode(file + suffix), suffix).toBe(0o600);
      await store.close();
      ensurePrivateFile(path.join(home, 'logs', 'x.log'));
      expect([mode(path.join(home, 'logs')), mode(path.join(home, 'logs', 'x.log'))]).toEqual([0o700, 0o600]);
    } finally {
      process.umask(previous);
    }
  });
});
