// Placeholder until the sidecar issue's bundle lands: build succeeds when there is nothing to bundle yet.
import { existsSync } from 'node:fs';
if (!existsSync('sidecar/src/cli/main.ts')) {
  console.log('build: no CLI entry yet, nothing to bundle');
  process.exit(0);
}
const { build } = await import('esbuild');
await build({
  entryPoints: ['sidecar/src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/rayvision.mjs',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
