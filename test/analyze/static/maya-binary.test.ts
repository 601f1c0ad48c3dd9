import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMayaAscii, readMayaBinary, SceneParseError } from '../../../sidecar/src/analyze/static/maya';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'maya');

// A minimal writer of Maya's IFF (spec/analysis.md §4.3). 64-bit (FOR8): header tag + 4 unused bytes
// + size(8), leaves padded to 8 from their start, groups to 4 (as demo_scenc.mb). 32-bit (FOR4):
// tag + size(4), everything padded to 4.
let wide = true;
const pad = (b: Buffer, to: number): Buffer => Buffer.concat([b, Buffer.alloc((to - (b.length % to)) % to)]);
function header(tag: string, size: number): Buffer {
  const h = Buffer.alloc(wide ? 16 : 8);
  h.write(tag, 0, 'latin1');
  if (wide) {
    h.writeUInt32BE(0x4b020000, 4);
    h.writeBigUInt64BE(BigInt(size), 8);
  } else h.writeUInt32BE(size, 4);
  return h;
}
const leaf = (tag: string, data: Buffer): Buffer => pad(Buffer.concat([header(tag, data.length), data]), wide ? 8 : 4);
function group(tag: string, form: string | Buffer, children: Buffer[]): Buffer {
  const body = Buffer.concat([typeof form === 'string' ? Buffer.from(form, 'latin1') : form, ...children]);
  return pad(Buffer.concat([header(wide ? tag : tag.replace('8', '4'), body.length), body]), 4);
}
const z = (...parts: string[]): Buffer => Buffer.concat(parts.map((p) => Buffer.from(`${p}\0`, 'utf8')));
const crea = (name: string, parent?: string): Buffer =>
  leaf('CREA', Buffer.concat([Buffer.from([0x05]), parent ? z(name, parent) : z(name), Buffer.alloc(16, 7)]));
const str = (attr: string, value: string): Buffer => leaf('STR ', Buffer.concat([z(attr), Buffer.from([0x20]), z(value)]));
function dble(attr: string, v: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return leaf('DBLE', Buffer.concat([z(attr), Buffer.from([0x20]), b]));
}
function time(attr: string, frames: number, fps: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(Math.round((frames * 141120000) / fps)));
  return leaf('DBLE', Buffer.concat([z(attr), Buffer.from([0x20]), b]));
}
const node = (form: string | Buffer, ...chunks: Buffer[]): Buffer => group('FOR8', form, chunks);
const select = (name: string, ...chunks: Buffer[]): Buffer => node('SLCT', leaf('SLCT', Buffer.from(name)), ...chunks);
const cwfl = (src: string, dst: string): Buffer => leaf('CWFL', Buffer.concat([Buffer.from([0]), z(src, dst)]));
const ABC_ID = Buffer.from([0x00, 0x10, 0x5e, 0x01]);

