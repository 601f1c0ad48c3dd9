/**
 * USD readers against a raw read of the same bytes, in the same run (best of 3 each):
 * - a ≥200 MB generated text layer (meshes with long point arrays, asset attributes every mesh),
 *   read by the streaming .usda scanner vs a bare createReadStream;
 * - a ≥256 MB crate layer (OpenUSD's computeAllDependencies/crate.usdc with its value data region
 *   grown, as geometry grows real ones) read by the crate reader, which reads only the sections and
 *   values that can hold paths, vs a bare createReadStream of the whole file.
 * - a generated MaterialX document (nodegraphs of image nodes, a filename input each, fileprefixes;
 *   500 distinct names, no tiles, so the parse and not the stat calls is measured), read by the
 *   streaming .mtlx reader (saxes) vs a bare createReadStream.
 * Prints MB/s (of the file's size) and the ratio, and the reader's peak RSS growth; deletes the files.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile, open } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { computeUsdDependencies } from '../sidecar/src/analyze/usd/dependencies';

const TEXT_MB = Number(process.env.BENCH_USDA_MB ?? 200);
const CRATE_MB = Number(process.env.BENCH_USDC_MB ?? 256);
const MTLX_MB = Number(process.env.BENCH_MTLX_MB ?? 20);

async function generateMaterialX(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string): Promise<void> => { if (!out.write(s)) await once(out, 'drain'); };
  await write('<?xml version="1.0"?>\n<materialx version="1.38" fileprefix="tex/">\n');
  let bytes = 0;
  for (let g = 0; bytes < MTLX_MB * 1e6; g += 1) {
    let s = `  <nodegraph name="NG_${g}" fileprefix="tex/set_${g % 2}/">\n`;
    for (let i = 0; i < 40; i += 1) {
      s += `    <image name="img_${i}" type="color3">\n      <input name="file" type="filename" value="t${(g * 40 + i) % 250}.exr" colorspace="srgb_texture" />\n      <input name="uaddressmode" type="string" value="periodic" />\n    </image>\n`;
    }
    s += '  </nodegraph>\n';
    bytes += s.length;
    await write(s);
  }
  await write('</materialx>\n');
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

async function generateText(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string): Promise<void> => { if (!out.write(s)) await once(out, 'drain'); };
  await write('#usda 1.0\n(\n    subLayers = [@./missing_sub.usda@]\n)\n');
  const points = Array.from({ length: 4000 }, (_, v) => `(${(v * 0.731) % 97.3}, ${(v * 1.37) % 51.1}, ${(v * 2.91) % 13.7})`).join(', ');
  let bytes = 0;
  for (let i = 0; bytes < TEXT_MB * 1e6; i += 1) {
    const s = `def Mesh "m${i}" (\n    prepend references = @./asset_${i % 50}.usda@\n)\n{\n    point3f[] points = [${points}]\n    asset primvars:tex = @./tex/t${i % 500}.<UDIM>.exr@\n}\n`;
    bytes += s.length;
    await write(s);
  }
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

/** A crate whose value region is grown to `mb`: every offset shifts, so the crate is rebuilt by offsets. */
async function generateCrate(file: string): Promise<number> {
  // Appending after the table of contents keeps every offset valid; the reader never reads there,
  // exactly as it never reads a real file's array data. The file size is what a raw read must cover.
  const src = readFileSync(path.resolve('../shared/scenes/usd/testUsdUtilsDependencies/computeAllDependencies/crate.usdc'));
  await writeFile(file, src);
  const h = await open(file, 'r+');
  await h.truncate(CRATE_MB * 1024 * 1024);
  const chunk = Buffer.alloc(8 << 20, 0x5a);
  for (let at = src.length; at < CRATE_MB * 1024 * 1024; at += chunk.length) await h.write(chunk, 0, Math.min(chunk.length, CRATE_MB * 1024 * 1024 - at), at);
  await h.close();
  return (await stat(file)).size;
}

async function rawRead(file: string): Promise<void> {
  for await (const _ of createReadStream(file, { highWaterMark: 256 * 1024 })) { /* bytes only */ }
}

async function best(fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const t = process.hrtime.bigint();
    await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return min;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-usd-'));
try {
  for (const [name, make] of [['usda', generateText], ['usdc', generateCrate], ['mtlx', generateMaterialX]] as const) {
    const file = path.join(dir, `big.${name}`);
    const size = await make(file);
    const rss0 = process.memoryUsage().rss;
    const reader = await best(() => computeUsdDependencies(file, { searchPaths: [] }));
    const rss1 = process.memoryUsage().rss;
    const raw = await best(() => rawRead(file));
    const mb = size / 1e6;
    console.log(`.${name} ${mb.toFixed(0)} MB: reader ${(mb / reader).toFixed(0)} MB/s, raw read ${(mb / raw).toFixed(0)} MB/s, reader/raw ${(raw / reader).toFixed(2)}× (RSS +${((rss1 - rss0) / 1e6).toFixed(0)} MB)`);
    await rm(file, { force: true });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
