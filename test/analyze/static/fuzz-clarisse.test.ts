import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClarisseProject, SceneParseError } from '../../../sidecar/src/analyze/static/clarisse';
import { SceneFacts } from '../../../protocol/src/scene';

const scene = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'clarisse', 'spherix_demo.project');
const CASES = 1200;

/** mulberry32: a small deterministic PRNG, so a failing case can be replayed by its index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Buffer, rnd: () => number): Buffer {
  const int = (n: number): number => Math.floor(rnd() * n);
  const b = Buffer.from(src);
  switch (int(6)) {
    case 0: return b.subarray(0, int(b.length));
    case 1: {
      for (let n = 1 + int(20); n > 0; n--) b[int(b.length)] = int(256);
      return b;
    }
    case 2: {
      const r = Buffer.alloc(int(4096));
      for (let i = 0; i < r.length; i++) r[i] = 0x20 + int(0x5f); // printable noise: gets past the binary check
      return rnd() < 0.5 ? Buffer.concat([src.subarray(0, 40), r]) : r;
    }
    case 3: {
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(3000)))]);
    }
    case 4: {
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at, at + int(3000)), b.subarray(at)]);
    }
    default: {
      const chars = [0x7b, 0x7d, 0x22, 0x5c, 0x0a, 0x2e];
      for (let n = 1 + int(12); n > 0; n--) b[int(b.length)] = chars[int(chars.length)]!;
      return b;
    }
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-clarisse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fuzz: damaged Clarisse projects resolve or reject with SceneParseError', () => {
  it(`.project: ${CASES} mutations of spherix_demo.project`, async () => {
    const original = await readFile(scene);
    const rnd = prng(4242);
    const file = path.join(dir, 'input.project');
    let ok = 0;
    let rejected = 0;
    for (let i = 0; i < CASES; i++) {
      await writeFile(file, mutate(original, rnd));
      try {
        SceneFacts.parse(await readClarisseProject(file));
        ok++;
      } catch (e) {
        if (!(e instanceof SceneParseError)) throw new Error(`case ${i}: ${String(e)}`, { cause: e });
        rejected++;
      }
    }
    expect(ok + rejected).toBe(CASES);
    expect(ok).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
