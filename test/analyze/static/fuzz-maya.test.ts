import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMayaAscii, readMayaBinary, SceneParseError } from '../../../sidecar/src/analyze/static/maya';
import { SceneFacts } from '../../../protocol/src/scene';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'maya');
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

/** Offsets of the IFF chunk headers of a .mb (to corrupt their sizes). */
function chunkOffsets(mb: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 16 <= mb.length; i += 4) {
    const tag = mb.toString('latin1', i, i + 4);
    if (/^(FOR8|LIS8|CREA|STR |DBLE|DBL3|FLGS|CWFL|PLUG|FINF|SLCT)$/.test(tag)) out.push(i);
  }
  return out;
}

function mutate(src: Buffer, rnd: () => number, binary: boolean, offsets: number[]): Buffer {
  const int = (n: number): number => Math.floor(rnd() * n);
  const kind = int(binary ? 7 : 6);
  const b = Buffer.from(src);
  switch (kind) {
    case 0: return b.subarray(0, int(b.length)); // truncation
    case 1: { // byte flips
      for (let n = 1 + int(20); n > 0; n--) b[int(b.length)] = int(256);
      return b;
    }
    case 2: { // random bytes, sometimes after a valid magic
      const r = Buffer.alloc(int(4096));
      for (let i = 0; i < r.length; i++) r[i] = int(256);
      return rnd() < 0.5 ? Buffer.concat([src.subarray(0, 24), r]) : r;
    }
    case 3: { // cut a slice out
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(2000)))]);
    }
    case 4: { // duplicate a slice
      const at = int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at, at + int(3000)), b.subarray(at)]);
    }
    case 5: { // delimiters in the wrong places
      const chars = binary ? [0, 0xff, 0x46] : [0x22, 0x3b, 0x28, 0x29, 0x5c, 0x0a, 0x2f];
      for (let n = 1 + int(10); n > 0; n--) b[int(b.length)] = chars[int(chars.length)]!;
      return b;
    }
    default: { // chunk size corruption (.mb)
      const at = offsets[int(offsets.length)]!;
      const r = rnd();
      const size = r < 0.3 ? 0xffff_ffff_ffff_ffffn : r < 0.6 ? BigInt(int(1 << 30)) : BigInt(int(200));
      b.writeBigUInt64BE(size, at + 8);
      return b;
    }
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-maya-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fuzz(sources: string[], ext: string, read: (f: string) => Promise<unknown>, seed: number): Promise<{ ok: number; rejected: number }> {
  const originals = await Promise.all(sources.map((s) => readFile(path.join(scenes, s))));
  const offsets = originals.map(chunkOffsets);
  const rnd = prng(seed);
  const file = path.join(dir, `input${ext}`);
  let ok = 0;
  let rejected = 0;
  for (let i = 0; i < CASES; i++) {
    const which = i % originals.length;
    const input = mutate(originals[which]!, rnd, ext === '.mb', offsets[which]!);
    await writeFile(file, input);
    try {
      const facts = await read(file);
      SceneFacts.parse(facts); // what a reader resolves with is always valid facts
      ok++;
    } catch (e) {
      if (!(e instanceof SceneParseError)) throw new Error(`case ${i} (seed ${seed}): ${String(e)}`, { cause: e });
      rejected++;
    }
  }
  return { ok, rejected };
}

describe('fuzz: damaged Maya scenes resolve or reject with SceneParseError', () => {
  it(`.ma: ${CASES} mutations of the real scenes`, async () => {
    const r = await fuzz(['demo_scenc.ma', 'maya-test.ma'], '.ma', readMayaAscii, 20261128);
    expect(r.ok + r.rejected).toBe(CASES);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.rejected).toBeGreaterThan(0);
  });

  it(`.mb: ${CASES} mutations of demo_scenc.mb (truncation, flips, chunk sizes, random bytes)`, async () => {
    const r = await fuzz(['demo_scenc.mb'], '.mb', readMayaBinary, 7);
    expect(r.ok + r.rejected).toBe(CASES);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.rejected).toBeGreaterThan(0);
  });
});
