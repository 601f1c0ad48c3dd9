// The access key never appears in a thrown error (JSON or inspect, hidden fields included), in the
// api object, or in a log line, whatever goes wrong.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RayvisionAPI } from '../../sidecar/src/api';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { startScriptServer, type ScriptServer } from './helpers/script-server';

const WRONG_KEY = 'wrong-secret-key-Zq9vX2LmP7';
let farm: Farm;
let flaky: ScriptServer;
const lines: string[] = [];
const logger = {
  debug: (m: string) => lines.push(m),
  info: (m: string) => lines.push(m),
  warn: (m: string) => lines.push(m),
  error: (m: string) => lines.push(m),
};

beforeAll(async () => {
  farm = await startFarm();
  flaky = await startScriptServer((n) => (n % 2 === 0 ? { kind: 'drop' } : { kind: 'raw', status: 502, body: '<html>bad gateway</html>' }));
});
afterAll(async () => {
  await flaky.close();
  await farm.close();
});

function views(value: unknown): string[] {
  return [
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Infinity }),
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false }),
    String(value),
  ];
}

function expectNoSecret(value: unknown, secret: string): void {
  for (const view of views(value)) expect(view).not.toContain(secret);
}

describe('secrets', () => {
  it('an auth error from the farm does not carry the key', async () => {
    const error = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', accessId: farm.accessId, accessKey: WRONG_KEY, logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error, WRONG_KEY);
  });

  it('network errors, retries and their causes do not carry the key or the signature', async () => {
    const api = new RayvisionAPI({ domain: flaky.domain, protocol: 'http', accessId: 'AID', accessKey: WRONG_KEY, logger, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    const error = await api.query.platforms().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error, WRONG_KEY);
    const signatures = flaky.seen.map((r) => String(r.headers.signature));
    for (const signature of signatures) expectNoSecret(error, signature);
    api.close();
  });

  it('a validation error does not carry the key', async () => {
    const api = new RayvisionAPI({ domain: flaky.domain, protocol: 'http', accessId: 'AID', accessKey: WRONG_KEY, logger });
    const error = await api.task.submitTask('x' as unknown as number).catch((e: unknown) => e);
    expectNoSecret(error, WRONG_KEY);
    api.close();
  });

  it('the api object does not expose the key in any field', async () => {
    const api = await RayvisionAPI.connect({ domain: farm.domain, protocol: 'http', platform: 2, accessId: farm.accessId, accessKey: farm.accessKey, logger });
    expectNoSecret(api, farm.accessKey);
    expectNoSecret(api.task, farm.accessKey);
    expectNoSecret(api.userInfo, farm.accessKey);
    expect(Object.values(api).some((v) => v === farm.accessKey)).toBe(false);
    api.close();
  });

  it('no log line holds a key or a signature', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(WRONG_KEY);
      expect(line).not.toContain(farm.accessKey);
      for (const r of flaky.seen) expect(line).not.toContain(String(r.headers.signature));
    }
  });
});
