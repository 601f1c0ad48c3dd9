import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../sidecar/src/analyze/tokens';

const kinds = (raw: string): string[] =>
  tokenize(raw).map((t) => (t.kind === 'text' ? `T:${t.text}` : t.kind === 'var' ? `V:${t.name}` : t.kind === 'frame' ? `F:${t.pad}` : t.kind === 'tile' ? `U:${t.style}` : t.kind));

describe('token grammar', () => {
  it('reads Houdini variables and frame tokens', () => {
    expect(kinds('$HIP/render/$HIPNAME.$OS.$F4.exr')).toEqual(['V:HIP', 'T:/render/', 'V:HIPNAME', 'T:.', 'V:OS', 'T:.', 'F:4', 'T:.exr']);
    expect(kinds('${JOB}/geo/a.${F3}.bgeo.sc')).toEqual(['V:JOB', 'T:/geo/a.', 'F:3', 'T:.bgeo.sc']);
    expect(kinds('$HIP/a.$F.bgeo')).toEqual(['V:HIP', 'T:/a.', 'F:0', 'T:.bgeo']);
    expect(kinds('$HIP/a.$FF.bgeo')).toEqual(['V:HIP', 'T:/a.', 'F:0', 'T:.bgeo']);
    expect(kinds('$HIP/a.`padzero(5,$F)`.bgeo')).toEqual(['V:HIP', 'T:/a.', 'F:5', 'T:.bgeo']);
    expect(kinds('$HIP/a.`chs("x")`.bgeo')).toEqual(['V:HIP', 'T:/a.', 'expr', 'T:.bgeo']);
    expect(kinds('$FSTART')).toEqual(['V:FSTART']);
    expect(tokenize('$HIPNAME:r.$F4:x')).toEqual([
      { kind: 'var', name: 'HIPNAME', raw: '$HIPNAME:r', modifiers: 'r' },
      { kind: 'text', text: '.' },
      { kind: 'frame', pad: 4, raw: '$F4' },
      { kind: 'text', text: ':x' },
    ]);
  });

  it('reads Maya, Clarisse and printf tokens', () => {
    expect(kinds('tex/a.<f>.exr')).toEqual(['T:tex/a.', 'F:0', 'T:.exr']);
    expect(kinds('tex/a.<UDIM>.exr')).toEqual(['T:tex/a.', 'U:udim', 'T:.exr']);
    expect(kinds('tex/a<tile>.exr')).toEqual(['T:tex/a', 'U:tile', 'T:.exr']);
    expect(kinds('tex/a_u<U>_v<V>.exr')).toEqual(['T:tex/a_u', 'U:U', 'T:_v', 'U:V', 'T:.exr']);
    expect(kinds('tex/a.<UVTILE>.tx')).toEqual(['T:tex/a.', 'U:uvtile', 'T:.tx']);
    expect(kinds('tex/a.%(UDIM)d.rat')).toEqual(['T:tex/a.', 'U:udim', 'T:.rat']);
    expect(kinds('seq/a.####.exr')).toEqual(['T:seq/a.', 'F:4', 'T:.exr']);
    expect(kinds('seq/a.%04d.exr')).toEqual(['T:seq/a.', 'F:4', 'T:.exr']);
    expect(kinds('$PDIR/a.$4F.exr')).toEqual(['V:PDIR', 'T:/a.', 'F:4', 'T:.exr']);
    expect(kinds('$(ROOT)/%TEX%/a.png')).toEqual(['V:ROOT', 'T:/', 'V:TEX', 'T:/a.png']);
    expect(kinds('<MAYA_RESOURCES>/a.ocio')).toEqual(['V:MAYA_RESOURCES', 'T:/a.ocio']);
    expect(kinds('D:/plain path/a b.png')).toEqual(['T:D:/plain path/a b.png']);
  });
});
