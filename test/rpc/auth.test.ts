// Connections without the token, with a wrong token, or from a foreign browser Origin are refused
// at the HTTP upgrade, before any method runs; the right token (no Origin, or our own) gets in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

let t: TestSidecar;
beforeAll(async () => {
  t = await withSidecar();
});
afterAll(async () => t.close());

async function refusedStatus(token: string | undefined, headers: Record<string, string> = {}): Promise<number> {
  try {
    const c = await TestClient.open(t.sidecar.port, token, headers);
    c.close();
    await c.closed;
    return 101;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

describe('sidecar authentication', () => {
  it('refuses a connection without a token (401)', async () => {
    expect(await refusedStatus(undefined)).toBe(401);
  });

  it('refuses a wrong token (401), including one of the same length', async () => {
    expect(await refusedStatus('0'.repeat(t.sidecar.token.length))).toBe(401);
    expect(await refusedStatus('short')).toBe(401);
  });

  it('refuses a foreign Origin even with the right token (403)', async () => {
    expect(await refusedStatus(t.sidecar.token, { Origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(t.sidecar.token, { Origin: 'http://127.0.0.1:1' })).toBe(403);
  });

  it('accepts the token with no Origin or with the sidecar’s own Origin', async () => {
    expect(await refusedStatus(t.sidecar.token)).toBe(101);
    expect(await refusedStatus(t.sidecar.token, { Origin: `http://127.0.0.1:${t.sidecar.port}` })).toBe(101);
  });

  it('no refused connection counts as a client', async () => {
    await refusedStatus(undefined);
    const c = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await c.initialize();
    const s = await c.call('session/status', {});
    expect(s.clients).toBe(1);
    c.close();
  });
});
