// House-style rule 14, enforced by parsing imports (TypeScript by its import/export/require
// specifiers, Python with its own `ast`):
// - dcc-plugins/common imports only the standard library and its own package (the Qt binding only
//   in the one shim, qt_compat.py: the house style routes Qt through a PySide6/PySide2 shim);
// - host modules (hou, maya, ix …) are imported only in a host.py;
// - protocol/ imports nothing of sidecar/;
// - sidecar/src/rpc and sidecar/src/cli import only public entry points: the SDK's index files,
//   farm/index, rpc/index (for cli), protocol/, besides their own folder and npm/node modules;
// - rpc/ws-transport.ts is the only sidecar file importing `ws` (house style 3);
// - sidecar/src/farm imports nothing from sidecar/src/api.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

function walk(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '__pycache__' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, ext, out);
    else if (ext.test(name)) out.push(full);
  }
  return out;
}

/** Every module specifier a TypeScript file imports (static, dynamic, re-export, require). */
export function tsImports(source: string): string[] {
  const noComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const specs = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of noComments.matchAll(re)) specs.add(m[1]!);
  return [...specs];
}

/** Repo-relative target of a relative specifier (without extension), or undefined for packages. */
function resolveTs(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return rel(path.resolve(path.dirname(file), spec)).replace(/\.(ts|js|mjs)$/, '').replace(/\/index$/, '/index');
}

function tsViolations(dir: string, allowed: (target: string, file: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of walk(path.join(root, dir), /\.ts$/)) {
    for (const spec of tsImports(readFileSync(file, 'utf8'))) {
      const target = resolveTs(file, spec);
      if (target !== undefined && !allowed(target, file)) bad.push(`${rel(file)} imports ${spec}`);
    }
  }
  return bad;
}

const SDK_INDEX = /^sidecar\/src\/(index|(api|jobfiles|analyze|check|transfer|credentials|farm|install|preflight|monitor)\/index|errors)$/;
// A module an SDK index re-exports is public surface too: the sidecar's start-up path imports such
// leaves (errors, private-files, transfer/sdk-home …) directly, so that it listens before the rest
// of the layer loads (issue 13).
const reExported = new Set(
  walk(path.join(root, 'sidecar', 'src'), /^index\.ts$/)
    .filter((f) => SDK_INDEX.test(rel(f).replace(/\.ts$/, '')))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => resolveTs(f, m[1]!)!)),
);
const PUBLIC_SDK = { test: (t: string) => SDK_INDEX.test(t) || reExported.has(t) };
const isProtocol = (t: string) => t.startsWith('protocol/');

describe('layout (house-style rule 14)', () => {
  it('the TypeScript import parser sees every form', () => {
    const src = `import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nexport { d } from './d';\nimport './e';\nconst f = await import('./f');\nconst g = require('./g');\n// import x from './commented';`;
    expect(tsImports(src).sort()).toEqual(['../b', './a', './c', './d', './e', './f', './g']);
  });

  it('protocol/ imports nothing of sidecar/', () => {
    expect(tsViolations('protocol/src', (t) => !t.startsWith('sidecar/'))).toEqual([]);
  });

  it('rpc/ imports only public entry points', () => {
    expect(tsViolations('sidecar/src/rpc', (t) => t.startsWith('sidecar/src/rpc/') || PUBLIC_SDK.test(t) || isProtocol(t))).toEqual([]);
  });

  it('cli/ imports only public entry points (rpc/index included)', () => {
    expect(
      tsViolations('sidecar/src/cli', (t) => t.startsWith('sidecar/src/cli/') || PUBLIC_SDK.test(t) || t === 'sidecar/src/rpc/index' || isProtocol(t)),
    ).toEqual([]);
  });

  it('rpc/ws-transport.ts is the only file of the sidecar that imports ws', () => {
    const importers = walk(path.join(root, 'sidecar', 'src'), /\.ts$/).filter((f) => tsImports(readFileSync(f, 'utf8')).includes('ws'));
    expect(importers.map(rel)).toEqual(['sidecar/src/rpc/ws-transport.ts']);
  });

  it('farm/ imports nothing from api/', () => {
    expect(tsViolations('sidecar/src/farm', (t) => !t.startsWith('sidecar/src/api'))).toEqual([]);
  });

  describe('Python plugins', () => {
    const script = String.raw`
import ast, json, os, sys
out = {"stdlib": sorted(sys.stdlib_module_names), "files": {}}
for base, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if d != "__pycache__"]
    for f in files:
        if f.endswith(".py"):
            p = os.path.join(base, f)
            tree = ast.parse(open(p, encoding="utf-8").read(), p)
            mods = []
            for n in ast.walk(tree):
                if isinstance(n, ast.Import):
                    mods += [a.name for a in n.names]
                elif isinstance(n, ast.ImportFrom):
                    mods.append("." * n.level + (n.module or ""))
            out["files"][os.path.relpath(p, sys.argv[1]).replace(os.sep, "/")] = mods
print(json.dumps(out))
`;
    const data = JSON.parse(execFileSync('python3', ['-c', script, path.join(root, 'dcc-plugins')], { encoding: 'utf8' })) as {
      stdlib: string[];
      files: Record<string, string[]>;
    };
    const stdlib = new Set(data.stdlib);
    const top = (m: string) => m.split('.')[0]!;
    const HOST_MODULES = new Set(['hou', 'hdefereval', 'toolutils', 'soptoolutils', 'stateutils', 'maya', 'pymel', 'mtoa', 'ix', 'pyqt_clarisse']);
    const QT = new Set(['PySide6', 'PySide2', 'shiboken6', 'shiboken2']);

    it('parses the plugin files', () => {
      expect(Object.keys(data.files).some((f) => f.startsWith('common/'))).toBe(true);
    });

    it('dcc-plugins/common imports only the stdlib and its own package', () => {
      const bad: string[] = [];
      for (const [file, mods] of Object.entries(data.files)) {
        if (!file.startsWith('common/')) continue;
        for (const m of mods) {
          if (m.startsWith('.') || top(m) === 'rayvision_client' || stdlib.has(top(m))) continue;
          if (QT.has(top(m)) && file.endsWith('/qt_compat.py')) continue;
          bad.push(`${file} imports ${m}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('host modules are imported only in host.py', () => {
      const bad: string[] = [];
      for (const [file, mods] of Object.entries(data.files)) {
        if (file.endsWith('/host.py')) continue;
        for (const m of mods) if (HOST_MODULES.has(top(m))) bad.push(`${file} imports ${m}`);
      }
      expect(bad).toEqual([]);
    });
  });
});
