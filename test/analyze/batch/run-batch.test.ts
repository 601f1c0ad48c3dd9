import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../../protocol/src/progress';
import {
  AnalyseFailError, AnalyzeHoudini, AnalyzeMaya, CGExeNotExistError, batchArgs, exeCandidates, findDccExe,
} from '../../../sidecar/src/analyze';
import { AbortedError } from '../../../sidecar/src/errors';
import { tempTree } from '../helpers/temp-dir';

let tree: Awaited<ReturnType<typeof tempTree>>;
const oldEnv = { ...process.env };
beforeEach(async () => {
  tree = await tempTree('batch-', { sdkHome: true });
  process.env.RAYVISION_PLUGINS_DIR = path.join(tree.dir, 'plugins');
  for (const host of ['houdini', 'maya', 'clarisse']) {
    await tree.file(`plugins/${host}/rayvision_${host}/batch_analyze.py`, '# stands in for the plugin script\n');
  }
});
afterEach(async () => {
  process.env = { ...oldEnv };
  await tree.cleanup();
});

/**
 * A fake DCC interpreter: a Node script that follows the batch contract (argv `<script> --scene S
 * --output O`), prints progress lines and writes SceneFacts JSON. `behaviour` picks a failure mode.
 */
async function fakeInterpreter(name: string, behaviour: 'ok' | 'fail' | 'hang' | 'nojson' = 'ok'): Promise<string> {
  const exe = path.join(tree.dir, 'bin', name);
  await mkdir(path.dirname(exe), { recursive: true });
  const body = `#!${process.execPath}
const fs = require('fs');
const argv = process.argv.slice(2);
const at = (flag) => argv[argv.indexOf(flag) + 1];
fs.writeFileSync(${JSON.stringify(path.join(tree.dir, 'argv.json'))}, JSON.stringify(argv));
const scene = at('--scene'), output = at('--output');
console.log('RAYVISION_PROGRESS 1/3 opening ' + scene);
const mode = ${JSON.stringify(behaviour)};
if (mode === 'fail') { console.error('hou.LoadWarning: something broke'); console.error('Traceback: boom'); process.exit(4); }
if (mode === 'hang') { console.log('RAYVISION_PROGRESS 2/3 walking'); setInterval(() => {}, 1000); return; }
console.log('RAYVISION_PROGRESS 2/3 walking the scene');
if (mode === 'ok') fs.writeFileSync(output, JSON.stringify({
  host: process.env.FAKE_HOST || 'houdini', source: 'batch', scenePath: scene,
  software: { name: 'Houdini', version: '19.0.1' },
  renderNodes: [{ node: '/out/karma1', type: 'karma', category: 'rop_node', renderable: true, frames: { start: 1, end: 5, step: 1 }, width: 1920, height: 1080 }],
  references: [{ node: '/obj/tex', parm: 'map', path: '$HIP/tex/a.png', evaluated: scene.replace(/[^/]*$/, '') + 'tex/a.png', kind: 'texture' }],
}));
console.log('RAYVISION_PROGRESS 3/3 writing');
`;
  await writeFile(exe, body);
  await chmod(exe, 0o755);
  return exe;
}

