import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandReference } from '../../../sidecar/src/analyze/tokens';
import { tempTree } from '../helpers/temp-dir';

let tree: Awaited<ReturnType<typeof tempTree>>;
beforeAll(async () => {
  tree = await tempTree('tokens-');
  for (const t of ['1001', '1002', '1011']) await tree.file(`tex/wood.${t}.exr`);
  await tree.file('tex/wood.10x1.exr');
  for (const f of ['0001', '0002', '0003']) await tree.file(`geo 序列/sim.${f}.bgeo.sc`);
  await tree.file('geo 序列/sim.12.bgeo.sc');
  await tree.file('tex/a_u1_v1.png');
  await tree.file('tex/a_u2_v1.png');
  await tree.file('tex/plain.png');
  await tree.file('seq/img.0010.exr');
  await tree.file('seq/img.0011.exr');
});
afterAll(() => tree.cleanup());

const ctx = (extra: Record<string, string> = {}, sequence = false) => ({ variables: { HIP: '', ...extra }, baseDir: tree.dir, env: {}, sequence });

describe('expandReference', () => {
  it('lists UDIM tiles from the directory, not by guessing numbers', async () => {
    const r = await expandReference('$HIP/tex/wood.<UDIM>.exr', ctx({ HIP: tree.dir }));
    expect(r.files).toEqual(['1001', '1002', '1011'].map((t) => path.join(tree.dir, `tex/wood.${t}.exr`)));
    expect(r.pattern).toBe(true);
  });

  it('lists frame sequences with padding, in folders with spaces and Chinese names', async () => {
    const r = await expandReference('$HIP/geo 序列/sim.$F4.bgeo.sc', ctx({ HIP: tree.dir }));
    expect(r.files.map((f) => path.basename(f))).toEqual(['sim.0001.bgeo.sc', 'sim.0002.bgeo.sc', 'sim.0003.bgeo.sc']);
    const unpadded = await expandReference('geo 序列/sim.$F.bgeo.sc', ctx());
    expect(unpadded.files).toHaveLength(4);
  });

  it('expands u<U>_v<V>, relative paths, and a numbered file flagged as a sequence', async () => {
    expect((await expandReference('tex/a_u<U>_v<V>.png', ctx())).files).toHaveLength(2);
    expect((await expandReference('tex/plain.png', ctx())).files).toEqual([path.join(tree.dir, 'tex/plain.png')]);
    const seq = await expandReference(`${tree.dir}/seq/img.0010.exr`, ctx({}, true));
    expect(seq.files.map((f) => path.basename(f))).toEqual(['img.0010.exr', 'img.0011.exr']);
  });

  it('reports unresolved variables and missing files without throwing', async () => {
    const r = await expandReference('$NOPE/tex/a.png', ctx());
    expect(r.unresolved).toEqual(['NOPE']);
    expect(r.files).toEqual([]);
    const m = await expandReference('$HIP/tex/none.<UDIM>.exr', ctx({ HIP: tree.dir }));
    expect(m.files).toEqual([]);
    expect(m.display).toBe(`${tree.dir}/tex/none.*.exr`);
  });

  it('applies Houdini variable modifiers (:r :t :h :e)', async () => {
    const r = await expandReference('$HIP/tex/$NAME:r.png', ctx({ HIP: tree.dir, NAME: 'plain.hip' }));
    expect(r.files).toEqual([path.join(tree.dir, 'tex/plain.png')]);
    const t = await expandReference('$HIP/tex/$FILE:t', ctx({ HIP: tree.dir, FILE: '/other/place/plain.png' }));
    expect(t.files).toEqual([path.join(tree.dir, 'tex/plain.png')]);
    const h = await expandReference('$DIR:h/plain.png', ctx({ DIR: `${tree.dir}/tex/x.png` }));
    expect(h.files).toEqual([path.join(tree.dir, 'tex/plain.png')]);
  });

  it('resolves variables recursively, then the environment', async () => {
    const r = await expandReference('$JOB/plain.png', { variables: { JOB: '$ROOT/tex' }, env: { ROOT: tree.dir }, baseDir: '/' });
    expect(r.files).toEqual([path.join(tree.dir, 'tex/plain.png')]);
  });

  it('never sweeps a folder: an unevaluated expression is not looked up, a token only varies the file name', async () => {
    const expr = await expandReference('$HIP/tex/`chs("specMap1")`', ctx({ HIP: tree.dir }));
    expect(expr).toMatchObject({ files: [], needsDcc: true, pattern: false, problem: 'expression needs the DCC to evaluate' });
    const whole = await expandReference('`chs("../file")`', ctx());
    expect(whole.files).toEqual([]);
    const inFolder = await expandReference('$HIP/$F4/plain.png', ctx({ HIP: tree.dir }));
    expect(inFolder.files).toEqual([]);
    expect(inFolder.problem).toMatch(/folder name/);
    // The token sits where the frame number is: other names in the folder never match.
    const seq = await expandReference('$HIP/seq/img.$F4.exr', ctx({ HIP: tree.dir }));
    expect(seq.files.map((f) => path.basename(f))).toEqual(['img.0010.exr', 'img.0011.exr']);
    // No token: one file, even when the folder holds numbered neighbours.
    expect((await expandReference('$HIP/seq/img.0010.exr', ctx({ HIP: tree.dir }))).files).toEqual([path.join(tree.dir, 'seq/img.0010.exr')]);
  });
});
