import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeError, readHipStream } from '../../../sidecar/src/analyze';
import { damage, prng, type Damage } from '../helpers/fuzz';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';

/** Feeds a buffer in random-sized chunks, to exercise chunk boundaries in the reader. */
async function* chunks(buf: Buffer, rnd: () => number): AsyncGenerator<Buffer> {
  let i = 0;
  while (i < buf.length) {
    const n = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 16 : 4096));
    yield buf.subarray(i, i + n);
    i += n;
  }
}

// cpio: the "070707" magic and header digits; a grown entry exercises the resync path.
const HIP_DAMAGE: Damage = {
  keepHeader: 6, noise: 'bytes', delimiters: [0x30, 0x37, 0x0a, 0x00],
  special: (b, int) => { // corrupt the digits of an entry header (its sizes)
    let idx = b.indexOf('070707', int(b.length));
    if (idx < 0) idx = 0;
    for (let k = 0; k < 3; k += 1) b[idx + 59 + int(17)] = 0x30 + int(10);
    return b;
  },
};

describe('static .hip reader fuzz', () => {
  it('1,200 truncated, corrupted and random inputs give facts or a typed error, never a crash or hang', async () => {
    const sphere = await readFile(path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip'));
    const built = buildHip([
      ...sceneEntries({ vars: { HIP: '/x', _HIP_SAVEVERSION: '19.0.1' } }),
      ...nodeEntries('/obj/geo1/file1', 'file', { file: ['$HIP/a.$F4.bgeo'] }),
      ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [{ channel: 'f1', value: 1 }, 10, 1], camera: ['/obj/cam1'] }, { chn: { f1: '$FSTART' } }),
      ...nodeEntries('/obj/cam1', 'cam', { res: [640, 480] }),
      // Expressions, so damage also reaches the HScript evaluator (backticks, channel references, a cycle).
      ...nodeEntries('/obj/geo1', 'geo', { name: ['rock'], loop: ['`chs("loop")`'] }),
      ...nodeEntries('/obj/geo1/file2', 'file', { file: ['$HIP/`chs("../name")`.`padzero(4, $F)`.bgeo'], other: ['`chs("../loop")`/a.png'] }),
      ...nodeEntries('/mat/t', 'texture', { map: [{ channel: 'map', value: '' }] }, { chn: { map: '"\\"$HIP/\\" + chs(\\"/obj/geo1/name\\") + \\".rat\\""' } }),
    ]);
    const rnd = prng(20261128);
    let facts = 0;
    let typed = 0;
    for (let i = 0; i < 1200; i += 1) {
      const base = i % 3 === 0 ? sphere : built;
      const input = damage(base, rnd, HIP_DAMAGE);
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
