/**
 * Static .hip reader throughput: writes a ≥200 MB .hip in a temp folder (node entries with parms and
 * channels, plus large binary entries such as locked geometry and HDA libraries, as real big scenes
 * have), then reads it (1) raw with fs.createReadStream and (2) with readHip, in the same run, and
 * prints MB/s of each and their ratio, plus the peak RSS (the reader streams: memory stays flat).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readHip } from '../sidecar/src/analyze/static/houdini';
import { cpioEntry, nodeEntries, sceneEntries } from '../test/analyze/helpers/hip-builder';

const TARGET = 210 * 1024 * 1024;
const dir = await mkdtemp(path.join(os.tmpdir(), 'hip-bench-'));
const file = path.join(dir, 'big.hip');

async function writeBigHip(): Promise<void> {
  const out = createWriteStream(file);
  const write = async (buf: Buffer): Promise<void> => {
    if (!out.write(buf)) await once(out, 'drain');
  };
  for (const [n, d] of sceneEntries({ fps: 24, tset: [0, 10], vars: { HIP: dir, _HIP_SAVEVERSION: '20.0.547' } })) await write(cpioEntry(n, d));
  const numeric = Object.fromEntries(Array.from({ length: 120 }, (_, k) => [`p${k}`, [k, k * 0.5, 1]]));
  const blob = Buffer.alloc(4 * 1024 * 1024, 0xab);
  let written = 0;
  for (let i = 0; written < TARGET; i += 1) {
    const entries = nodeEntries(`/obj/geo${i >> 6}/file${i}`, 'file', { ...numeric, file: [`$HIP/geo/part${i}.$F4.bgeo.sc`], filemode: ['read'] });
    for (const [n, d] of entries) {
      const e = cpioEntry(n, d);
      written += e.length;
      await write(e);
    }
    if (i % 40 === 39) {
      const e = cpioEntry(`obj/geo${i >> 6}/lock${i}.data`, blob);
      written += e.length;
      await write(e);
    }
  }
  for (const [n, d] of nodeEntries('/out/mantra1', 'ifd', { trange: ['on'], f: [1, 240, 1], camera: ['/obj/cam1'] })) await write(cpioEntry(n, d));
  await write(cpioEntry('TRAILER!!!', ''));
  out.end();
  await once(out, 'close');
}

async function rawRead(): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) bytes += (chunk as Buffer).length;
  return bytes;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

try {
  await writeBigHip();
  const size = (await stat(file)).size;
  const mb = size / (1024 * 1024);
  console.log(`generated ${mb.toFixed(0)} MB .hip`);
  await rawRead(); // warm the page cache so both runs read from memory
  const rssBefore = process.memoryUsage().rss;
  let t = performance.now();
  await rawRead();
  const rawS = (performance.now() - t) / 1000;
  peakRss = 0;
  t = performance.now();
  const facts = await readHip(file);
  const hipS = (performance.now() - t) / 1000;
  const rawMBs = mb / rawS;
  const hipMBs = mb / hipS;
  console.log(`raw createReadStream: ${rawMBs.toFixed(0)} MB/s`);
  console.log(`readHip (static reader): ${hipMBs.toFixed(0)} MB/s  (${facts.references.length} references, ${facts.renderNodes.length} ROPs)`);
  console.log(`ratio readHip / raw read: ${(hipMBs / rawMBs).toFixed(2)}`);
  console.log(`peak RSS while reading: ${(peakRss / 1048576).toFixed(0)} MB (before: ${(rssBefore / 1048576).toFixed(0)} MB, file ${mb.toFixed(0)} MB)`);
} finally {
  clearInterval(sampler);
  if (!process.env.KEEP_HIP) await rm(dir, { recursive: true, force: true });
  else console.log(file);
}
