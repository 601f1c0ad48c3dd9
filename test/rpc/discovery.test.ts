// One sidecar per user: the discovery file (0600, atomic) names the live one; a second start
// finds it and refuses cleanly; a stale file is replaced; idle exit removes the file.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoveryPath, readDiscovery, SidecarAlreadyRunningError, startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';
import { PROTOCOL_VERSION } from '../../protocol/src/index';
import { TestClient } from './helpers/ws-client';

const homes: string[] = [];
const sidecars: Sidecar[] = [];
function home(): string {
  const h = mkdtempSync(join(tmpdir(), 'rv-disc-'));
  homes.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(sidecars.splice(0).map((s) => s.close()));
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

describe('discovery and single instance', () => {
  it('writes sidecar.json with port, pid, token, versions, mode 0600', async () => {
    const h = home();
    const s = await startSidecar({ home: h, idleTimeoutMs: 0 });
    sidecars.push(s);
    const info = readDiscovery(h)!;
    expect(info).toMatchObject({ port: s.port, pid: process.pid, token: s.token, protocolVersion: PROTOCOL_VERSION });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    if (process.platform !== 'win32') expect(statSync(discoveryPath(h)).mode & 0o777).toBe(0o600);
  });

  it('a second start finds the first alive and refuses with a clear error', async () => {
    const h = home();
    const first = await startSidecar({ home: h, idleTimeoutMs: 0 });
    sidecars.push(first);
    const err = await startSidecar({ home: h, idleTimeoutMs: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(SidecarAlreadyRunningError);
    expect(err.message).toMatch(/already runs/);
    expect(err.message).not.toContain(first.token);
    expect(readDiscovery(h)?.port).toBe(first.port);
  });

  it('two starts at the same moment: exactly one sidecar, the other finds it', async () => {
    const h = home();
    const results = await Promise.allSettled([startSidecar({ home: h, idleTimeoutMs: 0 }), startSidecar({ home: h, idleTimeoutMs: 0 })]);
    const started = results.filter((r): r is PromiseFulfilledResult<Sidecar> => r.status === 'fulfilled').map((r) => r.value);
    sidecars.push(...started);
    expect(started).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SidecarAlreadyRunningError);
    expect(readDiscovery(h)?.port).toBe(started[0]!.port);
  });

  it('replaces a stale file (dead pid, or a live pid that does not answer)', async () => {
    const h = home();
    writeFileSync(discoveryPath(h), JSON.stringify({ port: 1, pid: 2 ** 22 + 12345, token: 'x', version: '0', protocolVersion: '1.0' }));
    const s1 = await startSidecar({ home: h, idleTimeoutMs: 0 });
    expect(readDiscovery(h)?.port).toBe(s1.port);
    await s1.close();
    // Our own pid is alive, but nothing listens on that port with that token.
    writeFileSync(discoveryPath(h), JSON.stringify({ port: 9, pid: process.pid, token: 'y', version: '0', protocolVersion: '1.0' }));
    const s2 = await startSidecar({ home: h, idleTimeoutMs: 0 });
    sidecars.push(s2);
    expect(readDiscovery(h)?.token).toBe(s2.token);
  });

  it('exits after the idle time with no clients and no jobs, and removes its file', async () => {
    const h = home();
    const s = await startSidecar({ home: h, idleTimeoutMs: 150 });
    const c = await TestClient.open(s.port, s.token);
    await c.initialize();
    let exited = false;
    void s.closed.then(() => (exited = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(exited).toBe(false); // a client is connected
    c.close();
    expect(await s.closed).toBe('idle');
    expect(readDiscovery(h)).toBeUndefined();
  });
});
