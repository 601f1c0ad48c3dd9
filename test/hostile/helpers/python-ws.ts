// Runs a case of fixtures/ws_hostile.py under a Python that has Debian's python3-websocket
// (.ci/run installs it; the test Python of the plugins may not have it).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { execa } from 'execa';

const script = path.join(__dirname, '..', 'fixtures', 'ws_hostile.py');

function findPython(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import websocket'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('No Python with the websocket module: install Debian\'s python3-websocket (.ci/run does).');
}

let python: string | undefined;

/** Runs one case against a sidecar and returns the JSON facts the client printed. */
export async function pythonCase(name: string, port: number, token: string, maxMessageBytes: number): Promise<any> {
  python ??= findPython();
  const r = await execa(python, [script, name, String(port), token, String(maxMessageBytes)], { reject: false });
  if (r.exitCode !== 0) throw new Error(`ws_hostile.py ${name} failed (${r.exitCode}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}
