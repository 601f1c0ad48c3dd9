// The farm is an independent implementation of the protocol: nothing under sidecar/src/farm imports the REST client.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const farmDir = path.join(repoRoot, 'sidecar', 'src', 'farm');
const apiDir = path.join(repoRoot, 'sidecar', 'src', 'api');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(full)));
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('farm independence', () => {
  it('imports nothing from sidecar/src/api (nor the package root that re-exports it)', async () => {
    const offenders: string[] = [];
    for (const file of await sources(farmDir)) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2])!;
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (target === apiDir || target.startsWith(apiDir + path.sep) || target === path.join(repoRoot, 'sidecar', 'src') || target === path.join(repoRoot, 'sidecar', 'src', 'index')) {
          offenders.push(`${path.relative(repoRoot, file)} → ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
