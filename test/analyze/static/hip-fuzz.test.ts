import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeError, readHipStream } from '../../../sidecar/src/analyze';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';

/** mulberry32: a small deterministic PRNG so failures reproduce. */
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

/** Feeds a buffer in random-sized chunks, to exercise chunk boundaries in the reader. */
async function* chunks(buf: Buffer, rnd: () => number): AsyncGenerator<Buffer> {
  let i = 0;
  while (i < buf.length) {
    const n = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 16 : 4096));
    yield buf.subarray(i, i + n);
    i += n;
  }
}

function mutate(base: Buffer, rnd: () => number): Buffer {
  const kind = Math.floor(rnd() * 6);
  const at = Math.floor(rnd() * base.length);
  switch (kind) {
    case 0: // truncate
      return base.subarray(0, at);
    case 1: { // flip bytes
      const out = Buffer.from(base);
      for (let k = 0; k < 1 + rnd() * 20; k += 1) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
      return out;
    }
    case 2: { // insert garbage (grows an entry: the resync path)
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)));
      return Buffer.concat([base.subarray(0, at), junk, base.subarray(at)]);
    }
    case 3: // delete a span
      return Buffer.concat([base.subarray(0, at), base.subarray(Math.min(base.length, at + 1 + Math.floor(rnd() * 500)))]);
    case 4: // pure random bytes, sometimes with a valid magic in front
      return Buffer.concat([rnd() < 0.5 ? Buffer.from('070707') : Buffer.alloc(0), Buffer.from(Array.from({ length: Math.floor(rnd() * 2000) }, () => Math.floor(rnd() * 256)))]);
    default: { // corrupt header digits (sizes)
      const out = Buffer.from(base);
      let idx = out.indexOf('070707', at);
      if (idx < 0) idx = 0;
      for (let k = 0; k < 3; k += 1) out[idx + 59 + Math.floor(rnd() * 17)] = 0x30 + Math.floor(rnd() * 10);
      return out;
    }
  }
}

describe('static .hip reader fuzz', () => {
  it('1,200 truncated, corrupted and random inputs give facts or a typed error, never a crash or hang', async () => {
    const sphere = await readFile(path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip'));
    const built = buildHip([
      ...sceneEntries({ vars: { HIP: '/x', _HIP_SAVEVERSION: '19.0.1' } }),
      ...nodeEntries('/obj/geo1/file1', 'file', { file: ['$HIP/a.$F4.bgeo'] }),
      ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [{ channel: 'f1', value: 1 }, 10, 1], camera: ['/obj/cam1'] }, { chn: { f1: '$FSTART' } }),
      ...nodeEntries('/obj/cam1', 'cam', { res: [640, 480] }),
    ]);
    const rnd = prng(20261128);
    let facts = 0;
    let typed = 0;
    for (let i = 0; i < 1200; i += 1) {
      const base = i % 3 === 0 ? sphere : built;
      const input = mutate(base, rnd);
      try {
        const result = await readHipStream(chunks(input, rnd), '/tmp/fuzz.hip');
        expect(SceneFacts.safeParse(result).success).toBe(true);
        facts += 1;
      } catch (err) {
        if (!(err instanceof AnalyzeError)) throw new Error(`input ${i} threw ${String(err)}`, { cause: err });
        typed += 1;
      }
    }
    expect(facts + typed).toBe(1200);
    expect(facts).toBeGreaterThan(100);
    expect(typed).toBeGreaterThan(10);
  });
});
