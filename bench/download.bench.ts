/**
 * Download benchmark (prints, never gates), against a local farm on 127.0.0.1 in its own process (as
 * a real server would be: its work does not share the client's thread), in one run:
 *  1. a 100-frame task downloaded with autoDownload while it renders, beside the old SDK's behaviour
 *     simulated on the same task at the same time (every poll re-fetches the whole output folder):
 *     bytes fetched as a multiple of the task's output size, for both;
 *  2. one big file (BENCH_DL_MB, default 256) through the http download engine (resume file, SHA-256,
 *     rename), beside a bare Node http GET of the same bytes from the same storage server piped to
 *     a file on the same disk (no hash, no partial file, no rename); medians of 3, alternating;
 *  3. 1,000 frames of 100 KiB through the engine beside a bare GET loop with the same concurrency (4)
 *     and the same keep-alive, from the same server to the same disk.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RayvisionAPI } from '../sidecar/src/api';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { RayvisionDownload, httpDownload, judgeTask, normaliseTask } from '../sidecar/src/transfer/download';
import { listOutputFiles } from '../sidecar/src/transfer/download/list-output';
import { createStorageClient } from '../sidecar/src/transfer/engines/http-storage';
import { selectTransferLine, type TransferConfig } from '../sidecar/src/transfer/transfer-line';
import { goal, median } from './goal';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 100);
const BIG = Number(process.env.BENCH_DL_MB ?? 256) * 1024 * 1024;
const POLL_MS = 100;
const SMALL_FRAMES = Number(process.env.BENCH_DL_FRAMES ?? 1000);
const root = mkdtempSync(path.join(os.tmpdir(), 'download-bench-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  return total;
}

const farmMain = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sidecar', 'src', 'farm', 'main.ts');
const farmProc = execa('node', ['--import', 'tsx', farmMain, '--dir', path.join(root, 'farm'), '--frame-ms', '40'], { buffer: false, reject: false });
const started = await new Promise<{ domain: string; accessId: string; accessKey: string; userId: number; dir: string }>((resolve, reject) => {
  let text = '';
  farmProc.stdout!.on('data', (d: Buffer) => {
    text += String(d);
    if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!));
  });
  void farmProc.then((r) => reject(new Error(`the farm exited early: ${String(r.stderr ?? '')}`)));
});
try {
  const api = await RayvisionAPI.connect({ domain: started.domain, protocol: 'http', platform: '2', accessId: started.accessId, accessKey: started.accessKey });
  const config = (await api.transmit.getTransferConfig()) as TransferConfig;
  const line = selectTransferLine(config, 'HTTP');
  const client = createStorageClient(line);
  const [host, port] = started.domain.split(':') as [string, string];
  const farm = {
    host, port: Number(port), userId: started.userId, storageDir: path.join(started.dir, 'storage'),
    account: { outputBid: String(api.userInfo.output_bid), storageName: line.account!.name, storagePassword: line.account!.password },
  };

  // ---- 1. bytes fetched while a task renders: new (journal) vs old (whole folder every poll)
  const created = (await api.task.createTask(1)) as { taskIdList: number[] };
  const taskId = created.taskIdList[0]!;
  const task = {
    task_info: { input_cg_file: '/D/proj/bench.ma', frames_per_task: '1', pre_frames: '000', cg_id: '2000' },
    scene_info_render: { masterLayer: { renderable: '1', common: { frames: `1-${FRAMES}[1]`, image_file_prefix: '<Scene>', render_camera: ['persp'] } } },
  };
  await api.transmit.uploadJsonContent(taskId, JSON.stringify(task), 'task.json');
  await api.submit(taskId);

  const oldBehaviour = async (): Promise<{ bytes: number; rounds: number }> => {
    let bytes = 0;
    let rounds = 0;
    for (;;) {
      await sleep(POLL_MS); // the old SDK sleeps before every round, the first included
      const page = (await api.query.taskInfo([taskId])) as { items: unknown[] };
      const node = normaliseTask(page.items[0] as never);
      const ended = judgeTask(node).state === 'ended';
      rounds += 1;
      if (node.outputFileName) {
        const files = await listOutputFiles(api, node.outputFileName);
        const dir = path.join(root, 'old', String(rounds));
        const items = files.map((f) => ({ local: path.join(dir, ...f.relative.split('/')), server: '/' + f.relative, size: f.size }));
        bytes += (await httpDownload({ direction: 'download', storage: 'output', storageId: farm.account.outputBid, userId: String(farm.userId), items }, client)).bytes;
        rmSync(dir, { recursive: true, force: true });
      }
      if (ended) return { bytes, rounds };
    }
  };

  const t0 = performance.now();
  const [ours, old] = await Promise.all([
    new RayvisionDownload(api).autoDownload({ taskIds: [taskId], localPath: path.join(root, 'new'), pollMs: POLL_MS }),
    oldBehaviour(),
  ]);
  const secs = (performance.now() - t0) / 1000;
  const output = await folderBytes(path.join(farm.storageDir, farm.account.outputBid, `${taskId}_bench`));
  console.log(`${FRAMES}-frame task rendered and downloaded in ${secs.toFixed(1)} s; output ${mib(output)} in ${FRAMES} files, polling every ${POLL_MS} ms`);
  console.log(`  sdk autoDownload (journal)         fetched ${mib(ours.bytes).padStart(10)} = ${(ours.bytes / output).toFixed(3)} x output, ${ours.files.length} files landed`);
  console.log(`  old behaviour (whole folder/poll)  fetched ${mib(old.bytes).padStart(10)} = ${(old.bytes / output).toFixed(3)} x output over ${old.rounds} polls`);
  console.log(`  old/sdk bytes ratio x${(old.bytes / Math.max(1, ours.bytes)).toFixed(1)}`);

  // ---- 2. one big file: engine vs bare GET
  const bigDir = path.join(farm.storageDir, farm.account.outputBid, 'bench_big');
  await mkdir(bigDir, { recursive: true });
  const fh = await open(path.join(bigDir, 'big.bin'), 'w');
  const block = Buffer.alloc(4 * 1024 * 1024);
  for (let off = 0; off < BIG; off += block.length) {
    block.fill(off & 0xff);
    await fh.write(block, 0, Math.min(block.length, BIG - off));
  }
  await fh.close();
  const auth = `Basic ${Buffer.from(`${farm.account.storageName}:${farm.account.storagePassword}`).toString('base64')}`;
  const bare = async () => {
    rmSync(path.join(root, 'bare.bin'), { force: true });
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      http.get({ host: farm.host, port: farm.port, path: `/storage/${farm.account.outputBid}/bench_big/big.bin`, headers: { Authorization: auth } }, (res) => {
        pipeline(res, createWriteStream(path.join(root, 'bare.bin'))).then(resolve, reject);
      }).on('error', reject);
    });
    return (performance.now() - t) / 1000;
  };
  const engine = async () => {
    const t = performance.now();
    rmSync(path.join(root, 'big.bin'), { force: true });
    const r = await httpDownload({ direction: 'download', storage: 'output', storageId: farm.account.outputBid, userId: String(farm.userId), items: [{ local: path.join(root, 'big.bin'), server: '/bench_big/big.bin', size: BIG }] }, client);
    if (r.failed.length) throw r.failed[0]!.error;
    return (performance.now() - t) / 1000;
  };
  await bare(); // warm the farm's hash cache and the page cache for both
  // Alternate the two, medians of 3: the machine is shared and noisy.
  const tbs: number[] = [];
  const tes: number[] = [];
  for (let i = 0; i < 3; i++) {
    tes.push(await engine());
    tbs.push(await bare());
  }
  const tb = median(tbs);
  const te = median(tes);
  const rate = (s: number) => `${(BIG / 1024 / 1024 / s).toFixed(0)} MiB/s`;
  console.log(`one ${mib(BIG)} file: sdk ${te.toFixed(2)} s (${rate(te)})   bare GET ${tb.toFixed(2)} s (${rate(tb)})   sdk/bare time x${(te / tb).toFixed(2)}`);
  goal({ name: `download one ${BIG / 1048576} MiB file, speed vs bare GET`, value: tb / te, cmp: '>=', target: 0.85, unit: 'x', detail: `medians of 3: sdk ${te.toFixed(2)} s, bare ${tb.toFixed(2)} s` });

  // ---- 3. many frames: 1,000 x 100 KiB through the engine (4 at once) vs a bare GET loop, 4 in flight
  const framesDir = path.join(farm.storageDir, farm.account.outputBid, 'bench_frames');
  await mkdir(framesDir, { recursive: true });
  const frame = Buffer.alloc(100 * 1024, 7);
  const names: string[] = [];
  for (let i = 0; i < SMALL_FRAMES; i++) {
    frame.writeUInt32LE(i, 0);
    const n = `f${String(i).padStart(4, '0')}.png`;
    const fh2 = await open(path.join(framesDir, n), 'w');
    await fh2.write(frame);
    await fh2.close();
    names.push(n);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const bareGet = (n: string, dest: string) =>
    new Promise<void>((resolve, reject) => {
      http.get({ host: farm.host, port: farm.port, agent, path: `/storage/${farm.account.outputBid}/bench_frames/${n}`, headers: { Authorization: auth } }, (res) => {
        pipeline(res, createWriteStream(dest)).then(resolve, reject);
      }).on('error', reject);
    });
  const bareLoop = async () => {
    const d = path.join(root, 'bare-frames');
    rmSync(d, { recursive: true, force: true });
    await mkdir(d, { recursive: true });
    const t = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < names.length) {
        const n = names[next++]!;
        await bareGet(n, path.join(d, n));
      }
    }));
    return (performance.now() - t) / 1000;
  };
  const engineLoop = async () => {
    const d = path.join(root, 'sdk-frames');
    rmSync(d, { recursive: true, force: true });
    const t = performance.now();
    const r = await httpDownload({ direction: 'download', storage: 'output', storageId: farm.account.outputBid, userId: String(farm.userId), items: names.map((n) => ({ local: path.join(d, n), server: `/bench_frames/${n}`, size: frame.length })) }, client);
    if (r.failed.length) throw r.failed[0]!.error;
    return (performance.now() - t) / 1000;
  };
  await bareLoop();
  const fbs: number[] = [];
  const fes: number[] = [];
  for (let i = 0; i < 3; i++) {
    fes.push(await engineLoop());
    fbs.push(await bareLoop());
  }
  agent.destroy();
  const fb = median(fbs);
  const fe = median(fes);
  console.log(`${SMALL_FRAMES} frames of 100 KiB: sdk ${fe.toFixed(2)} s (${(SMALL_FRAMES / fe).toFixed(0)} files/s)   bare GET loop ${fb.toFixed(2)} s (${(SMALL_FRAMES / fb).toFixed(0)} files/s)`);
  goal({ name: `download ${SMALL_FRAMES} x 100 KiB frames, speed vs bare GET loop (4 in flight)`, value: fb / fe, cmp: '>=', target: 0.5, unit: 'x', detail: `medians of 3: sdk ${fe.toFixed(2)} s, bare ${fb.toFixed(2)} s` });
  api.close();
} finally {
  farmProc.kill('SIGTERM');
  await farmProc;
  rmSync(root, { recursive: true, force: true });
}
