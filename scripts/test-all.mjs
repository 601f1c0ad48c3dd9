// The README's test command: type-check, every TypeScript test (vitest) and every Python test
// (unittest, standard library only), then one closing line "N passed, N failed" for the whole run.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });

let passed = 0;
let failed = 0;
let skipped = 0;

console.log('== typecheck');
const tsc = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (tsc.status !== 0) failed += 1;

console.log('== vitest');
const resultsFile = '.vitest-results.json';
rmSync(resultsFile, { force: true });
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${resultsFile}`]);
try {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (vitest.status !== 0 && r.numFailedTests === 0) failed += 1;
} catch {
  failed += 1;
}

console.log('== python (unittest)');
const py = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'test/python', '-p', 'test_*.py', '-v'], {
  encoding: 'utf8',
  stdio: ['ignore', 'inherit', 'pipe'],
  maxBuffer: 64 * 1024 * 1024,
});
process.stderr.write(py.stderr ?? '');
const ran = /Ran (\d+) tests?/.exec(py.stderr ?? '');
const total = ran ? Number(ran[1]) : 0;
const count = (name) => Number(new RegExp(`${name}=(\\d+)`).exec(py.stderr ?? '')?.[1] ?? 0);
const pyFailed = count('failures') + count('errors');
const pySkipped = count('skipped');
passed += total - pyFailed - pySkipped;
failed += pyFailed;
skipped += pySkipped;
if (py.status !== 0 && pyFailed === 0) failed += 1;

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
