/**
 * Shared pieces of the scene-reader fuzz tests: a seeded PRNG (a failing case replays by its index),
 * the damage every format meets (truncation, byte flips, cut or repeated spans, inserted or pure
 * noise, delimiters in the wrong places), and a loop that feeds each input to a reader.
 */
import { writeFile } from 'node:fs/promises';

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Damage {
  /** Bytes of the original kept in front of pure noise half the time (a valid magic / header). */
  keepHeader: number;
  /** Printable noise gets past a text reader's binary check and into its tokenizer. */
  noise: 'bytes' | 'printable';
  /** Bytes that mean structure in the format (quotes, braces, semicolons, NUL …). */
  delimiters: readonly number[];
  /** Damage only this format can take (chunk sizes, cpio header digits); picked like the others. */
  special?: (copy: Buffer, int: (n: number) => number) => Buffer;
}

/** One damaged copy of `src`. */
export function damage(src: Buffer, rnd: () => number, d: Damage): Buffer {
  const int = (n: number): number => Math.floor(rnd() * n);
  const noise = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => (d.noise === 'printable' ? 0x20 + int(0x5f) : int(256))));
  const b = Buffer.from(src);
  const at = int(b.length);
  switch (int(d.special ? 8 : 7)) {
    case 0: return b.subarray(0, at);
    case 1:
      for (let n = 1 + int(20); n > 0; n--) b[int(b.length)] = int(256);
      return b;
    case 2: return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(2000)))]);
    case 3: return Buffer.concat([b.subarray(0, at), b.subarray(at, at + int(3000)), b.subarray(at)]);
    case 4: return Buffer.concat([b.subarray(0, at), noise(1 + int(300)), b.subarray(at)]);
    case 5: {
      const r = noise(int(4096));
      return rnd() < 0.5 ? Buffer.concat([src.subarray(0, d.keepHeader), r]) : r;
    }
    case 6:
      for (let n = 1 + int(12); n > 0; n--) b[int(b.length)] = d.delimiters[int(d.delimiters.length)]!;
      return b;
    default: return d.special!(b, int);
  }
}

/**
 * Writes each of `cases` inputs to `file` and reads it: a reader must resolve (then `check` the
 * result) or throw an error `typed` accepts; anything else fails the test naming the case.
 */
export async function fuzzFile(o: {
  cases: number;
  file: string;
  input: (i: number) => Buffer;
  read: (file: string) => Promise<unknown>;
  check: (result: unknown) => void;
  typed: (err: unknown) => boolean;
}): Promise<{ ok: number; rejected: number }> {
  let ok = 0;
  let rejected = 0;
  for (let i = 0; i < o.cases; i++) {
    await writeFile(o.file, o.input(i));
    let result: unknown;
    try {
      result = await o.read(o.file);
    } catch (e) {
      if (!o.typed(e)) throw new Error(`case ${i}: ${String(e)}`, { cause: e });
      rejected++;
      continue;
    }
    o.check(result);
    ok++;
  }
  return { ok, rejected };
}
