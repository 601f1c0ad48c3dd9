// The in-process local farm keeps its state in <sdk home>/local-farm (or the login's `dir`), so a
// sidecar started again on the same SDK home re-opens the same farm: same account, same tasks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';

const undo: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of undo.splice(0).reverse()) await fn();
});

async function client(s: Sidecar): Promise<TestClient> {
  const c = await TestClient.open(s.port, s.token);
  undo.push(() => c.close());
  await c.initialize('farm-dir');
  return c;
}

describe('in-process local farm folder', () => {
  it('is <sdk home>/local-farm, and a sidecar started again on that home re-opens the same farm', async () => {
    const t: TestSidecar = await withSidecar();
    undo.push(() => t.close());
    const a = await client(t.sidecar);
    const first = await a.call('session/login', { farm: 'local' });
    const farm = t.sidecar.services.session.localFarm!;
    expect(farm.dir).toBe(path.join(t.home, 'local-farm'));
    await t.sidecar.close(); // one sidecar at a time on a farm folder

    const again = await startSidecar({ home: t.home, discovery: false, idleTimeoutMs: 0, checkResults: true });
    undo.push(() => again.close());
    const b = await client(again);
    const second = await b.call('session/login', { farm: 'local' });
    expect(again.services.session.localFarm!.dir).toBe(farm.dir);
    expect(second.userInfo.user_id).toBe(first.userInfo.user_id);
    expect(again.services.session.localFarm!.accessId).toBe(farm.accessId);
  });

  it('takes an explicit dir from session/login', async () => {
    const t = await withSidecar();
    undo.push(() => t.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'rv-farm-dir-'));
    undo.push(() => rmSync(dir, { recursive: true, force: true }));
    const a = await client(t.sidecar);
    await a.call('session/login', { farm: 'local', dir });
    expect(t.sidecar.services.session.localFarm!.dir).toBe(dir);
  });
});
