// The "what must hold" list, against the local farm: each finished frame is fetched once while
// the task renders; a download killed mid-file resumes without a partial file under a final name; a
// hostile listing writes nothing outside the local folder; odd statuses, endless tasks and 5xx spells
// each end with a clear outcome and nothing lost.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { DownloadTimeoutError, JOURNAL_FILE, PART_SUFFIX, RayvisionDownload, type DownloadApi } from '../../../sidecar/src/transfer/download';
import type { TransferConfig } from '../../../sidecar/src/transfer/transfer-line';
import type { WithFarm } from '../../helpers/with-farm';
import { startCountingProxy } from '../helpers/counting-proxy';
import { listFiles, perTest, submitTask, waitForStatus } from './farm-task';

const here = path.dirname(fileURLToPath(import.meta.url));
const scope = perTest();

async function setup(frameDurationMs = 20) {
  const env = await scope.farm({ frameDurationMs });
  const local = await scope.temp();
  return { ...env, local: local.dir };
}

const outputDir = (w: WithFarm, folder: string) => path.join(w.farm.storageDir, w.farm.account.outputBid, ...folder.split('/'));
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const withoutJournal = (files: string[]) => files.filter((f) => f !== JOURNAL_FILE);

/** `api` with getConfig's HTTP line pointing at `port` (a proxy in front of the farm's storage). */
function throughProxy(api: DownloadApi, port: number): DownloadApi {
  const getTransferConfig: DownloadApi['transmit']['getTransferConfig'] = async (o) => {
    const config = structuredClone((await api.transmit.getTransferConfig(o)) as TransferConfig);
    for (const engine of config.resqEngines ?? []) {
      if ((engine.engineName ?? '').toLowerCase() !== 'http') continue;
      for (const line of engine.respTaskEngineLines ?? []) line.port = port;
    }
    return config;
  };
  return { userInfo: api.userInfo, query: api.query, transmit: { getOutputFiles: (...a) => api.transmit.getOutputFiles(...a), getTransferConfig } };
}

/** Every file and folder below `root` (folders end with "/"), sorted. */
async function listTree(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    out.push(entry.isDirectory() ? `${rel}/` : rel);
  }
  return out.sort();
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await listFiles(dir)) total += (await stat(path.join(dir, f))).size;
  return total;
}

