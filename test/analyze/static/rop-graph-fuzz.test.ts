import { describe, expect, it } from 'vitest';
import { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeError, readHipStream } from '../../../sidecar/src/analyze';
import { geoNodeRanks, houdiniRunOrder } from '../../../sidecar/src/analyze/jobs/rop-order';
import { parseTakes, takeChain } from '../../../sidecar/src/analyze/static/houdini/takes';
import { damage, prng, type Damage } from '../helpers/fuzz';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';

const TEXT_DAMAGE: Damage = { keepHeader: 6, noise: 'printable', delimiters: [0x7b, 0x7d, 0x0a, 0x2f, 0x22, 0x09] };

const TAKES = `HoudiniTakeFile 1.0
take name Main kids 1
   e
take name take1 kids 1
   parm /out/m
{
version 0.8
f\t[ 0\tlocks=0 ]\t(\t5\t20\t1\t)
}
   e
take name take2 kids 0
   flags /out/a bypass on
   e
`;

/** Every node once in the run order, and geo ranks "1".."N": whatever the graph, even with cycles. */
function checkOrder(facts: SceneFacts): void {
  const order = houdiniRunOrder(facts).map((n) => n.node);
  expect(new Set(order).size).toBe(order.length);
  const ranks = [...geoNodeRanks(facts).values()].map(Number).sort((x, y) => x - y);
  expect(ranks).toEqual(ranks.map((_, i) => i + 1));
}

describe('ROP graph and takes fuzz', () => {
  it('1,200 damaged .hip files with a ROP graph and takes: facts with a finite order, or a typed error', async () => {
    const base = buildHip([
      ...sceneEntries({ vars: { ACTIVETAKE: 'take2' } }),
      ...nodeEntries('/out/m', 'ifd', { f: [1, 10, 1], take: ['take1'] }, { inputs: ['merge1', 'fetch1'] }),
      ...nodeEntries('/out/merge1', 'merge', {}, { inputs: ['a', 'b', 'c'] }),
      ...nodeEntries('/out/fetch1', 'fetch', { source: ['/obj/g/rop_geometry1'] }, { inputs: ['wedge1'] }),
      ...nodeEntries('/out/wedge1', 'wedge', { driver: ['../a'] }),
      ...nodeEntries('/out/a', 'geometry', { sopoutput: ['$HIP/a.bgeo'] }, { inputs: ['b'] }),
      ...nodeEntries('/out/b', 'geometry', { sopoutput: ['$HIP/b.bgeo'] }, { inputs: ['a'], bypass: true }),
      ...nodeEntries('/out/c', 'subnet', {}, { inputs: ['a'] }),
      ...nodeEntries('/out/c/inner', 'geometry', { sopoutput: ['$HIP/c.bgeo'] }),
      ...nodeEntries('/obj/g/rop_geometry1', 'rop_geometry', { sopoutput: ['$HIP/g.bgeo'] }),
      ['.takes', TAKES],
    ]);
    const rnd = prng(20261202);
    let facts = 0;
    let typed = 0;
    for (let i = 0; i < 1200; i += 1) {
      const input = damage(base, rnd, { ...TEXT_DAMAGE, noise: i % 2 ? 'printable' : 'bytes' });
      try {
        const result = await readHipStream((async function* () { yield input; })(), '/tmp/fuzz.hip');
        expect(SceneFacts.safeParse(result).success).toBe(true);
        checkOrder(result);
        facts += 1;
      } catch (err) {
        if (!(err instanceof AnalyzeError)) throw new Error(`input ${i} threw ${String(err)}`, { cause: err });
        typed += 1;
      }
    }
    expect(facts + typed).toBe(1200);
    expect(facts).toBeGreaterThan(600);
  });

  it('1,000 damaged and random .takes texts parse without throwing; take chains end', () => {
    const rnd = prng(7);
    for (let i = 0; i < 1000; i += 1) {
      const text = damage(Buffer.from(TAKES), rnd, TEXT_DAMAGE).toString('latin1');
      const takes = parseTakes(text);
      for (const name of takes.keys()) expect(takeChain(takes, name).length).toBeLessThanOrEqual(takes.size);
    }
    // A take that names itself (or a loop of parents) as its parent cannot loop the chain.
    const looped = parseTakes('take name a kids 1\ntake name a kids 1\n');
    expect(takeChain(looped, 'a').length).toBe(1);
  });

  it('300 random graphs of 40 nodes (cycles, self-loops, dangling names) give a finite order with each node once', async () => {
    const rnd = prng(99);
    const int = (n: number): number => Math.floor(rnd() * n);
    for (let g = 0; g < 300; g += 1) {
      const names = Array.from({ length: 40 }, (_, i) => `n${i}`);
      const entries = names.flatMap((name, i) => {
        const inputs = Array.from({ length: int(4) }, () => (rnd() < 0.1 ? 'nosuch' : names[int(40)]!));
        const type = i % 7 === 0 ? 'merge' : i % 5 === 0 ? 'ifd' : 'geometry';
        return nodeEntries(`/out/${name}`, type, { sopoutput: [`$HIP/${name}.bgeo`] }, { inputs, bypass: rnd() < 0.1 });
      });
      const facts = await readHipStream((async function* () { yield buildHip([...sceneEntries({}), ...entries]); })(), '/tmp/g.hip');
      checkOrder(facts);
    }
  });

  it('a chain of 5,000 ROPs (deeper than a recursive walk could go) is ordered whole', async () => {
    const n = 5000;
    const entries = Array.from({ length: n }, (_, i) => nodeEntries(`/out/g${i}`, 'geometry', { sopoutput: [`$HIP/g${i}.bgeo`] }, { inputs: i ? [`g${i - 1}`] : [] })).flat();
    entries.push(...nodeEntries('/out/m', 'ifd', {}, { inputs: [`g${n - 1}`] }));
    const facts = await readHipStream((async function* () { yield buildHip([...sceneEntries({}), ...entries]); })(), '/tmp/chain.hip');
    const order = houdiniRunOrder(facts).map((x) => x.node);
    expect(order.length).toBe(n + 1);
    expect(order.slice(0, 2)).toEqual(['/out/g0', '/out/g1']);
    expect(geoNodeRanks(facts).get(`/out/g${n - 1}`)).toBe(String(n));
  });
});
