import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../protocol/src/progress';
import { AnalyzeHoudini, AnalyzeMaya, CGFileNotExistsError, createAnalysisFolder } from '../../sidecar/src/analyze';
import { sdkHome } from '../../sidecar/src/analyze/workspace';
import { buildHip, nodeEntries, sceneEntries } from './helpers/hip-builder';
import { tempTree } from './helpers/temp-dir';

let tree: Awaited<ReturnType<typeof tempTree>>;
const oldEnv = { ...process.env };
beforeEach(async () => {
  tree = await tempTree('workspace-');
});
afterEach(async () => {
  process.env = { ...oldEnv };
  await tree.cleanup();
});

describe('workspace folders', () => {
  it('the SDK home is RAYVISION_SDK_HOME, else <HOME>/renderfarm_sdk', () => {
    expect(sdkHome({ RAYVISION_SDK_HOME: '/x/sdk', HOME: '/home/u' })).toBe('/x/sdk');
    if (process.platform !== 'win32') expect(sdkHome({ HOME: '/home/u' })).toBe(path.join('/home/u', 'renderfarm_sdk'));
  });

  it('50 analysis folders made at once in one process never collide; the default root is created', async () => {
    process.env.RAYVISION_SDK_HOME = path.join(tree.dir, 'new', 'home');
    const dirs = await Promise.all(Array.from({ length: 50 }, () => createAnalysisFolder()));
    expect(new Set(dirs).size).toBe(50);
    for (const d of dirs) {
      expect(path.dirname(d)).toBe(process.env.RAYVISION_SDK_HOME);
      expect(path.basename(d)).toMatch(new RegExp(`^\\d{10}${process.pid}(-\\d+)?$`));
    }
    expect(await readdir(process.env.RAYVISION_SDK_HOME)).toHaveLength(50);
  });

  it('a given workspace must exist; a missing scene is CGFileNotExistsError', async () => {
    await expect(createAnalysisFolder(path.join(tree.dir, 'missing'))).rejects.toBeInstanceOf(CGFileNotExistsError);
    expect(() => new AnalyzeHoudini({ cgFile: path.join(tree.dir, 'none.hip') })).toThrow(CGFileNotExistsError);
    const cgFile = await tree.file('a.hip', 'x');
    expect(() => new AnalyzeHoudini({ cgFile, workspace: path.join(tree.dir, 'nope') })).toThrow(/workspace/);
    expect(() => new AnalyzeHoudini({ cgFile, customExePath: path.join(tree.dir, 'hython') })).toThrow(/customExePath/);
  });
});

describe('analyse() progress and cancel', () => {
  it('reports one begin, reports, and one end; bytes never go backwards', async () => {
    process.env.RAYVISION_SDK_HOME = path.join(tree.dir, 'home');
    const entries = [...sceneEntries({}), ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 2, 1] }), ['big.data', Buffer.alloc(20 * 1024 * 1024)] as [string, Buffer]];
    const cgFile = await tree.file('big.hip', buildHip(entries));
    const events: Progress[] = [];
    await new AnalyzeHoudini({ cgFile, workspace: tree.dir }).analyse({ mode: 'static', onProgress: (p) => events.push(p) });
    expect(events.filter((e) => e.kind === 'begin')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'end')).toHaveLength(1);
    expect(events[0]!.kind).toBe('begin');
    expect(events[events.length - 1]!.kind).toBe('end');
    const bytes = events.map((e) => e.bytes?.transferred).filter((b): b is number => b !== undefined);
    expect(bytes.length).toBeGreaterThan(1);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes[bytes.length - 1]).toBe((await stat(cgFile)).size);
  });

  it('an aborted signal stops the analysis with AbortedError and an end event', async () => {
    process.env.RAYVISION_SDK_HOME = path.join(tree.dir, 'home');
    const cgFile = await tree.file('a.hip', buildHip([...sceneEntries({}), ['big.data', Buffer.alloc(8 * 1024 * 1024)]]));
    const controller = new AbortController();
    const events: Progress[] = [];
    const run = new AnalyzeHoudini({ cgFile, workspace: tree.dir }).analyse({
      mode: 'static',
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.kind === 'begin') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(events[events.length - 1]!.kind).toBe('end');
    // no empty time-stamped analysis folder is left in the workspace (home/ holds the Houdini cache)
    expect((await readdir(tree.dir)).filter((n) => /^\d{10}/.test(n))).toEqual([]);
  });

  it('a scene the reader refuses leaves no analysis folder behind', async () => {
    const cgFile = await tree.file('broken.ma', 'not a maya scene at all');
    const ws = path.join(tree.dir, 'ws-broken');
    await mkdir(ws);
    await expect(new AnalyzeMaya({ cgFile, workspace: ws }).analyse({ mode: 'static' })).rejects.toMatchObject({ code: 'ERR_SCENE_PARSE' });
    expect(await readdir(ws)).toEqual([]);
  });
});
