// `npm run release`: a self-contained folder for this OS/arch, release/rayvision-<version>-<os>-<arch>/,
// that runs without Node or a checkout (docs/release.md):
//   rayvision[.exe]        the CLI and sidecar as one executable (Node's single-executable applications:
//                          the CommonJS bundle as a SEA blob, injected with postject into a copy of node)
//   better_sqlite3.node    better-sqlite3's native addon, loaded from beside the executable
//   keyring.node           @napi-rs/keyring's addon for this OS/CPU (the OS keychain), also loaded from beside it
//   dcc-plugins/           the Houdini, Maya and Clarisse plugins; their launcher prefers ../rayvision
//   monitor-page/          the job monitor's static files
//   install[.cmd]          `rayvision install-plugins` for the hosts found on this machine
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = Date.now();
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const os = { win32: 'win', darwin: 'macos' }[process.platform] ?? process.platform;
const name = `rayvision-${version}-${os}-${process.arch}`;
// `--outdir <dir>` puts the release folder elsewhere (default: release/ in the repository).
const outArg = process.argv.indexOf('--outdir');
const out = join(outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'release'), name);
const work = join(out, '.build');
const exe = join(out, process.platform === 'win32' ? 'rayvision.exe' : 'rayvision');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) {
  throw new Error(`release: Node ${process.versions.node} cannot build a single executable here: use Node 20.12 or later`);
}

function run(file, args) {
  try {
    execFileSync(file, args, { stdio: 'pipe' });
  } catch (err) {
    process.stderr.write(`${err.stdout ?? ''}${err.stderr ?? ''}`);
    throw new Error(`release: ${file} ${args.join(' ')} failed (exit ${err.status})`);
  }
}

/** The keychain addon npm installed for this OS/CPU: the one optional platform package of @napi-rs/keyring that is present. */
function keyringAddon() {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8'));
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    const dir = join(root, 'node_modules', name);
    if (!existsSync(dir)) continue;
    const file = readdirSync(dir).find((f) => f.endsWith('.node'));
    if (file) return join(dir, file);
  }
  throw new Error(`release: no @napi-rs/keyring addon for ${process.platform}-${process.arch} in node_modules: run npm ci first`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 1. One CommonJS file (a SEA's main script is CommonJS on Node 20). import.meta.url becomes the
// executable's own URL, so the folders found "beside the bundle" are found beside the executable.
const bundle = join(work, 'rayvision.cjs');
await build({
  entryPoints: [join(root, 'sidecar/src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  alias: {
    bindings: join(root, 'scripts/release/sea-bindings.cjs'),
    '@napi-rs/keyring': join(root, 'scripts/release/sea-keyring.cjs'),
    bufferutil: join(root, 'scripts/release/absent.cjs'),
    'utf-8-validate': join(root, 'scripts/release/absent.cjs'),
    'supports-color': join(root, 'scripts/release/absent.cjs'), // debug's optional colour probe
  },
  define: { 'import.meta.url': '__rayvisionSelfUrl' },
  banner: { js: "const __rayvisionSelfUrl = require('node:url').pathToFileURL(process.execPath).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});

// A SEA's require() loads built-ins only: a package left outside the bundle would fail at run time.
const outside = [...new Set([...readFileSync(bundle, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))]
  .filter((id) => !id.startsWith('node:') && !builtinModules.includes(id));
if (outside.length > 0) throw new Error(`release: the bundle still requires ${outside.join(', ')}: bundle or alias them (scripts/release/)`);

// 2. The SEA blob, injected into a copy of this node binary.
const blob = join(work, 'sea-prep.blob');
const seaConfig = join(work, 'sea-config.json');
writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
run(process.execPath, ['--experimental-sea-config', seaConfig]);
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
const postject = join(dirname(require.resolve('postject/package.json')), 'dist', 'cli.js');
// postject warns about ELF note sections it does not parse; its output is shown only when it fails.
run(process.execPath, [
  postject, exe, 'NODE_SEA_BLOB', blob,
  '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : []),
]);
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]); // ad hoc; docs/release.md

// 3. What the executable loads from beside itself.
const addon = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
if (!existsSync(addon)) throw new Error('release: the better-sqlite3 addon is missing: run npm ci first');
copyFileSync(addon, join(out, 'better_sqlite3.node'));
copyFileSync(keyringAddon(), join(out, 'keyring.node'));
cpSync(join(root, 'dcc-plugins'), join(out, 'dcc-plugins'), { recursive: true, filter: (src) => !/__pycache__|\.pyc$/.test(src) });
cpSync(join(root, 'sidecar/monitor-page'), join(out, 'monitor-page'), { recursive: true });
if (process.platform === 'win32') {
  writeFileSync(join(out, 'install.cmd'), '@echo off\r\n"%~dp0rayvision.exe" install-plugins %*\r\n');
} else {
  writeFileSync(join(out, 'install'), '#!/bin/sh\n# Installs the Houdini, Maya and Clarisse plugins of this folder (rayvision install-plugins --help).\ncase "$0" in */*) here="${0%/*}" ;; *) here=. ;; esac\nexec "$here/rayvision" install-plugins "$@"\n');
  chmodSync(join(out, 'install'), 0o755);
}
if (!process.env.RAYVISION_RELEASE_KEEP_BUILD) rmSync(work, { recursive: true, force: true });

// 4. It runs: the executable reports its version and opens SQLite through the shipped addon.
const shown = execFileSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '' } }).trim();
if (shown !== version) throw new Error(`release: ${exe} --version printed ${JSON.stringify(shown)}, not ${version}`);
const mib = (statSync(exe).size / 2 ** 20).toFixed(0);
console.log(`release: ${out} (rayvision ${mib} MiB, better_sqlite3.node, keyring.node, dcc-plugins, monitor-page, install) in ${Date.now() - started} ms`);
