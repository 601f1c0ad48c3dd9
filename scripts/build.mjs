// `npm run build`: bundles the CLI/sidecar into dist/rayvision.mjs (plain `node dist/rayvision.mjs`
// from any folder), puts better-sqlite3 (JS + its native build) and its runtime deps in
// dist/node_modules so `require('better-sqlite3')` resolves beside the bundle, and copies the DCC
// scripts to dist/dcc-plugins (found through RAYVISION_PLUGINS_DIR, which the CLI sets) and the
// monitor page to dist/monitor-page.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir <dir>` builds elsewhere (tests build into a temp folder, away from dist/).
const outArg = process.argv.indexOf('--outdir');
const dist = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'dist');
const started = Date.now();

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Code splitting: what start-up needs is rayvision.mjs; every `import()` (the dispatcher, each handler
// domain, the SDK layers behind them, the farm) is a chunk beside it, read only when first used
// (issue 13). Chunks sit in dist/ itself, so `import.meta.url` in any of them still names dist/.
await build({
  entryPoints: { rayvision: join(root, 'sidecar/src/cli/main.ts') },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // Native modules loaded at run time from dist/node_modules; ws's optional native helpers stay optional.
  external: ['better-sqlite3', '@napi-rs/keyring', 'bufferutil', 'utf-8-validate'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(join(dist, 'rayvision.mjs'), 0o755);

// better-sqlite3 and the packages it requires at run time (bindings → file-uri-to-path).
function copyPackage(name) {
  const from = join(root, 'node_modules', name);
  if (!existsSync(from)) throw new Error(`build: node_modules/${name} is missing: run npm ci first`);
  const to = join(dist, 'node_modules', name);
  cpSync(from, to, {
    recursive: true,
    filter: (src) => !/[\\/](src|deps|obj|obj\.target|test|docs)([\\/]|$)/.test(src.slice(from.length)) && !src.endsWith('.a'),
  });
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (dep === 'prebuild-install') continue; // install-time only
    if (!existsSync(join(dist, 'node_modules', dep))) copyPackage(dep);
  }
}
copyPackage('better-sqlite3');
if (!existsSync(join(dist, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
  throw new Error('build: the better-sqlite3 native binding was not copied');
}
// The keychain binding (credentials/keychain.ts) and its addon for this OS/CPU, an optional dependency
// npm installs per platform: without it the CLI still runs and says the keychain is unavailable.
copyPackage('@napi-rs/keyring');
for (const name of Object.keys(JSON.parse(readFileSync(join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')).optionalDependencies ?? {})) {
  if (existsSync(join(root, 'node_modules', name))) copyPackage(name);
}

cpSync(join(root, 'dcc-plugins'), join(dist, 'dcc-plugins'), {
  recursive: true,
  filter: (src) => !/__pycache__|\.pyc$/.test(src),
});
// The monitor page's static files, served by the bundled sidecar (rpc/monitor-page-dir.ts finds them).
cpSync(join(root, 'sidecar/monitor-page'), join(dist, 'monitor-page'), { recursive: true });
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ name: 'rayvision-dist', private: true, type: 'module' }, null, 2)}\n`);

console.log(`build: ${dist}/rayvision.mjs, node_modules/better-sqlite3 and @napi-rs/keyring, dcc-plugins, monitor-page (${Date.now() - started} ms)`);
