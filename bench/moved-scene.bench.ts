/**
 * Resolving a moved Maya scene: 2000 file textures saved as D:/old/proj/maps/tN.png whose files sit in
 * the project's sourceimages/ (found by rule M6 after M5's folders are tried), against the same scene
 * saved with the paths as they are here (found as saved), in the same run. Prints both times, the
 * ratio, and checks both upload the same 2000 files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AnalyzeMaya } from '../sidecar/src/analyze';

const N = 2000;
const dir = await mkdtemp(path.join(os.tmpdir(), 'moved-bench-'));
const root = path.join(dir, 'proj');
mkdirSync(path.join(root, 'scenes'), { recursive: true });
mkdirSync(path.join(root, 'sourceimages'), { recursive: true });
writeFileSync(path.join(root, 'workspace.mel'), 'workspace -fr "sourceImages" "sourceimages";\n');
for (let i = 0; i < N; i++) writeFileSync(path.join(root, 'sourceimages', `t${i}.png`), 'x');

function scene(name: string, texture: (i: number) => string): string {
  let text = '//Maya ASCII 2022 scene\nrequires maya "2022";\n';
  for (let i = 0; i < N; i++) text += `createNode file -n "f${i}";\n\tsetAttr ".ftn" -type "string" "${texture(i)}";\n`;
  const file = path.join(root, 'scenes', name);
  writeFileSync(file, text);
  return file;
}
const saved = scene('saved.ma', (i) => `${root.replace(/\\/g, '/')}/sourceimages/t${i}.png`);
const moved = scene('moved.ma', (i) => `D:/old/proj/maps/t${i}.png`);

async function timed(file: string): Promise<{ ms: number; uploads: number }> {
  const t = performance.now();
  const r = await new AnalyzeMaya({ cgFile: file, softwareVersion: '2022', workspace: dir }).analyse({ mode: 'static' });
  return { ms: performance.now() - t, uploads: r.upload.asset.length - 1 };
}

try {
  await timed(saved); // warm the file system cache and the module
  for (let round = 1; round <= 3; round++) {
    const a = await timed(saved);
    const b = await timed(moved);
    console.log(`round ${round}: as saved ${a.ms.toFixed(0)} ms, moved ${b.ms.toFixed(0)} ms, ratio ${(b.ms / a.ms).toFixed(2)} (uploads ${a.uploads} / ${b.uploads})`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
