// `rayvision analyze --path-map`: the user's map from the command line (inline JSON or a file)
// reaches the analysis through the sidecar; bad values are refused with what to write instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../sidecar/src/cli/exit-codes';
import { startSidecar, type Sidecar } from '../../sidecar/src/rpc/index';
import { buildMovedMaya, type MovedScene } from '../analyze/helpers/moved-scenes';
import { tempTree, type TempTree } from '../analyze/helpers/temp-dir';

const root = path.resolve(__dirname, '..', '..');
const main = path.join(root, 'sidecar', 'src', 'cli', 'main.ts');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
let tree: TempTree;
let moved: MovedScene;
let sidecar: Sidecar;
const cli = (args: string[]) => execa(tsx, [main, ...args], { reject: false, env: { RAYVISION_SDK_HOME: path.join(tree.dir, 'home') }, cwd: tmpdir() });

beforeAll(async () => {
  tree = await tempTree('cli-path-map-', { sdkHome: true });
  moved = await buildMovedMaya(tree);
  sidecar = await startSidecar({ home: path.join(tree.dir, 'home'), idleTimeoutMs: 0 });
});
afterAll(async () => {
  await sidecar?.close();
  await tree.cleanup();
});

describe('rayvision analyze --path-map', () => {
  it('takes the map from a file and uploads what it finds', async () => {
    const file = path.join(tree.dir, 'map.json');
    writeFileSync(file, JSON.stringify(moved.pathMap));
    const r = await cli(['--json', 'analyze', moved.scene, '--mode', 'static', '--path-map', file]);
    expect(r.exitCode, r.stderr).toBe(0);
    const result = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).at(-1).result;
    const upload = JSON.parse(readFileSync(result.uploadJsonPath, 'utf8')) as { asset: Array<{ local: string; server: string }> };
    expect(upload.asset.find((a) => a.local.endsWith('/assets/env/hdr.exr'))?.server).toBe('/d/projects/assets/env/hdr.exr');
  });

  it('refuses JSON it cannot parse (exit 2) and a relative source (the sidecar names the fix)', async () => {
    const bad = await cli(['analyze', moved.scene, '--path-map', '{"D:/x": ']);
    expect(bad.exitCode).toBe(ExitCode.Usage);
    expect(bad.stderr).toContain('not valid JSON');
    const relative = await cli(['analyze', moved.scene, '--mode', 'static', '--path-map', '{"tex": "/mnt/tex"}']);
    expect(relative.exitCode).not.toBe(0);
    expect(relative.stderr).toMatch(/not an absolute path/);
  });
});
