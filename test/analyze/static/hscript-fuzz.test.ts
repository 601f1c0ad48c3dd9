import { describe, expect, it } from 'vitest';
import { SceneFacts } from '../../../protocol/src/scene';
import { AnalyzeError, readHipStream } from '../../../sidecar/src/analyze';
import { readCpio } from '../../../sidecar/src/analyze/static/houdini/cpio';
import { HipModel, addEntry, wantEntry } from '../../../sidecar/src/analyze/static/houdini/hip-model';
import { hipScene } from '../../../sidecar/src/analyze/static/houdini/hip-scene';
import { HscriptError, HscriptEvaluator, MAX_STEPS } from '../../../sidecar/src/analyze/static/houdini/hscript';
import { prng } from '../helpers/fuzz';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';

/**
 * The HScript evaluator on random and hostile expressions: each gives a value or an HscriptError —
 * never another exception, a hang, or a stack overflow (the evaluator's bounds, not the engine's,
 * must stop it: an engine RangeError would show as "ran out of room").
 */
const chain = Array.from({ length: 40 }, (_, i) => nodeEntries(`/obj/chain/c${i}`, 'null', { p: [`\`chs("../c${i + 1}/p")\``] })).flat();
const doubling = Array.from({ length: 30 }, (_, i) => nodeEntries(`/obj/exp/e${i}`, 'null', { p: [`\`strcat(chs("../e${i + 1}/p"), chs("../e${i + 1}/p"))\``] })).flat();
const SCENE = buildHip([
  ...sceneEntries({ vars: { HIP: '/old', JOB: '/old/job', TEXDIR: '$HIP/tex', LOOP: '$LOOP/x' } }),
  ...nodeEntries('/obj/n0', 'geo', { p0: ['$HIP/tex/a.png'], p1: ['`chs("p0")`'], name: ['rock'], num: [3], tog: ['on'], res: [640, 480] }),
  ...nodeEntries('/obj/n1', 'geo', { cyc_a: ['`chs("cyc_b")`'], cyc_b: ['`chs("cyc_a")`'], self: ['`chs("self")`'], path: ['../n0'] }, { inputs: ['n0'] }),
  ...nodeEntries('/obj/n2', 'geo', {
    p1: [{ channel: 'p1', value: '' }], py: [{ channel: 'py', value: 'cached.png' }], anim: [{ channel: 'anim', value: 1 }],
  }, { chn: { p1: '"\\"$HIP/\\" + chs(\\"../n0/name\\")"', py: 'hou.pwd().name() language = python', anim: 'ch(\\"../n2/anim\\")' } }),
  ...nodeEntries('/obj/chain/c40', 'null', { p: ['end'] }),
  ...nodeEntries('/obj/exp/e30', 'null', { p: ['ab'] }),
  ...chain,
  ...doubling,
]);

