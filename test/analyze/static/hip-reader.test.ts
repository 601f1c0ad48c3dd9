import { describe, expect, it } from 'vitest';
import { SceneFormatError, readHipStream } from '../../../sidecar/src/analyze';
import { parseParms } from '../../../sidecar/src/analyze/static/houdini';
import { parseChannels, parseDefInputs, parseStart, parseVariables, parseFileParmDefs, parseFallbacks } from '../../../sidecar/src/analyze/static/houdini/hscript-entries';
import { evalFrameExpr } from '../../../sidecar/src/analyze/static/houdini/hscript-expr';
import { buildHip, cpioEntry, nodeEntries, sceneEntries } from '../helpers/hip-builder';

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

describe('hip entry parsers', () => {
  it('parses .parm values: bare, quoted with escapes, channel refs, tuples, %(UDIM)d', () => {
    const parms = parseParms([
      '{', 'version 0.8',
      'f\t[ 0\tlocks=0 ]\t(\t[ f1\t1 ] \t10\t1\t)',
      'vm_pfilter\t[ 0\tlocks=0 ]\t(\t"gaussian -w 2"\t)',
      'label\t[ 0\tlocks=0 ]\t(\t"say \\"hi\\""\t)',
      'tex\t[ 0\tlocks=0 ]\t(\t$HIP/t.%(UDIM)d.rat\t)',
      'name\t[ 0\tlocks=0 ]\t(\t[ name\t\'cached value\' ] \t)',
      'empty\t[ 0\tlocks=0 ]\t(\t)',
      'version\t[ 0\tlocks=0 ]\t(\t3\t)',
      'broken line without parens',
      '}',
    ].join('\n'));
    expect(parms.get('f')).toEqual([{ text: '1', channel: 'f1' }, { text: '10' }, { text: '1' }]);
    expect(parms.get('vm_pfilter')).toEqual([{ text: 'gaussian -w 2' }]);
    expect(parms.get('label')).toEqual([{ text: 'say "hi"' }]);
    expect(parms.get('tex')).toEqual([{ text: '$HIP/t.%(UDIM)d.rat' }]);
    expect(parms.get('name')).toEqual([{ text: 'cached value', channel: 'name' }]);
    expect(parms.get('empty')).toEqual([]);
    // A parm named like the header line (filecache's `version`) is a parm.
    expect(parms.get('version')).toEqual([{ text: '3' }]);
    expect(parms.has('broken')).toBe(false);
  });

  it('reads .start, .variables, .chn, spare file parms and fallbacks', () => {
    expect(parseStart('tcur 3.75\nfps 24\ntset 0 10\nfrange 1 240\n')).toEqual({ fps: 24, fstart: 1, fend: 240, current: 91 });
    expect(parseStart('fps 25\ntset 0.04 2\n')).toMatchObject({ fstart: 2, fend: 51 });
    expect(parseVariables("set -g HIP = 'E:/a b'\nset -g X = 'it\\'s'\nset -l L = 'l'\n")).toEqual({ HIP: 'E:/a b', X: "it's", L: 'l' });
    expect(parseChannels('{\n    channel f1 {\n      segment { length = 0 value = 1 1 expr = $FSTART }\n    }\n    channel f2 {\n      segment { expr = $FEND-1 }\n    }\n  }').get('f2')).toEqual({ expr: '$FEND-1', language: 'hscript', animated: false });
    // As Houdini writes them (from the real qLib scenes): escaped quotes bare, quoted when spaced (and
    // over lines), Python with its language, keyframes as several segments.
    const chn = parseChannels([
      '{', '    channel a {', '      segment { length = 0 expr = ch(\\"end_anglex\\") }', '    }',
      '    channel b {', '      segment { length = 0 expr = "if(strcmp(chs(\'light_type\'), \'distant\') == 0 ||', '   1, 0)" }', '    }',
      '    channel c {', '      segment { length = 0 expr = hou.pwd().hdaModule().build_desc() language = python }', '    }',
      '    channel d {', '      segment { length = 0.5 value = 0 1 expr = bezier() }', '      segment { length = 0.5 value = 1 2 expr = bezier() }', '    }', '  }',
    ].join('\n'));
    expect(Object.fromEntries(chn)).toEqual({
      a: { expr: 'ch("end_anglex")', language: 'hscript', animated: false },
      b: { expr: "if(strcmp(chs('light_type'), 'distant') == 0 ||\n   1, 0)", language: 'hscript', animated: false },
      c: { expr: 'hou.pwd().hdaModule().build_desc()', language: 'python', animated: false },
      d: { expr: 'bezier()', language: 'hscript', animated: true },
    });
    expect(parseDefInputs('flags = x\ninputs\n{\n0 \txform1 0 1\n2 \t"" 0 1\n3 \tnull1 1 1\n}\nstat\n{\n}\n')).toEqual(['xform1', undefined, '', 'null1']);
    expect([...parseFileParmDefs('parm {\n\tname\t"envfile"\n\ttype\tfile\n}\nparm {\n\tname\t"scale"\n\ttype\tfloat\n}\n')]).toEqual(['envfile']);
    expect(parseFallbacks('a::Sop/x::1 /libs/x.hda\na::Sop/x::1 otls/x.hda\nSop/y C:/h/otls/OPlibSop.hda\n')).toEqual([
      { type: 'a::Sop/x::1', library: '/libs/x.hda' },
      { type: 'Sop/y', library: 'C:/h/otls/OPlibSop.hda' },
    ]);
    expect(evalFrameExpr('($FEND - $FSTART) / 2 + 1', { FSTART: 1, FEND: 21 })).toBe(11);
    expect(evalFrameExpr('ch("../f1")', { FSTART: 1 })).toBeUndefined();
  });
});

