/** The runtime: the release's single executable, or a Node new enough (≥ 20.5), and `node` for the plugins. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isSea } from 'node:sea';
import { fail, ok, warn, type CheckResult } from './check';

const MIN = [20, 5] as const;

/** True when `version` ("v20.19.0") is at least 20.5. */
export function nodeIsRecent(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

/** `node` on PATH (what the plugins start when no release executable sits beside them). */
function nodeOnPath(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === 'win32' ? ['node.exe', 'node.cmd'] : ['node'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const n of names) if (existsSync(path.join(dir, n))) return path.join(dir, n);
  }
  return undefined;
}

export function checkRuntime(env: NodeJS.ProcessEnv = process.env): CheckResult[] {
  if (isSea()) return [ok('runtime', `release executable ${process.execPath} (Node ${process.version} inside; no Node needed)`)];
  if (!nodeIsRecent(process.version)) {
    return [fail('runtime', `Node ${process.version} at ${process.execPath} is older than ${MIN.join('.')}`, 'install Node 20.5 or later, or use the release folder (npm run release; docs/release.md), which needs no Node')];
  }
  const found = nodeOnPath(env);
  return [
    ok('runtime', `Node ${process.version} at ${process.execPath}`),
    found
      ? ok('runtime:path', `node on PATH for the DCC plugins: ${found}`)
      : warn('runtime:path', 'no node on PATH: the DCC plugins of this checkout cannot start the sidecar', 'put Node 20.5+ on PATH, or install the plugins from the release folder (its ./install), which brings its own executable'),
  ];
}
