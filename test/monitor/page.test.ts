/// <reference lib="dom" />
// The monitor page in a real browser: Debian's Chromium driven by puppeteer-core, against a real
// sidecar with its in-process local farm. Opened through the one-time URL; a task submitted from
// another client appears; its frame cells turn done with thumbnails; a failed frame's log says why
// and its retry renders it; Stop stops a rendering task. A page opened without the link gets nothing.
// (The README's pictures come from scripts/monitor-screenshots.ts.)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPHERE } from '../rpc/helpers/local-job';
import { withSidecar, type TestSidecar } from '../rpc/helpers/sidecar';
import { TestClient } from '../rpc/helpers/ws-client';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const WAIT = { timeout: 90_000, polling: 100 };

let t: TestSidecar;
let c: TestClient;
let browser: Browser;
let page: Page;
let work: string;
const opened: string[] = [];

async function submit(download: boolean): Promise<string> {
  const { jobId } = await c.call('submit/scene', {
    scenePath: SPHERE,
    mode: 'static',
    workspace: work,
    ...(download ? { download: { localPath: path.join(work, 'out'), sleepTime: 0.2 } } : {}),
  });
  return jobId;
}

// A DOM click: rows and cells are redrawn as snapshots arrive, so a mouse click may hit a replaced node.
const click = (selector: string): Promise<void> => page.$eval(selector, (e) => (e as HTMLElement).click());

const taskOfJob = async (jobId: string): Promise<number> =>
  (await c.waitNotification((n) => n.method === 'job/progress' && n.params.jobId === jobId && n.params.progress.taskId !== undefined)).params.progress.taskId;

