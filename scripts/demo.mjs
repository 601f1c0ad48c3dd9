// `npm run demo`: the main job end to end on a local farm. On a fresh clone it installs (npm ci)
// when node_modules is missing, builds dist/, starts a sidecar (which starts an in-process local
// farm on login), submits a sample scene from ../shared/scenes through the sidecar over its
// WebSocket with the `rayvision submit` CLI (progress on the terminal), waits for the render, and
// ends with the downloaded frames on disk and their paths printed. Exit 0 on success.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const say = (line) => console.log(`\x1b[1m== ${line}\x1b[0m`);
const fail = (message) => {
  console.error(`demo: ${message}`);
  process.exit(1);
};
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
};

const scene = resolve(root, '..', 'shared', 'scenes', process.argv[2] ?? 'houdini/sphere.hip');
if (!existsSync(scene)) fail(`sample scene not found: ${scene}`);

if (!existsSync(join(root, 'node_modules'))) {
  say('installing dependencies (npm ci)');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}
say('building dist/rayvision.mjs');
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
const cli = join(root, 'dist', 'rayvision.mjs');

// A private SDK home: the demo's sidecar, records and frames never touch a real setup.
const home = mkdtempSync(join(tmpdir(), 'rayvision-demo-'));
const frames = join(home, 'frames');
const env = { ...process.env, RAYVISION_SDK_HOME: home };

say(`starting the sidecar (SDK home ${home})`);
const sidecar = spawn(process.execPath, [cli, 'sidecar', '--idle-timeout', '120'], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'inherit'] });
sidecar.stdout.on('data', (d) => process.stdout.write(`   sidecar: ${d}`));
const discovery = join(home, 'sidecar.json');
for (let i = 0; i < 200 && !existsSync(discovery); i++) await new Promise((r) => setTimeout(r, 100));
if (!existsSync(discovery)) fail('the sidecar did not start (no sidecar.json after 20 s)');
const { port } = JSON.parse(readFileSync(discovery, 'utf8'));

say(`submitting ${scene} through ws://127.0.0.1:${port}/ (local farm, frames downloaded as they render)`);
const submit = spawn(
  process.execPath,
  [cli, '--json', 'submit', scene, '--local', '--frame-ms', '150', '--mode', 'static', '--download', frames],
  { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'inherit'] },
);
let result;
let lastLine = '';
// The CLI prints one JSON object per line as it happens: show progress live.
const lines = createInterface({ input: submit.stdout });
lines.on('line', (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  if (msg.method === 'job/progress') {
    const p = msg.params.progress;
    const count = (name, c) => (c ? ` ${name} ${c.transferred}${c.total !== undefined ? `/${c.total}` : ''}` : '');
    const text = `   [${p.stage ?? p.kind}]${count('files', p.files)}${count('frames', p.frames)}${count('bytes', p.bytes)}${p.message ? ` ${p.message}` : ''}`;
    if (text !== lastLine) console.log(text);
    lastLine = text;
  } else if (msg.method === 'download/frame') {
    console.log(`   frame ${msg.params.frame ?? '?'} → ${msg.params.localPath}`);
  } else if (msg.result) result = msg.result;
  else if (msg.error) console.error(`   error: ${msg.error.message}`);
});
const status = await new Promise((r) => submit.once('close', (code) => r(code)));

sidecar.kill('SIGTERM');
await new Promise((r) => sidecar.once('exit', r));

if (status !== 0 || !result) fail(`submit failed (exit ${status})`);
const missing = result.paths.filter((p) => !existsSync(p));
if (result.paths.length === 0 || missing.length > 0) fail(`frames missing on disk: ${missing.join(', ') || 'none downloaded'}`);
say(`task ${result.taskId}: ${result.paths.length} rendered frame(s) on disk`);
for (const p of [...result.paths].sort()) console.log(p);
