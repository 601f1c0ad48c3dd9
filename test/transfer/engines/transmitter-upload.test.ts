// The full circle through engine "transmitter" (the stand-in binary) against the local farm:
// RayvisionUpload sends configs (upload_path, one per file) and assets (upload_json), the farm renders,
// RayvisionDownload brings the frames back, all through the transmitter argv of spec/transfer.md §2.3.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, RayvisionDownload, RayvisionUpload } from '../../../sidecar/src/transfer';
import { listFiles, perTest } from '../download/farm-task';

const exe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/standins/rayvision_transmitter.mjs');
const scope = perTest();

describe('RayvisionUpload and RayvisionDownload over the transmitter engine', () => {
  it('uploads job files and assets, then downloads the rendered frames, with the documented arguments', async () => {
    const env = await scope.farm({ frameDurationMs: 5 });
    const { api, farm } = env;
    const t = await scope.temp('rv-txup-');
    const job = path.join(t.dir, 'job');
    await mkdir(path.join(job, 'tex'), { recursive: true });
    const texture = path.join(job, 'tex', 'wood.png');
    await writeFile(texture, 'wood texture');
    const created = (await api.task.createTask(1)) as { taskIdList: number[] };
    const taskId = created.taskIdList[0]!;
    const files = {
      task: path.join(job, 'task.json'), tips: path.join(job, 'tips.json'), asset: path.join(job, 'asset.json'), upload: path.join(job, 'upload.json'),
    };
    await writeFile(files.task, JSON.stringify({
      task_info: { input_cg_file: '/D/proj/circle.ma', frames_per_task: '1', pre_frames: '000', cg_id: '2000', task_id: String(taskId) },
      scene_info_render: { masterLayer: { renderable: '1', common: { frames: '1-2[1]', image_file_prefix: '<Scene>', render_camera: ['persp'] } } },
    }));
    await writeFile(files.tips, '{}');
    await writeFile(files.asset, '{}');
    const server = '/' + texture.replace(/\\/g, '/').replace(/^\/+/, '');
    await writeFile(files.upload, JSON.stringify({ asset: [{ local: texture, server }] }));

    const calls = path.join(t.dir, 'calls.jsonl');
    const childEnv = {
      ...process.env,
      RAYVISION_SDK_HOME: path.join(t.dir, 'home'),
      RAYVISION_STANDIN_HTTP_AUTH: `${farm.account.storageName}:${farm.account.storagePassword}`,
      RAYVISION_STANDIN_HTTP_BASE: farm.url,
      RAYVISION_STANDIN_CALLS: calls,
    };
    await mkdir(childEnv.RAYVISION_SDK_HOME, { recursive: true });
    const upload = new RayvisionUpload({ api, engine: 'aspera', transmitterExe: exe, env: childEnv });
    await upload.upload(taskId, files.task, files.tips, files.asset, files.upload);
    const stored = path.join(farm.storageDir, farm.account.inputBid, ...server.split('/').filter(Boolean));
    expect(await readFile(stored, 'utf8')).toBe('wood texture');
    expect(await readFile(path.join(farm.storageDir, farm.account.configBid, String(taskId), 'cfg', 'upload.json'), 'utf8')).toContain('wood.png');

    const argv = (await readFile(calls, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { argv: string[]; RAYVISION_LOG: string }));
    const types = argv.map((c) => c.argv[c.argv.indexOf('-T') + 1]);
    expect(types.slice(0, 4)).toEqual(['upload_path', 'upload_path', 'upload_path', 'upload_path']);
    expect(types).toContain('upload_json');
    const first = argv[0]!.argv;
    expect(first.slice(0, 6)).toEqual(['-E', 'aspera', '-H', '45.251.92.29', '-P', '10221']);
    expect(first[first.indexOf('-S') + 1]).toBe(farm.account.configBid);
    expect(first[first.indexOf('-R') + 1]).toBe(`/${taskId}/cfg/task.json`);
    expect(argv.every((c) => c.RAYVISION_LOG === childEnv.RAYVISION_SDK_HOME)).toBe(true);

    await api.submit(taskId);
    const local = path.join(t.dir, 'renders');
    const dl = new RayvisionDownload(api, { transmitterExe: exe, transmitter: { env: childEnv } });
    const report = await dl.autoDownloadAfterTaskCompleted({ taskIds: [taskId], localPath: local, pollMs: 20, engineType: 'aspera' });
    expect(report.files.map((f) => f.frame).sort()).toEqual([1, 2]);
    expect((await listFiles(local)).filter((f) => f !== JOURNAL_FILE)).toEqual([`${taskId}_circle/circle.0001.png`, `${taskId}_circle/circle.0002.png`]);
  });
});