describe.skipIf(!CHROMIUM)('the monitor page in Chromium', () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'rv-monitor-page-'));
    t = await withSidecar({ progressIntervalMs: 50, monitorPollMs: 250, openExternal: async (p) => void opened.push(p) });
    c = await TestClient.open(t.sidecar.port, t.sidecar.token);
    await c.initialize('monitor-page-test');
    await c.call('session/login', { farm: 'local', frameDurationMs: 120, dir: path.join(work, 'farm') });
    // Frame 3 fails on its first render, like a crashed render node.
    t.sidecar.services.session.localFarm!.setFaults({ failFrames: [3] });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: path.join(work, 'chromium-profile'),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1360, height: 860 });
  });

  afterAll(async () => {
    await browser?.close();
    c?.close();
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a page opened without the one-time link gets nothing, not even a WebSocket', async () => {
    const stranger = await browser.createBrowserContext();
    const p = await stranger.newPage();
    const res = await p.goto(`http://127.0.0.1:${t.sidecar.port}/monitor/`);
    expect(res!.status()).toBe(401);
    expect(await p.$('#tasks')).toBeNull();
    expect(await p.evaluate(() => document.body.innerText)).toContain('rayvision monitor');
    // Same origin as the page, no cookie: the sidecar refuses the upgrade.
    const ws = await p.evaluate((port) => new Promise<string>((resolve) => {
      const s = new WebSocket(`ws://127.0.0.1:${port}/`);
      s.onopen = () => resolve('open');
      s.onerror = () => resolve('refused');
    }), t.sidecar.port);
    expect(ws).toBe('refused');
    await stranger.close();
  });

  it('opens through the one-time URL, shows a submitted task, its frames done with thumbnails, and what landed here', async () => {
    const { url } = await c.call('monitor/open', {});
    await page.goto(url);
    expect(new URL(page.url()).pathname).toBe('/monitor/');
    await page.waitForFunction(() => document.getElementById('link')?.className === 'dot on', WAIT);
    // The code was spent: the same link in another browser profile gets nothing.
    const other = await browser.createBrowserContext();
    expect((await (await other.newPage()).goto(url))!.status()).toBe(401);
    await other.close();

    const jobId = await submit(true);
    const taskId = await taskOfJob(jobId);
    await page.waitForSelector(`#tasks tr[data-task="${taskId}"]`, WAIT); // at once, still waiting
    await page.waitForFunction((id) => /sphere/.test(document.querySelector(`#tasks tr[data-task="${id}"]`)?.textContent ?? ''), WAIT, taskId);
    await click(`#tasks tr[data-task="${taskId}"]`);
    await page.waitForFunction(() => document.querySelectorAll('#grid .cell').length === 10, WAIT);
    // Nine frames render; frame 3 fails on its first try.
    await page.waitForFunction(() => document.querySelectorAll('#grid .cell.f4 img').length === 9 && document.querySelectorAll('#grid .cell.f5').length === 1, WAIT);
    const srcs = await page.$$eval('#grid .cell.f4 img', (imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    expect(srcs.every((s) => s.startsWith('data:image/png;base64,'))).toBe(true);
    expect(new Set(srcs).size).toBe(9); // each frame its own thumbnail
    expect(await page.$$eval('#grid .cell.f4 img', (imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
    // The account's balance fell with the rendered frames; the list shows the cost.
    await page.waitForFunction((id) => /4\.50/.test(document.querySelector(`#tasks tr[data-task="${id}"]`)?.textContent ?? ''), WAIT, taskId);
    expect(await page.$eval('#account', (e) => e.textContent)).toMatch(/balance ¥995\.50/);
    // The local side: the download job of this task and where its frames landed.
    await page.waitForFunction(() => /9 file\(s\) in /.test(document.getElementById('landed')?.textContent ?? ''), WAIT);
    expect(await page.$eval('#landed', (e) => e.textContent)).toContain(path.join(work, 'out'));
    expect(await page.$eval('#jobs', (e) => e.textContent)).toMatch(/Submit/);
    await click('#a-folder');
    await page.waitForFunction(() => /Opened /.test(document.getElementById('toast')?.textContent ?? ''), WAIT);
    expect(opened.at(-1)).toContain(path.join(work, 'out'));

    // The failed frame: its log says why, Retry renders it, and its thumbnail follows.
    await click('#grid .cell.f5');
    await page.waitForFunction(() => /ERROR: the renderer exited with code 1 on frame 3/.test(document.getElementById('f-log')?.textContent ?? ''), WAIT);
    await click('#f-retry');
    await page.waitForFunction(() => document.querySelectorAll('#grid .cell.f4 img').length === 10, WAIT);
    await page.waitForFunction((id) => /Done/.test(document.querySelector(`#tasks tr[data-task="${id}"]`)?.textContent ?? ''), WAIT, taskId);
    const frames = (await c.call('task/frames', { taskId })) as Record<string, { frameStatus: number }>;
    expect(Object.values(frames).every((f) => f.frameStatus === 4)).toBe(true);
    expect((await c.jobEnd(jobId)).ok).toBe(true);
  });

  it('Stop stops a rendering task on the farm; Resume starts it again; refused actions show why', async () => {
    t.sidecar.services.session.localFarm!.setFaults({ neverEnd: 'all' }); // this task keeps rendering until stopped
    const jobId = await submit(false);
    const end = await c.jobEnd(jobId);
    const taskId = end.result.taskId as number;
    await page.waitForSelector(`#tasks tr[data-task="${taskId}"]`, WAIT);
    await click(`#tasks tr[data-task="${taskId}"]`);
    await page.waitForFunction(() => !(document.getElementById('a-stop') as HTMLButtonElement).disabled, WAIT);
    await click('#a-stop');
    await page.waitForFunction(() => document.getElementById('d-status')?.textContent === 'Stopped', WAIT);
    const info = (await c.call('task/info', { taskIds: [taskId] })) as { items: { taskStatus: number }[] };
    expect(info.items[0]!.taskStatus).toBe(10);
    await click('#a-start');
    await page.waitForFunction(() => document.getElementById('d-status')?.textContent === 'Rendering', WAIT);
    // Nothing of this task was downloaded: the sidecar refuses to open its folder and says why.
    await page.$eval('#a-folder', (b) => ((b as HTMLButtonElement).disabled = false));
    await click('#a-folder');
    await page.waitForFunction(() => /refused: No frame of task \d+ was downloaded/.test(document.getElementById('toast')?.textContent ?? ''), WAIT);
    // The farm refuses a re-commit (an error envelope): the page shows the farm's own words.
    t.sidecar.services.session.localFarm!.setFaults({ neverEnd: 'all', errorRate: 1, errorBody: 'json', paths: ['/api/render/handle/recommitTasks'] });
    await page.$eval('#a-retry', (b) => ((b as HTMLButtonElement).disabled = false));
    await click('#a-retry');
    await page.waitForFunction(() => /Retry failed frames refused: .*Internal server error \(injected fault\)/.test(document.getElementById('toast')?.textContent ?? ''), WAIT);
  });
});
