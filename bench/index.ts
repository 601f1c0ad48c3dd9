/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so that each
 * prints its ratios against a baseline measured in the same run without disturbing the others.
 * `npm run bench -- --check [names]`: also collects the issue-13 goals the benches print (`GOAL` lines)
 * and ends with a table of goal, measured value, target and PASS/FAIL, exiting 1 on any FAIL.
 * Benchmarks never gate CI; they print.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { passes, type Goal } from './goal';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => a !== '--check');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const goals: Goal[] = [];
for (const file of files) {
  console.log(`\n=== ${file}`);
  const child = execa('npx', ['tsx', join(here, file)], { stdout: 'pipe', stderr: 'inherit', reject: false, buffer: false });
  let pending = '';
  child.stdout!.on('data', (d: Buffer) => {
    process.stdout.write(d);
    pending += String(d);
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const l of lines) if (l.startsWith('GOAL ')) goals.push(JSON.parse(l.slice(5)) as Goal);
  });
  const r = await child;
  if (r.exitCode !== 0) console.log(`(${file} exited with ${r.exitCode})`);
}

if (check) {
  console.log('\n=== goals (issue 13)');
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
  for (const g of goals) {
    const unit = g.unit ? ` ${g.unit}` : '';
    console.log(`${passes(g) ? 'PASS' : 'FAIL'}  ${g.name.padEnd(62)} ${`${fmt(g.value)}${unit}`.padStart(14)}  (goal ${g.cmp} ${fmt(g.target)}${unit})${g.detail ? `  ${g.detail}` : ''}`);
  }
  const failed = goals.filter((g) => !passes(g)).length;
  console.log(`${goals.length - failed} of ${goals.length} goals pass`);
  if (failed > 0 || goals.length === 0) process.exitCode = 1;
}
