import { beforeAll, describe, expect, it } from 'vitest';
import { readCpio } from '../../../sidecar/src/analyze/static/houdini/cpio';
import { HipModel, addEntry, wantEntry } from '../../../sidecar/src/analyze/static/houdini/hip-model';
import { hipScene } from '../../../sidecar/src/analyze/static/houdini/hip-scene';
import { HscriptError, HscriptEvaluator, type HscriptFailure } from '../../../sidecar/src/analyze/static/houdini/hscript';
import { buildHip, nodeEntries, sceneEntries } from '../helpers/hip-builder';

/** The evaluator's semantics, node by node, on a built .hip read by the real reader. */
let e: HscriptEvaluator;
beforeAll(async () => {
  const hip = buildHip([
    ...sceneEntries({ fps: 25, tset: [0, 4], vars: { HIP: '/old/shots', JOB: '/old', LIB: '$JOB/lib', NAME: 'shot_v003.hip' } }),
    ...nodeEntries('/obj/geo1', 'geo', { name: ['rock'], ver: [7], tog: ['on'], res: [1920, 1080], t: [1, 2.5, 3], target: ['../cam1'], empty: [''] }, { inputs: ['', 'cam1'] }),
    ...nodeEntries('/obj/geo1/file1', 'file', { file: ['$HIP/geo/$OS.`padzero(3, ch("../ver"))`.bgeo'], back: ['a\\`b\\$c'] }),
    ...nodeEntries('/obj/cam1', 'cam', { res: [640, 480] }),
    ...nodeEntries('/obj/geo1/anim', 'null', { k: [{ channel: 'k', value: 4 }], s: [{ channel: 's', value: 'cached' }] }, {
      chn: { k: '$FEND * 2', s: 'spline()' },
    }),
  ]);
  const model = new HipModel();
  async function* one(): AsyncGenerator<Buffer> {
    yield hip;
  }
  for await (const entry of readCpio(one(), { want: wantEntry, warnings: model.warnings })) addEntry(model, entry);
  e = new HscriptEvaluator(hipScene(model, '/proj/shots/shot_v003.hip'));
});

const at = '/obj/geo1/file1';
const failure = (run: () => unknown): HscriptFailure => {
  try {
    run();
  } catch (err) {
    if (err instanceof HscriptError) return err.failure;
    throw err;
  }
  throw new Error('no error');
};