async function* one(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

async function evaluator(): Promise<HscriptEvaluator> {
  const model = new HipModel();
  for await (const e of readCpio(one(SCENE), { want: wantEntry, warnings: model.warnings })) addEntry(model, e);
  return new HscriptEvaluator(hipScene(model, '/proj/shot.hip'));
}

const FUNCTIONS = ['chs', 'ch', 'chf', 'chsop', 'chsraw', 'padzero', 'strcat', 'strreplace', 'strlen', 'substr', 'opname', 'opfullpath',
  'opinputpath', 'oprelativepath', 'if', 'ifs', 'int', 'floor', 'round', 'min', 'clamp', 'strcmp', 'lock', 'pythonexprs', 'detail', 'nosuch'];
const REFS = ['p0', 'p1', 'name', 'num', 'tog', 'res2', 'resx', '../n0/p1', '/obj/n0/name', '../n1/cyc_a', '/obj/n1/self', '../n2/p1', '/obj/n2/py',
  '/obj/n2/anim', '/obj/chain/c0/p', '/obj/exp/e0/p', '../missing/x', '', '/', '../../../..', 'p0/'];
const VARS = ['$F', '$F4', '${F4}', '$FF', '$T', '$SF', '$HIP', '$JOB', '$OS', '$FSTART', '$FEND', '$NOPE', '$TEXDIR', '$LOOP', '${HIP}'];
const OPS = ['+', '-', '*', '/', '%', '^', '==', '!=', '<', '>=', '&&', '||'];
const NOISE = '"\'`()$,{}\\ +-*/.^!<=>&|#%';

function generator(rnd: () => number) {
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const quote = (s: string): string => (rnd() < 0.5 ? `"${s}"` : `'${s}'`);
  const expr = (depth: number): string => {
    const r = rnd();
    if (depth > 4 || r < 0.25) {
      const a = rnd();
      if (a < 0.25) return String(rnd() < 0.5 ? int(100) : (rnd() * 10).toFixed(int(4)));
      if (a < 0.5) return pick(VARS);
      if (a < 0.75) return quote(pick([...REFS, '$HIP/tex', 'v001', '/', '.', '..', '']));
      return `chs(${quote(pick(REFS))})`;
    }
    if (r < 0.5) return `${expr(depth + 1)} ${pick(OPS)} ${expr(depth + 1)}`;
    if (r < 0.55) return `${pick(['-', '!', '+'])}${expr(depth + 1)}`;
    if (r < 0.6) return `(${expr(depth + 1)})`;
    const args = Array.from({ length: int(4) }, () => expr(depth + 1));
    return `${pick(FUNCTIONS)}(${args.join(', ')})`;
  };
  const mutate = (s: string): string => {
    let out = s;
    for (let n = int(4); n > 0 && out.length > 0; n -= 1) {
      const at = int(out.length);
      const k = int(3);
      if (k === 0) out = out.slice(0, at) + out.slice(at + 1);
      else if (k === 1) out = out.slice(0, at) + NOISE[int(NOISE.length)] + out.slice(at);
      else out = out.slice(0, at) + out.slice(at, at + int(20)) + out.slice(at);
    }
    return out;
  };
  /** A parm string: text, variables and backtick expressions, sometimes damaged. */
  const parmString = (): string => {
    const parts = Array.from({ length: 1 + int(4) }, () => {
      const r = rnd();
      return r < 0.3 ? pick(['$HIP/tex/', 'geo/sim.', '.bgeo.sc', 'C:\\tex\\', '_v', '.png']) : r < 0.5 ? pick(VARS) : `\`${expr(0)}\``;
    });
    const s = parts.join('');
    return rnd() < 0.3 ? mutate(s) : s;
  };
  return { expr: (): string => (rnd() < 0.3 ? mutate(expr(0)) : expr(0)), parmString };
}

/** Runs one evaluation: its outcome, or fails the test on anything but an HscriptError. */
function outcome(run: () => unknown, input: string): 'value' | HscriptError {
  try {
    const v = run();
    expect(v).toBeDefined();
    return 'value';
  } catch (err) {
    if (!(err instanceof HscriptError)) throw new Error(`${JSON.stringify(input)} threw ${String(err)}`, { cause: err });
    expect(err.message, input).not.toMatch(/ran out of room/);
    return err;
  }
}

describe('HScript evaluator fuzz', () => {
  it('1,200 random expressions and parm strings: a value or a typed error, never a crash, hang or overflow', async () => {
    const e = await evaluator();
    const gen = generator(prng(20261202));
    const counts = { value: 0, error: 0 };
    const failures = new Set<string>();
    for (let i = 0; i < 1200; i += 1) {
      const node = ['/obj/n0', '/obj/n1', '/obj/n2', '/obj/chain/c3', '/'][i % 5]!;
      const input = i % 2 === 0 ? gen.expr() : gen.parmString();
      const r = i % 2 === 0 ? outcome(() => e.expression(node, input), input) : outcome(() => e.parmString(node, input), input);
      if (r === 'value') counts.value += 1;
      else {
        counts.error += 1;
        failures.add(r.failure);
      }
    }
    expect(counts.value + counts.error).toBe(1200);
    // Both outcomes are common, and the generator reaches every kind of failure.
    expect(counts.value).toBeGreaterThan(200);
    expect(counts.error).toBeGreaterThan(200);
    expect([...failures].sort()).toEqual(['cycle', 'frame', 'limit', 'missing', 'python', 'syntax', 'type', 'unsupported']);
  });

  it('hostile inputs end at the evaluator\'s bounds', async () => {
    const e = await evaluator();
    const limit = (run: () => unknown): string => {
      const r = outcome(run, 'hostile');
      expect(r).toBeInstanceOf(HscriptError);
      return (r as HscriptError).failure;
    };
    expect(limit(() => e.expression('/obj/n0', '('.repeat(3000) + '1' + ')'.repeat(3000)))).toBe('limit');
    expect(limit(() => e.expression('/obj/n0', '-'.repeat(3000) + '1'))).toBe('limit');
    expect(limit(() => e.expression('/obj/n0', '1' + '+1'.repeat(1500)))).toBe('limit');
    expect(limit(() => e.expression('/obj/n0', 'x'.repeat(5000)))).toBe('limit');
    // 40 hops: past the hop bound. 30 doublings: the shared parm is evaluated once, the string bound stops it.
    expect(limit(() => e.expression('/obj/n0', 'chs("/obj/chain/c0/p")'))).toBe('limit');
    expect(limit(() => e.expression('/obj/n0', 'chs("/obj/exp/e0/p")'))).toBe('limit');
    expect(e.expression('/obj/n0', 'strlen(chs("/obj/exp/e20/p"))')).toBe(2 ** 11);
    expect(limit(() => e.expression('/obj/n1', 'chs("cyc_a")'))).toBe('cycle');
    expect(limit(() => e.expression('/obj/n1', 'chs("self")'))).toBe('cycle');
    // Variables that name themselves stay as written instead of looping.
    expect(e.parmString('/obj/n0', '`strreplace($LOOP, "x", "y")`')).toContain('$LOOP');
    expect(MAX_STEPS).toBeGreaterThan(1000);
  });

  it('200 .hip files whose file parms hold random expressions: facts or a typed error', async () => {
    const gen = generator(prng(7));
    let facts = 0;
    for (let i = 0; i < 200; i += 1) {
      const hip = buildHip([
        ...sceneEntries({ vars: { HIP: '/x' } }),
        ...nodeEntries('/obj/g/n0', 'null', { name: [gen.parmString()], p: [gen.parmString()] }),
        ...nodeEntries('/obj/g/file1', 'file', { filemode: ['read'], file: [gen.parmString()] }),
        ...nodeEntries('/obj/g/file2', 'file', { filemode: ['read'], file: [{ channel: 'file', value: '' }] }, { chn: { file: JSON.stringify(gen.expr()) } }),
        ...nodeEntries('/mat/t', 'texture', { map: [`\`${gen.expr()}\``] }),
      ]);
      try {
        const result = await readHipStream(one(hip), '/tmp/fuzz/shot.hip');
        expect(SceneFacts.safeParse(result).success).toBe(true);
        for (const r of result.references) if (r.needsDcc) expect(r.dccReason).toBeTruthy();
        facts += 1;
      } catch (err) {
        if (!(err instanceof AnalyzeError)) throw new Error(`hip ${i} threw ${String(err)}`, { cause: err });
      }
    }
    expect(facts).toBe(200);
  });
});
