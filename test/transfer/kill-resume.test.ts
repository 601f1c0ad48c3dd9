/**
 * What must hold: SIGKILL the uploading process mid-way through a 2,000-file, 2 GB-equivalent upload
 * (8 sparse files of 256 MiB and 1,992 small ones), start it again, and it finishes: every file on the
 * farm is byte-identical to its source, no file completed before the kill is sent again, and
 * interrupted large files resume from the bytes the farm held (exact byte accounting).
 */
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFarm, type WithFarm } from '../helpers/with-farm';
import { makeSmallFiles, sha256File, snapshot, storedPath } from './helpers/farm-storage';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'fixtures', 'upload-child.ts');
const BIG = 8;
const BIG_SIZE = 256 * 1024 * 1024;

/** Sparse file with a distinct marker every 16 MiB, so each big file has its own hash. */
function sparse(file: string, size: number, seed: number): void {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, size);
  for (let o = 0; o < size; o += 16 * 1024 * 1024) writeSync(fd, Buffer.from(`seed ${seed} offset ${o}`), 0, undefined, o);
  closeSync(fd);
}

describe('upload survives SIGKILL of the uploading process', () => {
  let ctx: WithFarm;
  let dir: string;
  let files: string[];
  let uploadJson: string;
  beforeAll(async () => {
    ctx = await withFarm();
    dir = mkdtempSync(path.join(os.tmpdir(), 'kill-'));
    const src = path.join(dir, 'src');
    const small = await makeSmallFiles(src, 2000 - BIG);
    const big: string[] = [];
    for (let i = 0; i < BIG; i++) {
      const f = path.join(src, `big${i}.bin`);
      sparse(f, BIG_SIZE, i);
      big.push(f);
    }
    // Big files interleaved with small ones, so the kill lands with both kinds in flight.
    files = [...small];
    big.forEach((b, i) => files.splice(200 * (i + 1), 0, b));
    const ws = path.join(dir, 'ws', 'killjob');
    mkdirSync(ws, { recursive: true });
    uploadJson = path.join(ws, 'upload.json');
    writeFileSync(uploadJson, JSON.stringify({ asset: files.map((f) => ({ local: f, server: `/U${f}` })) }));
  }, 300_000);
  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kills, restarts and finishes with every file identical and nothing completed sent twice', async () => {
    const { farm } = ctx;
    const total = files.reduce((n, f) => n + statSync(f).size, 0);
    expect(files).toHaveLength(2000);
    const args = JSON.stringify({ domain: farm.domain, accessId: farm.accessId, accessKey: farm.accessKey, uploadJson });
    const env = { ...process.env, RAYVISION_SDK_HOME: path.join(dir, 'home') };

    // Run 1: kill -9 once a third of the bytes went out.
    const first = execa('node', ['--import', 'tsx', child, args], { env, reject: false, buffer: false });
    let killedAt = 0;
    first.stdout!.setEncoding('utf8');
    let pending = '';
    first.stdout!.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const p = JSON.parse(line) as { bytes?: { transferred: number } };
        if (!killedAt && (p.bytes?.transferred ?? 0) >= total / 3) {
          killedAt = p.bytes!.transferred;
          first.kill('SIGKILL');
        }
      }
    });
    const r1 = await first;
    expect(r1.signal).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);

    // What the farm holds after the kill. Requests that reached it before the kill may still be
    // finishing (a 256 MiB commit re-hashes the file), and a commit that lands between the two listings
    // would be in neither: read both until two readings in a row agree.
    const inputRoot = path.join(farm.storageDir, farm.account.inputBid);
    const partDir = path.join(farm.storageDir, '.partial');
    const readFarm = async () => ({
      completed: await snapshot(inputRoot),
      // A part file can be committed (renamed away) between readdir and stat: -1 marks that, and differs next time.
      partials: readdirSync(partDir).filter((f) => f.endsWith('.part')).map((f) => statSync(path.join(partDir, f), { throwIfNoEntry: false })?.size ?? -1),
    });
    const same = (a: Awaited<ReturnType<typeof readFarm>>, b: Awaited<ReturnType<typeof readFarm>>) =>
      JSON.stringify([[...a.completed].sort(), a.partials.sort()]) === JSON.stringify([[...b.completed].sort(), b.partials.sort()]);
    let state = await readFarm();
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const next = await readFarm();
      if (same(state, next)) break;
      state = next;
    }
    const { completed, partials } = state;
    expect(completed.size).toBeGreaterThan(0);
    expect(completed.size).toBeLessThan(2000);
    const heldBytes = partials.reduce((a, b) => a + b, 0);
    // The kill landed inside at least one big file: the farm holds its first chunks.
    expect(heldBytes).toBeGreaterThan(0);
    const completedBytes = [...completed.values()].reduce((n, v) => n + v.size, 0);

    // Run 2: a fresh process finishes the job.
    const r2 = await execa('node', ['--import', 'tsx', child, args], { env });
    const summary = JSON.parse(r2.stdout.trim().split('\n').at(-1)!).summary as { sent: number; skipped: number; bytes: number };
    expect(summary.sent + summary.skipped).toBe(2000);
    // Exact byte accounting: only bytes the farm neither had complete nor held as a partial were sent.
    expect(summary.bytes).toBe(total - completedBytes - heldBytes);

    const after = await snapshot(inputRoot);
    expect(after.size).toBe(2000);
    // Files completed before the kill were not written again (same inode and mtime).
    for (const [rel, v] of completed) expect(after.get(rel)).toEqual(v);
    for (const f of files) {
      const stored = storedPath(farm, farm.account.inputBid, `/U${f}`);
      if (statSync(f).size > 1024 * 1024) expect(await sha256File(stored)).toBe(await sha256File(f));
      else expect(statSync(stored).size).toBe(statSync(f).size);
    }
    // Small files: compare content exactly too (cheap).
    for (const f of files.filter((x) => statSync(x).size <= 1024 * 1024)) {
      expect(readFileSync(storedPath(farm, farm.account.inputBid, `/U${f}`)).equals(readFileSync(f))).toBe(true);
    }
    expect(readdirSync(partDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 900_000);
});