describe('HScript evaluator', () => {
  it('expands a parm string: $OS of its node, backticks, escapes, other variables kept for the token grammar', () => {
    expect(e.parmString(at, '$HIP/geo/$OS.`padzero(3, ch("../ver"))`.bgeo')).toBe('$HIP/geo/file1.007.bgeo');
    expect(e.parmString(at, 'a\\`b\\$c')).toBe('a`b$c');
    expect(e.parmString(at, '$JOB/`chs("../name")`_$F4.exr')).toBe('$JOB/rock_$F4.exr');
    expect(e.parmString(at, '`chs("../name")`$F`chs("../name")`')).toBe('rock${F}rock');
    expect(e.parmString(at, '$NAME:r.`$F`')).toBe('shot_v003.$F');
  });

  it('frames stay symbolic: padzero, $F arithmetic, $FF and $T are file-name tokens', () => {
    expect(e.parmString(at, '`padzero(4, $F)`')).toBe('$F4');
    expect(e.parmString(at, '`padzero(4, $F - 1)`')).toBe('$F4');
    expect(e.parmString(at, '`$F * 2`')).toBe('$F');
    expect(e.parmString(at, '`$F / 2`')).toBe('$FF');
    expect(e.parmString(at, '`$T`')).toBe('$FF');
    expect(e.parmString(at, '`padzero(12, $F)`')).toBe('$F12');
    expect(e.parmString(at, '`padzero(5, -12.7)`')).toBe('-00012');
    expect(failure(() => e.expression(at, 'if($F > 10, "a", "b")'))).toBe('frame');
    expect(failure(() => e.expression(at, 'padzero($F, 4)'))).toBe('frame');
  });

  it('numbers: scene frame range, arithmetic, Houdini formatting', () => {
    expect(e.expression(at, '$FSTART + $FEND')).toBe(101);
    expect(e.expression(at, '$FPS')).toBe(25);
    expect(e.parmString(at, '`1/3`')).toBe('0.333333');
    expect(e.expression(at, '2 ^ 3 ^ 2')).toBe(512);
    expect(e.expression(at, '-2 ^ 2')).toBe(-4);
    expect(e.expression(at, '7 % 4 + 10 / 4')).toBe(5.5);
    expect(failure(() => e.expression(at, '1 / 0'))).toBe('type');
  });

  it('channel references: same node, relative, absolute, tuple components, toggles, channels', () => {
    expect(e.expression(at, 'ch("../ver") + ch("/obj/geo1/res2")')).toBe(1087);
    expect(e.expression(at, 'ch("../tog")')).toBe(1);
    expect(e.expression(at, 'ch("../ty")')).toBe(2.5);
    expect(e.expression('/obj/geo1', 'ch("resx")')).toBe(1920);
    expect(e.expression(at, 'ch("../anim/k")')).toBe(200);
    // One keyframe segment: the saved value (several segments would be a 'frame' failure).
    expect(e.parmString(at, '`chs("../anim/s")`')).toBe('cached');
    expect(e.parmString(at, '`chsraw("file")`')).toBe('$HIP/geo/$OS.`padzero(3, ch("../ver"))`.bgeo');
    expect(e.parmString(at, '`chsop("../target")`')).toBe('/obj/cam1');
    expect(failure(() => e.expression(at, 'chs("../nosuch")'))).toBe('missing');
    expect(failure(() => e.expression(at, 'chs("../../../../x")'))).toBe('missing');
    expect(failure(() => e.expression(at, 'ch("../name")'))).toBe('type');
  });

  it('strings and node functions', () => {
    expect(e.parmString(at, '`"$HIP/tex/" + chs("../name") + ".png"`')).toBe('$HIP/tex/rock.png');
    expect(e.parmString(at, "`'$HIP'`")).toBe('$HIP');
    expect(e.parmString(at, '`strreplace($HIP, "proj", "other")`')).toBe('/other/shots');
    expect(e.parmString(at, '`strreplace($HIP + "/a_b", "_", "/")`')).toBe('$HIP/a/b');
    expect(e.parmString(at, '`strreplace($LIB, "lib", "tex")`')).toBe('/proj/tex');
    expect(e.expression(at, 'strlen("abc") + strcmp("a", "b")')).toBe(2);
    expect(e.parmString(at, '`substr("abcdef", 2, 3)`')).toBe('cde');
    expect(e.parmString(at, '`strcat(opname(".."), "_", opname("."))`')).toBe('geo1_file1');
    expect(e.parmString(at, '`opfullpath("../../cam1")`')).toBe('/obj/cam1');
    expect(e.parmString(at, '`oprelativepath("/obj/cam1", ".")`')).toBe('../geo1/file1');
    expect(e.parmString('/obj/geo1', '`opinputpath(".", 1)`|`opinputpath(".", 0)`|`opinputpath(".", 5)`')).toBe('/obj/cam1||');
    expect(e.parmString(at, '`ifs(strcmp(chs("../name"), "rock") == 0, "stone", 1/0)`')).toBe('stone');
    expect(e.parmString(at, '`if(ch("../empty") , "x", "y")`')).toBe('y');
  });

  it('what it does not evaluate is a typed failure', () => {
    expect(failure(() => e.expression(at, 'pythonexprs("1")'))).toBe('python');
    expect(failure(() => e.expression(at, 'hou.pwd().name()'))).toBe('python');
    expect(e.parmString(at, '`"$HIP/tex/hou.python(1).png"`')).toBe('$HIP/tex/hou.python(1).png');
    expect(failure(() => e.expression(at, 'detail("../x", "a", 0)'))).toBe('unsupported');
    expect(failure(() => e.expression(at, 'rock'))).toBe('unsupported');
    expect(failure(() => e.expression(at, 'padzero(4)'))).toBe('syntax');
    expect(failure(() => e.parmString(at, '`chs("name"'))).toBe('syntax');
    expect(failure(() => e.expression(at, '"abc'))).toBe('syntax');
    expect(failure(() => e.expression(at, '1 +'))).toBe('syntax');
  });
});
