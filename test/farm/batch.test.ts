// The local farm's batch call (docs/storage-protocol.md "Batch"): each file verified and committed on
// its own, several at once — a bad hash or a folder in the way refuses that file only, files of one
// folder all land, and batch-init then says they are complete.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import { rawRequest, storageAuth } from '../helpers/farm-raw';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let dir: string;
let farm: Farm;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farm-batch-'));
  farm = await startFarm({ dir });
});
afterAll(async () => {
  await farm.close();
  await rm(dir, { recursive: true, force: true });
});

const op = (name: string) => `/storage/${farm.account.inputBid}/?op=${name}`;
function batchBody(files: { path: string; bytes: Buffer; sha256?: string }[]): Buffer {
  const header = Buffer.from(JSON.stringify({ files: files.map((f) => ({ path: f.path, size: f.bytes.length, sha256: f.sha256 ?? sha(f.bytes) })) }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, ...files.map((f) => f.bytes)]);
}

describe('op=batch', () => {
  it('commits each file on its own: a wrong hash and a folder in the way refuse only those files', async () => {
    const stored = (p: string) => path.join(farm.storageDir, farm.account.inputBid, ...p.split('/').filter(Boolean));
    await mkdir(stored('/B/clash.txt'), { recursive: true });
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `/B/d${i % 3}/f${i}.txt`, bytes: Buffer.from(`file ${i} `.repeat(i + 1)) }));
    const bad = { path: '/B/bad.txt', bytes: Buffer.from('real bytes'), sha256: sha(Buffer.from('other bytes')) };
    const clash = { path: '/B/clash.txt', bytes: Buffer.from('a file where a folder is') };
    const all = [...files.slice(0, 10), bad, ...files.slice(10, 20), clash, ...files.slice(20)];
    const r = await rawRequest(farm, 'POST', op('batch'), { ...storageAuth(farm), 'Content-Type': 'application/octet-stream' }, batchBody(all));
    expect(r.status).toBe(200);
    const results = r.json<{ results: { ok: boolean; error?: string }[] }>().results;
    expect(results).toHaveLength(all.length);
    expect(results[10]).toMatchObject({ ok: false, error: 'HASH_MISMATCH' });
    expect(results[21]).toMatchObject({ ok: false, error: 'PATH_CONFLICT' });
    expect(results.filter((x) => x.ok)).toHaveLength(40);
    for (const f of files) {
      expect((await readFile(stored(f.path))).equals(f.bytes)).toBe(true);
    }
    await expect(readFile(stored('/B/bad.txt'))).rejects.toThrow();

    const init = await rawRequest(farm, 'POST', op('batch-init'), { ...storageAuth(farm), 'Content-Type': 'application/json' },
      JSON.stringify({ files: [...files, bad].map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha(f.bytes) })) }));
    expect(init.json<{ complete: boolean[] }>().complete).toEqual([...files.map(() => true), false]);
  });
});