function scene(start = 5): Buffer {
  const head = node('HEAD',
    leaf('VERS', Buffer.from('2020')), leaf('INCL', z('D:/proj/set.ma', 'D:/proj/extra.mb')), leaf('TUNI', Buffer.from('ntsc')),
    leaf('FINF', z('product', 'Maya 2020')), leaf('FINF', z('version', '2020')),
    leaf('PLUG', Buffer.concat([z('AbcImport', '1.0', ' -nodeType "AlembicNode"', 'AlembicNode'), ABC_ID])),
    leaf('PLUG', Buffer.concat([z('mtoa', '4.0.0', '')])),
    leaf('FREF', z('D:/proj/set.ma', 'set', 'setRN', 'mayaAscii')));
  return group('FOR8', 'Maya', [
    head,
    node('XFRM', crea('persp')),
    node('DCAM', crea('perspShape', 'persp')),
    node('XFRM', crea('cam1')),
    node('DCAM', crea('cam1Shape', 'cam1'), dble('rnd', 0)),
    node('RNDL', crea('defaultRenderLayer')),
    node('RNDL', crea('layer2'), dble('rndr', 0)),
    node('RTFT', crea('tex'), str('ftn', 'D:/贴图/wall <UDIM>.exr')),
    node('RTFT', crea('seq'), str('ftn', 'D:/tex/seq.0001.png'), dble('ufe', 1)),
    node('RTFT', crea('gbk'), leaf('STR ', Buffer.concat([z('ftn'), Buffer.from([0x20]), Buffer.from('D:/', 'latin1'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), z('/a.png')]))),
    node('RTFT', crea('latin'), leaf('STR ', Buffer.concat([z('ftn'), Buffer.from([0x20]), Buffer.from('D:/caf\xe9.png\0', 'latin1')]))), // windows-1252 é
    node(ABC_ID, crea('abc'), str('fn', 'D:/cache/anim.abc')),
    node('MESH', crea('big'), leaf('MESH', Buffer.alloc(100_000, 1))),
    select(':defaultRenderGlobals', str('ren', 'arnold'), time('fs', start, 30), time('ef', -3 + 60, 30), dble('bfs', 1)),
    select(':defaultResolution', dble('w', 1280), dble('h', 720)),
    group('LIS8', 'CONS', [node('CONN', cwfl('defaultRenderLayer.msg', ':defaultRenderingList1.r'))]),
  ]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'maya-binary-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readMayaBinary', () => {
  it('demo_scenc.mb gives the same facts as demo_scenc.ma (layers, cameras, frames, renderer, references)', async () => {
    const mb = await readMayaBinary(path.join(scenes, 'demo_scenc.mb'));
    const ma = await readMayaAscii(path.join(scenes, 'demo_scenc.ma'));
    expect(mb.software).toEqual({ name: 'Maya', version: '2018' });
    expect(mb.plugins).toEqual({ mtoa: '2.0.1' });
    expect(mb.renderNodes).toEqual(ma.renderNodes);
    expect(mb.cameras).toEqual(ma.cameras);
    expect(mb.frameRange).toEqual(ma.frameRange);
    expect(mb.references).toEqual(ma.references);
    expect(mb.renderNodes[0]).toMatchObject({ node: 'defaultRenderLayer', renderer: 'mayaSoftware', cameras: ['perspShape'] });
    // read from the file itself: no startFrame/endFrame stored (Maya defaults 1-10), TUNI film, .rnd no on top/front/side,
    // defaultRenderGlobals imfkey "exr" and .an 1.0, defaultResolution not set (960x540)
    expect(mb.frameRange).toEqual({ start: 1, end: 10, step: 1 });
    expect(mb.cameras.map((c) => [c.node, c.renderable])).toEqual([
      ['perspShape', true], ['topShape', false], ['frontShape', false], ['sideShape', false],
    ]);
    expect(mb.renderNodes[0]).toMatchObject({ width: 960, height: 540, settings: expect.objectContaining({ image_format: 'exr', animation: 'True' }) });
    expect(mb.warnings).toEqual([]);
  });

  it('reads a generated scene: FREF, plugin type ids, time in ticks (ntsc), UDIM, sequences', async () => {
    const file = path.join(dir, 'gen.mb');
    await writeFile(file, scene());
    const facts = await readMayaBinary(file);
    expect(facts.software).toEqual({ name: 'Maya', version: '2020' });
    expect(facts.plugins).toEqual({ AbcImport: '1.0', mtoa: '4.0.0' });
    expect(facts.frameRange).toEqual({ start: 5, end: 57, step: 1 });
    expect(facts.cameras).toEqual([{ node: 'perspShape', renderable: true }, { node: 'cam1Shape', renderable: false }]);
    expect(facts.renderNodes.map((n) => [n.node, n.renderable, n.renderer, n.width, n.height])).toEqual([
      ['defaultRenderLayer', true, 'arnold', 1280, 720],
      ['layer2', false, 'arnold', 1280, 720],
    ]);
    expect(facts.references).toEqual([
      { node: 'setRN', parm: 'fileName', path: 'D:/proj/set.ma', kind: 'scene_reference', namespace: 'set' },
      { node: 'reference', parm: 'fileName', path: 'D:/proj/extra.mb', kind: 'scene_reference' },
      { node: 'tex', parm: 'fileTextureName', path: 'D:/贴图/wall <UDIM>.exr', kind: 'texture' },
      { node: 'seq', parm: 'fileTextureName', path: 'D:/tex/seq.0001.png', kind: 'texture', sequence: true },
      { node: 'gbk', parm: 'fileTextureName', path: 'D:/中文/a.png', kind: 'texture' },
      { node: 'latin', parm: 'fileTextureName', path: 'D:/café.png', kind: 'texture' },
      { node: 'abc', parm: 'abc_File', path: 'D:/cache/anim.abc', kind: 'alembic' },
    ]);
  });

  it('reads the 32-bit FOR4 layout and negative times the same way', async () => {
    wide = false;
    const file = path.join(dir, 'gen32.mb');
    try {
      await writeFile(file, scene(-12));
    } finally {
      wide = true;
    }
    const facts = await readMayaBinary(file);
    expect(facts.frameRange).toEqual({ start: -12, end: 57, step: 1 });
    expect(facts.references.map((r) => r.path)).toEqual(['D:/proj/set.ma', 'D:/proj/extra.mb', 'D:/贴图/wall <UDIM>.exr', 'D:/tex/seq.0001.png', 'D:/中文/a.png', 'D:/café.png', 'D:/cache/anim.abc']);
    expect(facts.renderNodes.map((n) => n.node)).toEqual(['defaultRenderLayer', 'layer2']);
  });

  it('a truncated file gives the facts read so far and a warning', async () => {
    const full = scene();
    const file = path.join(dir, 'trunc.mb');
    await writeFile(file, full.subarray(0, full.indexOf('MESH') + 400));
    const facts = await readMayaBinary(file);
    expect(facts.warnings.map((w) => w.code)).toContain('15104');
    expect(facts.references.map((r) => r.node)).toEqual(['setRN', 'reference', 'tex', 'seq', 'gbk', 'latin', 'abc']);
  });

  it('a STR chunk larger than the static reader reads is tip 15105 (an incomplete read), never loaded', async () => {
    const big = group('FOR8', 'Maya', [node('HEAD', leaf('VERS', Buffer.from('2020'))), node('FILE', crea('huge'), str('ftn', 'x'.repeat(17 << 20)))]);
    const file = path.join(dir, 'big-chunk.mb');
    await writeFile(file, big);
    const facts = await readMayaBinary(file);
    const tip = facts.warnings.find((w) => w.code === '15105');
    expect(tip?.message).toMatch(/Chunk STR at byte \d+ \(\d+ bytes, node huge\) is too large/);
  });

  it('a chunk size that overflows its container is a SceneParseError, without allocating it', async () => {
    const bad = Buffer.from(scene());
    const at = bad.indexOf('RTFT') - 20; // the FOR8 header of the first file node
    bad.writeBigUInt64BE(0x7fff_ffff_ffffn, at + 8);
    const file = path.join(dir, 'bad.mb');
    await writeFile(file, bad);
    await expect(readMayaBinary(file)).rejects.toBeInstanceOf(SceneParseError);
  });

  it('rejects a file that is not IFF', async () => {
    const file = path.join(dir, 'text.mb');
    await writeFile(file, '//Maya ASCII 2018 scene\n');
    await expect(readMayaBinary(file)).rejects.toMatchObject({ code: 'ERR_SCENE_PARSE' });
  });
});
