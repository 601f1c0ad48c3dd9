/**
 * Static .ma reader throughput: generates a ≥200 MB Maya ASCII scene (meshes with long numeric
 * arrays, file textures, a UI script node, like real production files) in a temp folder, then reads
 * it with readMayaAscii and, as the baseline, with a bare createReadStream of the same file, in the
 * same run (best of 3 each). Prints MB/s of both and their ratio; deletes the file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { readMayaAscii } from '../sidecar/src/analyze/static/maya';

const TARGET_MB = Number(process.env.BENCH_MA_MB ?? 210);

function meshNode(i: number): string {
  const verts: string[] = [];
  for (let v = 0; v < 2000; v++) verts.push(`${(v * 0.731 + i) % 97.3} ${(v * 1.37) % 51.1} ${(v * 2.91) % 13.7}`);
  return `createNode transform -n "pCube${i}";
	rename -uid "1B6C2A4E-4C7B-${String(i).padStart(4, '0')}-A1B2-C3D4E5F60718";
createNode mesh -n "pCubeShape${i}" -p "pCube${i}";
	setAttr -k off ".v";
	setAttr ".vir" yes;
	setAttr -s 2000 ".vt[0:1999]"  ${verts.join(' ')};
	setAttr ".fc[0:2]" -type "polyFaces" f 4 0 1 2 3 mu 0 4 0 1 2 3 f 4 4 5 6 7 mu 0 4 4 5 6 7 f 4 8 9 10 11;
createNode file -n "tex${i}";
	setAttr ".ftn" -type "string" "D:/proj/sourceimages/asset_${i % 500}.<UDIM>.exr";
	setAttr ".uvt" 3;
`;
}

async function generate(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('//Maya ASCII 2022 scene\n//Name: bench.ma\n//Codeset: 1252\nrequires maya "2022";\n');
  await write('requires -nodeType "aiOptions" "mtoa" "5.0.0";\ncurrentUnit -l centimeter -a degree -t film;\n');
  await write(`createNode script -n "uiConfigurationScriptNode";\n\tsetAttr ".b" -type "string" (\n\t\t"${'// panel layout \\n'.repeat(2000)}"\n\t\t+ "${'modelEditor -e \\"x\\" $p;\\n'.repeat(2000)}");\n`);
  let bytes = 0;
  for (let i = 0; bytes < TARGET_MB * 1e6; i++) {
    const s = meshNode(i);
    bytes += s.length;
    await write(s);
  }
  await write('select -ne :defaultRenderGlobals;\n\tsetAttr ".ren" -type "string" "arnold";\n\tsetAttr ".fs" 1;\n\tsetAttr ".ef" 240;\n');
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

async function rawRead(file: string): Promise<void> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) n += (chunk as Buffer).length;
  if (n === 0) throw new Error('empty');
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-ma-'));
try {
  const file = path.join(dir, 'big.ma');
  const size = await generate(file);
  const mb = size / 1e6;
  await rawRead(file); // warm the page cache so both runs read from memory
  // best of 3: the machine is shared, the fastest run is the least disturbed one
  const best = async (fn: () => Promise<unknown>): Promise<number> => Math.min(await time(fn), await time(fn), await time(fn));
  const raw = await best(() => rawRead(file));
  let refs = 0;
  const parsed = await best(async () => {
    const facts = await readMayaAscii(file);
    refs = facts.references.length;
  });
  const heapMb = process.memoryUsage().rss / 1e6;
  console.log(`file: ${mb.toFixed(0)} MB, ${refs} references found`);
  console.log(`raw createReadStream: ${(mb / raw).toFixed(0)} MB/s (baseline)`);
  console.log(`readMayaAscii:        ${(mb / parsed).toFixed(0)} MB/s = ${(raw / parsed).toFixed(3)}x the raw read speed`);
  console.log(`process RSS after the read: ${heapMb.toFixed(0)} MB (the file is never held in memory)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
