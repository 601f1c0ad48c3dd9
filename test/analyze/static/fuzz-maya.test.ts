// Truncated, corrupted and random-byte Maya scenes (.ma, .mb): valid facts or SceneParseError, never a crash or a hang.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMayaAscii, readMayaBinary, SceneParseError } from '../../../sidecar/src/analyze/static/maya';
import { SceneFacts } from '../../../protocol/src/scene';
import { damage, fuzzFile, prng, type Damage } from '../helpers/fuzz';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'maya');
const CASES = 1200;

/** Offsets of the IFF chunk headers of a .mb (to corrupt their sizes). */
function chunkOffsets(mb: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 16 <= mb.length; i += 4) {
    const tag = mb.toString('latin1', i, i + 4);
    if (/^(FOR8|LIS8|CREA|STR |DBLE|DBL3|FLGS|CWFL|PLUG|FINF|SLCT)$/.test(tag)) out.push(i);
  }
  return out;
}

// MEL: quotes, semicolons, parentheses, escapes, newlines and comment slashes carry the structure.
const MA_DAMAGE: Damage = { keepHeader: 24, noise: 'bytes', delimiters: [0x22, 0x3b, 0x28, 0x29, 0x5c, 0x0a, 0x2f] };

/** IFF: NUL and 0xff bytes, an 'F' of FOR8 — and chunk sizes that lie (huge, zero, off by a little). */
function mbDamage(offsets: number[]): Damage {
  return {
    keepHeader: 24, noise: 'bytes', delimiters: [0, 0xff, 0x46],
    special: (b, int) => {
      const at = offsets[int(offsets.length)]!;
      const r = int(10);
      const size = r < 3 ? 0xffff_ffff_ffff_ffffn : r < 6 ? BigInt(int(1 << 30)) : BigInt(int(200));
      b.writeBigUInt64BE(size, at + 8);
      return b;
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-maya-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fuzz(sources: string[], ext: '.ma' | '.mb', read: (f: string) => Promise<unknown>, seed: number): Promise<{ ok: number; rejected: number }> {
  const originals = await Promise.all(sources.map((s) => readFile(path.join(scenes, s))));
  const damages = originals.map((o) => (ext === '.mb' ? mbDamage(chunkOffsets(o)) : MA_DAMAGE));
  const rnd = prng(seed);
  return fuzzFile({
    cases: CASES,
    file: path.join(dir, `input${ext}`),
    input: (i) => damage(originals[i % originals.length]!, rnd, damages[i % originals.length]!),
    read,
    check: (facts) => SceneFacts.parse(facts), // what a reader resolves with is always valid facts
    typed: (e) => e instanceof SceneParseError,
  });
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
