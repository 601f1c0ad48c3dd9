/**
 * `npm run gen`: writes the generated contract files from protocol/src (the master copy):
 * protocol/generated/openrpc.json, protocol/generated/methods.md (reference table) and
 * dcc-plugins/common/rayvision_client/generated/methods.py.
 * `--check` writes nothing and exits 1 when a file is stale (test/protocol/generated.test.ts does the same).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMethodsMarkdown, buildOpenRpc, buildPythonTable, GENERATED_MARK } from '../protocol/src/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every generated file: repo-relative path → expected content. */
export function generatedFiles(): Record<string, string> {
  const readme = `# ${GENERATED_MARK}\n\nThese files are generated from \`protocol/src/*.ts\` by \`scripts/gen-contract.ts\`.\nEdit the zod schemas there, then run \`npm run gen\`; a test fails when these are stale.\n`;
  return {
    'protocol/generated/openrpc.json': `${JSON.stringify(buildOpenRpc(), null, 2)}\n`,
    'protocol/generated/README.md': readme,
    'protocol/generated/methods.md': buildMethodsMarkdown(),
    'dcc-plugins/common/rayvision_client/generated/methods.py': buildPythonTable(),
    'dcc-plugins/common/rayvision_client/generated/__init__.py': `# ${GENERATED_MARK}\n`,
    'dcc-plugins/common/rayvision_client/generated/README.md': readme,
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, content] of Object.entries(generatedFiles())) {
    const file = resolve(root, rel);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    stale += 1;
    if (check) {
      console.error(`stale: ${rel}`);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      console.log(`wrote ${rel}`);
    }
  }
  if (check && stale > 0) {
    console.error('Generated files are stale: run npm run gen');
    process.exit(1);
  }
  if (!check && stale === 0) console.log('generated files are up to date');
}
