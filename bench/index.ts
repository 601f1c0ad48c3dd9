/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so that each
 * prints its ratios against a baseline measured in the same run without disturbing the others.
 * Benchmarks never gate CI; they print.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file}`);
  await execa('npx', ['tsx', join(here, file)], { stdio: 'inherit', reject: false });
}
