// What a plugin does with facts it computed inside the DCC: `analyze/intake` writes the four job
// files, then the job-file edits (`jobfiles/*`) change them, all over the real WebSocket.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { TestClient } from './helpers/ws-client';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

let t: TestSidecar;
let c: TestClient;
let work: string;
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'rv-jobfiles-'));
  t = await withSidecar();
  c = await TestClient.open(t.sidecar.port, t.sidecar.token);
  await c.initialize('plugin');
});
afterAll(async () => {
  c.close();
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('analyze/intake and jobfiles/*', () => {
  it('turns host facts into job files, then edits them', async () => {
    const scene = path.join(work, 'shot.hip');
    const texture = path.join(work, 'tex', 'wood.png');
    (await import('node:fs')).mkdirSync(path.dirname(texture), { recursive: true });
    writeFileSync(scene, 'HIP');
    writeFileSync(texture, 'PNG');
    const facts = {
      host: 'houdini',
      source: 'host',
      scenePath: scene,
      software: { name: 'Houdini', version: '19.5.303' },
      frameRange: { start: 1, end: 5, step: 1 },
      renderNodes: [{ node: '/out/mantra1', type: 'ifd', category: 'rop_node', renderable: true, frames: { start: 1, end: 5, step: 1 } }],
      references: [{ node: '/obj/geo1/shop/tex', parm: 'map', path: texture, kind: 'texture' }],
    };
    const r = await c.call('analyze/intake', { facts, workspace: work });
    const task = JSON.parse(readFileSync(r.taskJsonPath, 'utf8'));
    expect(task.software_config.cg_version).toBe('19.5.303');
    const upload = JSON.parse(readFileSync(r.uploadJsonPath, 'utf8'));
    expect(upload.asset.map((a: { local: string }) => a.local)).toEqual(expect.arrayContaining([texture.split(path.sep).join('/')]));

    await c.call('jobfiles/updateTaskInfo', { updateInfo: { frames_per_task: '2' }, taskPath: r.taskJsonPath });
    await c.call('jobfiles/appendToTask', { additionalInfo: { artist: 'me' }, taskPath: r.taskJsonPath });
    const extra = path.join(work, 'extra.abc');
    writeFileSync(extra, 'ABC');
    await c.call('jobfiles/appendToUpload', { filesPaths: [extra], uploadPath: r.uploadJsonPath });
    const edited = (await c.call('jobfiles/read', { path: r.taskJsonPath })).content;
    expect(edited.task_info.frames_per_task).toBe('2');
    expect(edited.additional_info.artist).toBe('me');
    const up = (await c.call('jobfiles/read', { path: r.uploadJsonPath })).content;
    expect(up.asset.some((a: { local: string }) => a.local.endsWith('extra.abc'))).toBe(true);
    expect((await c.call('jobfiles/convertPath', { path: 'D:\\proj\\a.png' })).serverPath).toBe('/D/proj/a.png');
  });

  it('refuses facts that do not match SceneFacts with -32602', async () => {
    const r = await c.request('analyze/intake', { facts: { host: 'blender', source: 'host' } });
    expect(r.error?.code).toBe(ErrorCodes.InvalidParams);
    expect(r.error?.data.issues.length).toBeGreaterThan(0);
  });

  it('applies a pathMap param in OJD form to host facts, and refuses a relative source with the SDK error', async () => {
    const scene = path.join(work, 'moved.hip');
    const texture = path.join(work, 'here', 'tex', 'rock.png');
    (await import('node:fs')).mkdirSync(path.dirname(texture), { recursive: true });
    writeFileSync(scene, 'HIP');
    writeFileSync(texture, 'PNG');
    const facts = {
      host: 'houdini', source: 'host', scenePath: scene, software: { name: 'Houdini', version: '19.5.303' },
      renderNodes: [{ node: '/out/mantra1', type: 'ifd', category: 'rop_node', renderable: true, frames: { start: 1, end: 1, step: 1 } }],
      references: [{ node: '/mat/rock', parm: 'basecolor_texture', path: 'P:\\Shows\\tex\\rock.png', kind: 'texture' }],
    };
    const pathMap = { version: 'pathmapping-1.0', path_mapping_rules: [{ source_path_format: 'WINDOWS', source_path: 'p:/shows', destination_path: path.join(work, 'here').split(path.sep).join('/') }] };
    const r = await c.call('analyze/intake', { facts, workspace: work, pathMap });
    const upload = JSON.parse(readFileSync(r.uploadJsonPath, 'utf8'));
    expect(upload.asset[0]).toEqual({ local: texture.split(path.sep).join('/'), server: '/P/Shows/tex/rock.png' });
    expect(r.tips['25010'][0]).toContain('the user path map p:/shows');
    const bad = await c.request('analyze/intake', { facts, workspace: work, pathMap: { 'shows/tex': '/x' } });
    expect(bad.error?.data?.code ?? bad.error?.data?.details?.code ?? JSON.stringify(bad.error)).toContain('ERR_PATH_MAP');
  });
});