describe('batch analysis with a fake interpreter', () => {
  it('runs the script with the agreed argv, streams progress, writes job files from the facts', async () => {
    const cgFile = await tree.file('shot/a.hip', 'not read in batch mode');
    await tree.file('shot/tex/a.png');
    const exe = await fakeInterpreter('hython');
    const events: Progress[] = [];
    const a = new AnalyzeHoudini({ cgFile, workspace: tree.dir, customExePath: exe, softwareVersion: '19.0.1' });
    const result = await a.analyse({ mode: 'batch', onProgress: (p) => events.push(p) });
    const argv = JSON.parse(await readFile(path.join(tree.dir, 'argv.json'), 'utf8')) as string[];
    expect(argv).toEqual([path.join(tree.dir, 'plugins/houdini/rayvision_houdini/batch_analyze.py'), '--scene', cgFile, '--output', path.join(result.workspace, 'facts.json')]);
    expect(result.facts.source).toBe('batch');
    expect(result.task.scene_info_render).toMatchObject({ rop_node: [{ node: '/out/karma1', frames: '1-5[1]', width: '1920', height: '1080' }] });
    expect(result.upload.asset.map((x) => x.local)).toEqual([path.join(tree.dir, 'shot/tex/a.png'), cgFile]);
    expect(events[0]!.kind).toBe('begin');
    expect(events[events.length - 1]!.kind).toBe('end');
    expect(events.filter((e) => e.kind === 'begin')).toHaveLength(1);
    expect(events.some((e) => e.files?.transferred === 2 && e.files.total === 3)).toBe(true);
  });

  it('a non-zero exit is AnalyseFailError with the last stderr lines', async () => {
    const cgFile = await tree.file('a.hip', 'not a hip');
    const exe = await fakeInterpreter('hython', 'fail');
    const a = new AnalyzeHoudini({ cgFile, workspace: tree.dir, customExePath: exe });
    const err = await a.analyse({ mode: 'batch' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalyseFailError);
    expect((err as AnalyseFailError).farmCode).toBe(999);
    expect((err as Error).message).toContain('exit code 4');
    expect((err as Error).message).toContain('Traceback: boom');
    // auto: the static reader cannot read it, the batch run fails too: the batch error is reported
    await expect(a.analyse({ mode: 'auto' })).rejects.toBeInstanceOf(AnalyseFailError);
  });

  it('auto: static first; batch only for references that need the DCC; a failed batch keeps the static facts + tip 999', async () => {
    const { buildHip, nodeEntries, sceneEntries } = await import('../helpers/hip-builder');
    const plain = await tree.file('plain.hip', buildHip([...sceneEntries({}), ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 3, 1] })]));
    const okExe = await fakeInterpreter('hython');
    const r1 = await new AnalyzeHoudini({ cgFile: plain, workspace: tree.dir, customExePath: okExe }).analyse();
    expect(r1.facts.source).toBe('static');
    // An expression the static evaluator works out (chs to a plain word on the parent) needs no DCC.
    const evaluable = await tree.file('evaluable.hip', buildHip([
      ...sceneEntries({}),
      ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 3, 1] }),
      ...nodeEntries('/obj/g', 'geo', { name: ['rock'] }),
      ...nodeEntries('/obj/g/file1', 'file', { file: ['$HIP/geo/`chs("../name")`.bgeo'] }),
    ]));
    const r0 = await new AnalyzeHoudini({ cgFile: evaluable, workspace: tree.dir, customExePath: okExe }).analyse();
    expect(r0.facts.source).toBe('static');
    expect(r0.facts.references).toEqual([{ node: '/obj/g/file1', parm: 'file', path: '$HIP/geo/`chs("../name")`.bgeo', evaluated: '$HIP/geo/rock.bgeo', kind: 'geometry' }]);

    const expr = await tree.file('expr.hip', buildHip([
      ...sceneEntries({}),
      ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 3, 1] }),
      ...nodeEntries('/obj/g/file1', 'file', { file: ['$HIP/geo/`chs("../name")`.bgeo'] }),
    ]));
    const r2 = await new AnalyzeHoudini({ cgFile: expr, workspace: tree.dir, customExePath: okExe }).analyse();
    expect(r2.facts.source).toBe('batch');

    const failExe = await fakeInterpreter('hython-broken', 'fail');
    const r3 = await new AnalyzeHoudini({ cgFile: expr, workspace: tree.dir, customExePath: failExe }).analyse();
    expect(r3.facts.source).toBe('static');
    expect(r3.tips['999']![0]).toContain('static reader');
    expect(r3.tips['50001']![0]).toContain('expression needs the DCC');
  });

  it('a missing facts file is AnalyseFailError "Json file is not generated"', async () => {
    const cgFile = await tree.file('a.hip');
    const exe = await fakeInterpreter('hython', 'nojson');
    await expect(new AnalyzeHoudini({ cgFile, workspace: tree.dir, customExePath: exe }).analyse({ mode: 'batch' })).rejects.toThrow(/Json file is not generated/);
  });

  it('cancelling kills the interpreter and rejects with AbortedError', async () => {
    const cgFile = await tree.file('a.hip');
    const exe = await fakeInterpreter('hython', 'hang');
    const controller = new AbortController();
    const events: Progress[] = [];
    const run = new AnalyzeHoudini({ cgFile, workspace: tree.dir, customExePath: exe }).analyse({
      mode: 'batch',
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.message === 'walking') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(events[events.length - 1]!.kind).toBe('end');
  });

  it('a missing DCC in batch mode is CGExeNotExistError with tip 15019 written', async () => {
    process.env.PATH = '';
    process.env.MAYA_LOCATION = path.join(tree.dir, 'nowhere');
    const cgFile = await tree.file('a.ma', '//Maya ASCII 2018 scene\n');
    const a = new AnalyzeMaya({ cgFile, softwareVersion: '2018', projectName: 'p', pluginConfig: {}, workspace: tree.dir });
    const err = await a.analyse({ mode: 'batch' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CGExeNotExistError);
    expect((err as CGExeNotExistError).farmCode).toBe(15019);
    expect(JSON.parse(await readFile(path.join(a.jobDir!, 'tips.json'), 'utf8'))).toEqual({ '15019': ['Maya 2018'] });
  });

  it('a maya/mayabatch path runs the mayapy next to it', async () => {
    const cgFile = await tree.file('a.ma', '//Maya ASCII 2018 scene\n');
    const mayapy = await fakeInterpreter('mayapy');
    await tree.file('bin/mayabatch', '#!/bin/sh\nexit 9\n');
    process.env.FAKE_HOST = 'maya';
    const a = new AnalyzeMaya({ cgFile, softwareVersion: '2018', workspace: tree.dir });
    expect(await a.findExe(path.join(tree.dir, 'bin/mayabatch'))).toBe(mayapy);
  });

  it('finds interpreters through env vars, install folders and PATH; builds the cnode argv', async () => {
    const hfs = path.join(tree.dir, 'hfs');
    await tree.file('hfs/bin/hython');
    expect(await findDccExe({ host: 'houdini', version: '19.5.303', env: { HFS: hfs }, platform: 'linux' })).toBe(path.join(hfs, 'bin/hython'));
    const list = await exeCandidates({ host: 'maya', version: '2018', env: { PATH: '/p' }, platform: 'linux' });
    expect(list).toEqual(['/usr/autodesk/maya2018/bin/mayapy', '/usr/autodesk/maya2018.5/bin/mayapy', '/usr/autodesk/maya2018-x64/bin/mayapy', '/p/mayapy']);
    const win = await exeCandidates({ host: 'houdini', version: '17.5.293', env: { ProgramFiles: 'C:\\Program Files' }, platform: 'win32' });
    expect(win[0]).toContain('Houdini 17.5.293');
    expect(batchArgs('clarisse', '/s.py', '/a.project', '/o.json')).toEqual(['/a.project', '-script', '/s.py', '--', '--scene', '/a.project', '--output', '/o.json']);
  });

  it('auto mode with no DCC installed uses the static reader', async () => {
    process.env.PATH = '';
    delete process.env.HFS;
    const { buildHip, nodeEntries, sceneEntries } = await import('../helpers/hip-builder');
    const cgFile = await tree.file('s.hip', buildHip([...sceneEntries({}), ...nodeEntries('/out/m', 'ifd', { trange: ['on'], f: [1, 3, 1] })]));
    const result = await new AnalyzeHoudini({ cgFile, workspace: tree.dir, softwareVersion: '99.9.999' }).analyse();
    expect(result.facts.source).toBe('static');
  });
});
