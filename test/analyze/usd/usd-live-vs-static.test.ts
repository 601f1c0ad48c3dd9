/**
 * A USD stage in a Maya session: the plugin's live walk with USD's Python (a `pxr` stand-in that
 * answers what OpenUSD recorded for its own test layers), the same walk without `pxr` (the sidecar
 * then reads the layers statically), and the static reader of the saved scene give one upload list.
 */
import { execFile } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeMaya, intakeSceneFacts, type AnalyzeResult } from '../../../sidecar/src/analyze';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const run = promisify(execFile);
const WALK = path.resolve('test/python/standins/walk_facts.py');
const PXR = path.resolve('test/python/standins_pxr');
const BASE = path.resolve(__dirname, '../../../../shared/scenes/usd');

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('usd-live-', { sdkHome: true });
  await cp(path.join(BASE, 'testUsdUtilsDependencies'), path.join(tree.dir, 'usd/testUsdUtilsDependencies'), { recursive: true });
});
afterAll(async () => {
  await tree.cleanup();
});

const lists = (r: AnalyzeResult) => ({
  upload: [...r.upload.asset].map((a) => a.local).sort(),
  asset: r.asset.asset.map((e) => e.split('  (mtime')[0]).sort(),
});

describe('USD stage: live walk = static reader', () => {
  it('Maya mayaUsdProxyShape on OpenUSD\'s computeAllDependencies/crate.usdc, with and without pxr', async () => {
    const stage = path.join(tree.dir, 'usd/testUsdUtilsDependencies/computeAllDependencies/crate.usdc');
    const scene = await tree.file('scenes/stage.ma', `//Maya ASCII 2023 scene
requires maya "2023";
createNode mayaUsdProxyShape -n "stageShape1";
	setAttr ".fp" -type "string" "${stage}";
// End of stage.ma
`);
    const stat = await new AnalyzeMaya({ cgFile: scene, softwareVersion: '2023', workspace: tree.dir }).analyse({ mode: 'static' });
    const fixture = path.join(tree.dir, 'session.json');
    await writeFile(fixture, JSON.stringify({
      scene, version: '2023', workspace: `${tree.dir}/`, plugins: {},
      nodes: { stageShape1: { type: 'mayaUsdProxyShape', attrs: { filePath: stage } } }, references: {},
    }));
    const walk = async (env: Record<string, string>) => JSON.parse((await run('python3', [WALK, 'maya', fixture], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 })).stdout);
    const withPxr = await walk({ PYTHONPATH: PXR });
    expect(withPxr.references.filter((r: { parm: string }) => r.parm === 'layer')).toHaveLength(13); // pxr answered
    const withoutPxr = await walk({});
    for (const facts of [withPxr, withoutPxr]) {
      const live = await intakeSceneFacts(facts, { workspace: tree.dir, softwareVersion: '2023' });
      expect(lists(live)).toEqual(lists(stat));
    }
    // 13 layers and 2 assets besides the root (OpenUSD's list), the root stage and the scene
    expect(lists(stat).upload).toHaveLength(17);
  });
});