describe('what must hold', () => {
  it('autoDownload of a 100-frame task while it renders lands every frame exactly once, fetching at most 1.05x the output', async () => {
    const { api, farm, local } = await setup(20);
    const taskId = await submitTask(api, { frames: '1-100[1]', scene: 'hundred' });
    // Storage traffic goes through a counting proxy: the bytes fetched are measured, not self-reported.
    const proxy = await startCountingProxy({ host: farm.host, port: farm.port });
    scope.defer(() => proxy.close());
    const dl = new RayvisionDownload(throughProxy(api, proxy.port));
    const perFile = new Map<string, number>();
    let state = 'unknown';
    let landedWhileRendering = 0;
    dl.on('status', (s) => (state = s.state));
    const report = await dl.autoDownload({
      taskIds: [taskId], localPath: local, pollMs: 50,
      onFile: (f) => {
        perFile.set(f.serverPath, (perFile.get(f.serverPath) ?? 0) + 1);
        if (state === 'running') landedWhileRendering += 1;
      },
    });
    const folder = `${taskId}_hundred`;
    const onDisk = withoutJournal(await listFiles(local));
    expect(onDisk).toHaveLength(100);
    expect(onDisk).toEqual(Array.from({ length: 100 }, (_, i) => `${folder}/hundred.${String(i + 1).padStart(4, '0')}.png`));
    expect(perFile.size).toBe(100);
    expect([...perFile.values()].every((n) => n === 1)).toBe(true);
    expect(landedWhileRendering).toBeGreaterThan(0);
    expect(report.files).toHaveLength(100);
    expect(report.skipped).toBe(0); // later rounds saw the frames again: none was "already here" before the call
    const outputBytes = await folderBytes(outputDir(scope.env, folder));
    expect(report.bytes).toBeGreaterThanOrEqual(outputBytes);
    expect(report.bytes).toBeLessThanOrEqual(1.05 * outputBytes);
    expect(proxy.bytesDown).toBeGreaterThanOrEqual(outputBytes);
    expect(proxy.bytesDown).toBeLessThanOrEqual(1.05 * outputBytes);
    for (const f of onDisk.slice(0, 5)) expect(await sha(path.join(local, f))).toBe(await sha(path.join(outputDir(scope.env, folder), path.basename(f))));
  });

  it('a download killed mid-file (SIGKILL of the child) leaves no partial file under a final name and the next run completes the set', async () => {
    const { api, farm, local } = await setup(5);
    const taskId = await submitTask(api, { frames: '1-3[1]', scene: 'kill' });
    await waitForStatus(api, taskId);
    const folder = `${taskId}_kill`;
    const big = path.join(outputDir(scope.env, folder), 'big.bin');
    await writeFile(big, randomBytes(3 * 1024 * 1024));
    const child = execa(process.execPath, ['--import', 'tsx', path.join(here, 'kill-child.ts'), farm.domain, farm.accessId, String(taskId), local, '256'], {
      input: farm.accessKey, reject: false,
    });
    const part = path.join(local, folder, 'big.bin' + PART_SUFFIX);
    for (;;) {
      const size = await stat(part).then((s) => s.size, () => 0);
      if (size > 256 * 1024) break;
      if (child.exitCode !== null) throw new Error(`child ended early: ${(await child).stdout}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');
    const partial = (await stat(part)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(3 * 1024 * 1024);
    expect(existsSync(path.join(local, folder, 'big.bin'))).toBe(false);
    for (const f of withoutJournal(await listFiles(local)).filter((n) => !n.endsWith(PART_SUFFIX))) {
      expect(await sha(path.join(local, f))).toBe(await sha(path.join(outputDir(scope.env, folder), path.basename(f))));
    }

    const report = await new RayvisionDownload(api).download({ taskIds: [taskId], localPath: local });
    const files = withoutJournal(await listFiles(local));
    expect(files.some((f) => f.endsWith(PART_SUFFIX))).toBe(false);
    expect(files).toContain(`${folder}/big.bin`);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect(await sha(path.join(local, folder, 'big.bin'))).toBe(await sha(big));
    expect(report.bytes).toBeLessThanOrEqual(await folderBytes(outputDir(scope.env, folder)) - partial);
  });

  it('a hostile listing (traversal, absolute, drive letter, NUL, overlong) writes nothing outside the local folder and is reported', async () => {
    const { api, local } = await setup(5);
    const taskId = await submitTask(api, { frames: '1-2[1]', scene: 'evil' });
    await waitForStatus(api, taskId);
    const folder = `${taskId}_evil`;
    const hostile = [
      '../../escape.txt', `/${folder}/../../escape2.txt`, '/etc/passwd', 'C:/Windows/evil.dll', `/${folder}/C:evil.txt`,
      `/${folder}/..\\..\\win.txt`, `/${folder}/a\0b.png`, `/${folder}/${'x'.repeat(300)}.png`, `/${folder}/${'d/'.repeat(600)}deep.png`,
      '//server/share/unc.txt',
    ];
    const evil: DownloadApi = {
      userInfo: api.userInfo,
      query: api.query,
      transmit: {
        getTransferConfig: api.transmit.getTransferConfig,
        getOutputFiles: async (taskIdArg: number | undefined, tree: string, o?: { signal?: AbortSignal }) => {
          const rows = (await api.transmit.getOutputFiles(taskIdArg, tree, o)) as unknown[];
          return [...rows, ...hostile.map((p) => ({ fileName: 'x', fileSize: 4, filePath: p, directory: false })), { fileName: 'up', filePath: `/${folder}/../..`, directory: true }];
        },
      },
    };
    // The download folder sits three levels down a dedicated parent: any escape (up to ../../.., or an
    // absolute path into the parent) would show in the parent's tree, which nothing else writes to.
    const inside = path.join(local, 'a', 'b', 'inside');
    await mkdir(inside, { recursive: true });
    hostile.push(path.join(local, 'a', 'abs-escape.txt').replace(/\\/g, '/'), `/${folder}/../../../../abs-escape3.txt`);
    const tree = async () => (await listTree(local)).filter((p) => !p.startsWith('a/b/inside/'));
    const before = await tree();
    const refused: string[] = [];
    const dl = new RayvisionDownload(evil);
    dl.on('refused', (r) => refused.push(r.serverPath));
    const report = await dl.download({ taskIds: [taskId], localPath: inside });
    expect(await tree()).toEqual(before);
    expect(withoutJournal(await listFiles(inside))).toEqual([`${folder}/evil.0001.png`, `${folder}/evil.0002.png`]);
    expect(refused).toHaveLength(hostile.length + 1);
    expect(report.refused.map((r) => r.serverPath).sort()).toEqual([...refused].sort());
    expect(report.ok).toBe(true);
  });

  it('an unknown status code is reported, not fatal; with a timeout the call ends clearly and a rerun completes without refetching', async () => {
    const { api, farm, local } = await setup(10);
    const taskId = await submitTask(api, { frames: '1-4[1]', scene: 'odd' });
    await waitForStatus(api, taskId);
    farm.setFaults({ taskStatus: { [taskId]: 77 } });
    const dl = new RayvisionDownload(api);
    const unknown: number[][] = [];
    dl.on('unknown-status', (u) => unknown.push(u.codes));
    const error = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 30, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadTimeoutError);
    expect((error as DownloadTimeoutError).details?.pendingTaskIds).toEqual([String(taskId)]);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]).toEqual([77]);
    expect(withoutJournal(await listFiles(local))).toHaveLength(4);
    farm.setFaults({});
    const again = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 30 });
    expect(again.bytes).toBe(0);
    expect(again.skipped).toBe(4);
  });

  it('a task that never ends stops at the timeout with the frames so far on disk; once it ends a rerun fetches only the rest', async () => {
    const { api, farm, local } = await setup(10);
    const taskId = await submitTask(api, { frames: '1-5[1]', scene: 'never' });
    farm.setFaults({ neverEnd: [taskId] });
    const dl = new RayvisionDownload(api);
    const error = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 30, timeoutMs: 2500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadTimeoutError);
    expect((error as Error).message).toMatch(/had not ended/);
    expect(withoutJournal(await listFiles(local))).toHaveLength(4);
    farm.setFaults({});
    const files: string[] = [];
    const again = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 30, onFile: (f) => files.push(path.basename(f.localPath)) });
    expect(files).toEqual(['never.0005.png']);
    expect(again.skipped).toBeGreaterThanOrEqual(4);
    expect(withoutJournal(await listFiles(local))).toHaveLength(5);
  });

  it('a spell of 5xx answers (API and storage) ends with every frame once and the failed rounds reported', async () => {
    const { api, farm, local } = await setup(15);
    const taskId = await submitTask(api, { frames: '1-20[1]', scene: 'flaky' });
    farm.setFaults({ errorRate: 1, scope: 'all' });
    const dl = new RayvisionDownload(api, { http: { backoffMs: 20 } });
    let roundErrors = 0;
    // The API fails until two rounds have failed; then storage fails every other request for a spell of
    // 12 errors (counted, not timed: a timed window raced the machine's load).
    dl.on('round-error', () => {
      roundErrors += 1;
      if (roundErrors === 2) {
        farm.setFaults({ errorRate: 0.5, scope: 'storage', errorBudget: 12 });
      }
    });
    const perFile = new Map<string, number>();
    const report = await dl.autoDownload({ taskIds: [taskId], localPath: local, pollMs: 50, onFile: (f) => perFile.set(f.serverPath, (perFile.get(f.serverPath) ?? 0) + 1) });
    expect(report.ok).toBe(true);
    expect(roundErrors).toBeGreaterThanOrEqual(2);
    expect(withoutJournal(await listFiles(local))).toHaveLength(20);
    expect([...perFile.values()].every((n) => n === 1)).toBe(true);
    expect(perFile.size).toBe(20);
  });
});