describe('cpio walking and recovery', () => {
  const good = () => [...sceneEntries({ vars: { _HIP_SAVEVERSION: '18.5.1' } }), ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 5, 1] })];

  it('resyncs after an entry longer than its header says, skipping nested trailers', async () => {
    const damaged = Buffer.concat([
      cpioEntry('.OPdummydefs', 'INDX\n'),
      Buffer.from('extra bytes the header does not count\n'),
      cpioEntry('TRAILER!!!', ''), // a nested trailer inside the damaged library: not the end
      Buffer.from('more\n'),
    ]);
    const hip = Buffer.concat([cpioEntry(...good()[0]!), damaged, ...good().slice(1).map((e) => cpioEntry(...e)), cpioEntry('TRAILER!!!', '')]);
    const facts = await readHipStream(once(hip), '/x/a.hip');
    expect(facts.renderNodes.map((n) => n.node)).toEqual(['/out/m']);
    expect(facts.software.version).toBe('18.5.1');
    // The damage follows .OPdummydefs, an entry the reader skips: a recovered-damage tip, not an incomplete read.
    expect(facts.warnings.filter((w) => w.code === '15108')).toHaveLength(1);
  });

  it('a truncated file gives what was read plus a 15101 (truncated .hip) warning', async () => {
    const hip = buildHip(good());
    const facts = await readHipStream(once(hip.subarray(0, hip.length - 40)), '/x/a.hip');
    expect(facts.warnings.some((w) => w.code === '15101' && /truncated/.test(w.message))).toBe(true);
    expect(facts.software.version).toBe('18.5.1');
  });

  it('skips a non-cpio leading header; refuses a file with no cpio entry', async () => {
    const facts = await readHipStream(once(Buffer.concat([Buffer.from('HouNC\x01\x02 header\n'), buildHip(good())])), '/x/a.hipnc');
    expect(facts.renderNodes).toHaveLength(1);
    await expect(readHipStream(once(Buffer.from('just some text, not a scene')), '/x/a.hip')).rejects.toBeInstanceOf(SceneFormatError);
    await expect(readHipStream(once(Buffer.alloc(0)), '/x/a.hip')).rejects.toBeInstanceOf(SceneFormatError);
  });
});

describe('damaged scenes through AnalyzeHoudini', () => {
  it('a truncated copy of sphere.hip gives job files with a 15101 tip, not an exception', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { AnalyzeHoudini } = await import('../../../sidecar/src/analyze');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hip-trunc-'));
    const oldHome = process.env.RAYVISION_SDK_HOME;
    process.env.RAYVISION_SDK_HOME = dir;
    try {
      const sphere = await readFile(path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'houdini', 'sphere.hip'));
      const cgFile = path.join(dir, 'cut.hip');
      await writeFile(cgFile, sphere.subarray(0, Math.floor(sphere.length * 0.8)));
      const r = await new AnalyzeHoudini({ cgFile, workspace: dir }).analyse({ mode: 'static' });
      expect(r.tips['15101']![0]).toMatch(/truncated/);
      expect(r.task.software_config.cg_version).toBe('17.0.352');
      expect(r.upload.asset).toEqual([{ local: cgFile, server: cgFile }]);
    } finally {
      if (oldHome === undefined) delete process.env.RAYVISION_SDK_HOME;
      else process.env.RAYVISION_SDK_HOME = oldHome;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
