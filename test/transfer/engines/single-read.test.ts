/**
 * A large file is read from disk once on upload (issue 13): hashed while it is sent, verified by the
 * farm at commit. Counted with the kernel's per-process read counter (/proc/self/io `rchar`) while the
 * farm runs in its own process, so only this process's reads are counted. A stale partial of other
 * content on the farm makes the commit fail; the file is sent again and only the truth is recorded.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RayvisionAPI } from '../../../sidecar/src/api';
import { createStorageClient } from '../../../sidecar/src/transfer/engines/http-storage';
import { RayvisionUpload } from '../../../sidecar/src/transfer/upload';
import { withFarm } from '../../helpers/with-farm';
import { farmLine, sha256File, storedPath } from '../helpers/farm-storage';

const here = path.dirname(fileURLToPath(import.meta.url));
const farmMain = path.resolve(here, '..', '..', '..', 'sidecar', 'src', 'farm', 'main.ts');
const SIZE = 48 * 1024 * 1024;
const canCount = existsSync('/proc/self/io');

/** Bytes this process read through read(2) and friends so far. */
const rchar = (): number => Number(/rchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

/** A file of `size` bytes of varied content (non-sparse, so every read is real). */
function writeVaried(file: string, size: number, seed: number): void {
  const block = randomBytes(1024 * 1024);
  block.writeUInt32LE(seed, 0);
  const fd = openSync(file, 'w');
  for (let o = 0; o < size; o += block.length) writeSync(fd, block, 0, Math.min(block.length, size - o));
  closeSync(fd);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'single-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function uploadJson(name: string, local: string, server: string): string {
  const ws = path.join(dir, 'ws', name);
  mkdirSync(ws, { recursive: true });
  const file = path.join(ws, 'upload.json');
  writeFileSync(file, JSON.stringify({ asset: [{ local, server }] }));
  return file;
}

describe('one read of a large file on upload', () => {
  it.skipIf(!canCount)('reads the file once (hash while sending) and the farm holds it byte for byte', async () => {
    const farmDir = path.join(dir, 'farm');
    const child: ResultPromise = execa('node', ['--import', 'tsx', farmMain, '--dir', farmDir], { buffer: false, reject: false });
    try {
      const info = await new Promise<{ domain: string; accessId: string; accessKey: string }>((resolve) => {
        let text = '';
        child.stdout!.on('data', (d: Buffer) => {
          text += String(d);
          if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!));
        });
      });
      const api = await RayvisionAPI.connect({ domain: info.domain, protocol: 'http', platform: '2', accessId: info.accessId, accessKey: info.accessKey });
      const big = path.join(dir, 'big.bin');
      writeVaried(big, SIZE, 1);
      const up = new RayvisionUpload({ api, env: { RAYVISION_SDK_HOME: path.join(dir, 'home') } });
      const job = uploadJson('big', big, '/big/big.bin');
      await up.engine(); // getConfig before counting
      const before = rchar();
      const summary = await up.uploadAsset(job, undefined, false);
      const read = rchar() - before;
      expect(summary).toMatchObject({ sent: 1, bytes: SIZE });
      // Once, plus the small replies of the farm: far from the two reads (hash, then send) of before.
      expect(read).toBeGreaterThanOrEqual(SIZE);
      expect(read).toBeLessThan(1.1 * SIZE);
      api.close();
      const stored = path.join(farmDir, 'storage', String(api.userInfo.input_bid), 'big', 'big.bin');
      expect(await sha256File(stored)).toBe(await sha256File(big));
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  }, 120_000);

  it('a stale partial of other content fails the commit: the file is sent again and recorded as it is', async () => {
    const ctx = await withFarm();
    try {
      const { farm, api } = ctx;
      const big = path.join(dir, 'changed.bin');
      writeVaried(big, SIZE, 2);
      // Another version of the file (same size) left half-sent on the farm.
      const client = createStorageClient(farmLine(farm));
      const bid = farm.account.inputBid;
      const old = randomBytes(SIZE / 2);
      await client.request({ method: 'POST', url: client.url(bid, '/c/changed.bin', { op: 'init' }), data: { size: SIZE } });
      await client.request({ method: 'PUT', url: client.url(bid, '/c/changed.bin', { op: 'chunk', offset: 0 }), data: old, headers: { 'Content-Type': 'application/octet-stream' } });
      const home = path.join(dir, 'home2');
      const up = new RayvisionUpload({ api, env: { RAYVISION_SDK_HOME: home } });
      const job = uploadJson('changed', big, '/c/changed.bin');
      const summary = await up.uploadAsset(job);
      expect(summary.sent).toBe(1);
      expect(await sha256File(storedPath(farm, bid, '/c/changed.bin'))).toBe(await sha256File(big));
      // The resumed half was refused at commit (422) and the whole file went again.
      expect(farm.storageStats.bytesIn).toBe(SIZE / 2 + SIZE / 2 + SIZE);
      expect(farm.storageStats.commits.get(`${bid}/c/changed.bin`)).toBe(1);
      const db = new Database(path.join(home, 'db', 'changed.db'), { readonly: true });
      const rows = db.prepare('SELECT r_val FROM record').all() as { r_val: string }[];
      db.close();
      expect(rows.map((r) => JSON.parse(r.r_val).filesize)).toEqual([SIZE]);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
