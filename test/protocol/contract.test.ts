// Invariants of the contract itself: names, by-name params, job methods, versions, Python table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOpenRpc,
  buildPythonTable,
  ErrorCodes,
  isCompatibleProtocol,
  methods,
  notifications,
  PROTOCOL_VERSION,
  type MethodSpec,
} from '../../protocol/src/index';

describe('protocol contract', () => {
  it('names every method <area>/<verb> once (plus rpc.discover)', () => {
    const names = (methods as readonly MethodSpec[]).map((m) => m.method);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) if (n !== 'rpc.discover') expect(n).toMatch(/^[a-z]+\/[a-zA-Z]+$/);
    expect(names).toEqual(expect.arrayContaining(['session/initialize', 'session/login', 'job/list', 'job/cancel', 'job/subscribe']));
  });

  it('declares params as one object for every method and notification', () => {
    for (const m of [...methods, ...notifications]) {
      const parsed = m.params.safeParse([]);
      expect(parsed.success, `${m.method} accepted positional params`).toBe(false);
    }
  });

  it('job methods answer { jobId } at once', () => {
    for (const m of methods as readonly MethodSpec[]) {
      if (!m.jobResult) continue;
      expect(m.result.safeParse({ jobId: 'j1' }).success, m.method).toBe(true);
    }
  });

  it('puts the sidecar codes in the reserved server range', () => {
    for (const [name, code] of Object.entries(ErrorCodes)) {
      if (code <= -32600) continue;
      expect(code, name).toBeGreaterThanOrEqual(-32099);
      expect(code, name).toBeLessThanOrEqual(-32000);
    }
  });

  it('accepts the same major and refuses another one or garbage', () => {
    expect(isCompatibleProtocol(PROTOCOL_VERSION)).toBe(true);
    expect(isCompatibleProtocol('1.7')).toBe(true);
    expect(isCompatibleProtocol('2.0')).toBe(false);
    expect(isCompatibleProtocol('one')).toBe(false);
  });

  it('builds an OpenRPC document with by-name params', () => {
    const doc = buildOpenRpc() as { openrpc: string; methods: { name: string; paramStructure: string; params: { name: string }[] }[] };
    expect(doc.openrpc).toBe('1.2.6');
    const init = doc.methods.find((m) => m.name === 'session/initialize');
    expect(init?.paramStructure).toBe('by-name');
    expect(init?.params.map((p) => p.name)).toEqual(['protocolVersion', 'client', 'capabilities', 'profile']);
  });

  it('writes a Python table in Python 3.7 syntax that python3 imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rv-pytable-'));
    try {
      writeFileSync(join(dir, 'methods.py'), buildPythonTable());
      const out = execFileSync(
        'python3',
        [
          '-c',
          // Parsed with the Python 3.7 grammar (what older DCCs embed), then imported.
          'import ast,json; ast.parse(open("methods.py", encoding="utf-8").read(), feature_version=(3, 7)); import methods; ' +
            'print(json.dumps([methods.PROTOCOL_VERSION, methods.METHODS["job/cancel"]["required"], methods.ERROR_CODES["InvalidParams"]]))',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual([PROTOCOL_VERSION, ['jobId'], -32602]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
