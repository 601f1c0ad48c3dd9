/**
 * `npx tsx scripts/monitor-screenshots.ts [outDir]` (default docs/): the README's pictures of the job
 * monitor. A private sidecar and its local farm are brought into a mixed state step by step (the farm
 * renders only on tick): a finished task downloaded here, one done with failed frames, one stopped,
 * one rendering with a failed frame. Then Debian's Chromium (puppeteer-core) opens the page through
 * the one-time URL and takes the list and the frame grid.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { connectWs, SidecarClient, startSidecar } from '../sidecar/src/rpc/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs'));
const scenes = path.resolve(root, '..', 'shared', 'scenes');
const work = mkdtempSync(path.join(tmpdir(), 'rv-shots-'));
process.env.RAYVISION_SDK_HOME = work;

const sidecar = await startSidecar({ home: work, discovery: false, idleTimeoutMs: 0, monitorPollMs: 200, openExternal: async () => {} });
const { reader, writer } = await connectWs(sidecar.port, sidecar.token);
const client = new SidecarClient(reader, writer);
await client.initialize('monitor-screenshots');
await client.call('session/login', { farm: 'local', frameDurationMs: 0, dir: path.join(work, 'farm') });
const farm = sidecar.services.session.localFarm!;

async function submit(scene: string, extra: Record<string, unknown> = {}): Promise<number> {
  const end = await client.runJob('submit/scene', { scenePath: path.join(scenes, scene), mode: 'static', workspace: work, ...extra } as never, () => {});
  return (end as { taskId: number }).taskId;
}
const status = async (id: number) => ((await client.call('task/info', { taskIds: [id] })) as { items: { taskStatus: number }[] }).items[0]!.taskStatus;
async function renderUntil(id: number, done: (s: number) => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(await status(id)); i += 1) await farm.tick();
}

// 1. Done and downloaded here.
const first = await submit('houdini/sphere.hip', { frames: { '*': '1-24' } });
const download = client.runJob('download/start', { mode: 'auto', taskIds: [first], localPath: path.join(work, 'renders'), sleepTime: 0.1 }, () => {});
await renderUntil(first, (s) => s === 25);
await download;
// 2. Done with two failed frames.
farm.setFaults({ failFrames: [4, 9] });
const second = await submit('maya/demo_scenc.ma', { frames: { '*': '1-12' } });
await renderUntil(second, (s) => s === 30);
// 3. Stopped after a few frames.
farm.setFaults({});
const third = await submit('houdini/sphere.hip', { frames: { '*': '1-48' } });
for (let i = 0; i < 8; i += 1) await farm.tick();
await client.call('task/stop', { taskIds: [third] });
// 4. Rendering now, frame 5 failed.
farm.setFaults({ failFrames: [5] });
const fourth = await submit('houdini/sphere.hip', { frames: { '*': '1-36' } });
// Its frames come down as they finish (the job runs until the sidecar closes).
void client.runJob('download/start', { mode: 'auto', taskIds: [fourth], localPath: path.join(work, 'renders'), sleepTime: 0.1 }, () => {}).catch(() => {});
for (let i = 0; i < 16; i += 1) await farm.tick();

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  userDataDir: path.join(work, 'chromium-profile'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1360, height: 760, deviceScaleFactor: 1 });
  const { url } = await client.call('monitor/open', { taskId: fourth });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('#grid .cell.f4 img').length >= 10, { timeout: 60_000 });
  await page.waitForFunction(() => /13 file\(s\) in /.test(document.getElementById('landed')?.textContent ?? ''), { timeout: 60_000 });
  const failed = await page.$('#grid .cell.f5');
  await failed!.click();
  await page.waitForFunction(() => /ERROR/.test(document.getElementById('f-log')?.textContent ?? ''), { timeout: 60_000 });
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'monitor-list.png') });
  await (await page.$('#detail'))!.screenshot({ path: path.join(out, 'monitor-frames.png') });
  console.log(`screenshots: ${path.join(out, 'monitor-list.png')}, ${path.join(out, 'monitor-frames.png')}`);
} finally {
  await browser.close();
  client.close();
  await sidecar.close();
  rmSync(work, { recursive: true, force: true });
}
