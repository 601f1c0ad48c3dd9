/**
 * The mechanism that keeps planning flat: the planner takes its input in batches and holds at most
 * two of them (the one handed out and the one being stat'ed), asks the record store once per batch
 * (never per file), and records are written in batches too. Shown with a counting harness around the
 * real SQLite and Redis stores, for several batch sizes: what is held depends on the batch size only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../../sidecar/src/transfer/engines/engine';
import { planBatches } from '../../../sidecar/src/transfer/record/plan-upload';
import { RecordWriter } from '../../../sidecar/src/transfer/record/record-writer';
import type { RecordStore } from '../../../sidecar/src/transfer/record/record-store';
import { openRedisRecords } from '../../../sidecar/src/transfer/record/redis-record';
import { openSqliteRecords } from '../../../sidecar/src/transfer/record/sqlite-record';
import { SendList } from '../../../sidecar/src/transfer/record/send-list';

const N = 3000;
const REDIS_DB = 14;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bounded-plan-'));
const items: TransferItem[] = [];

/** Every store call, counted: how many, and how many keys or records each carried. */
function counting(store: RecordStore) {
  const calls = { getMany: [] as number[], putMany: [] as number[], put: 0 };
  const wrapped: RecordStore = {
    kind: store.kind,
    getMany: (keys) => (calls.getMany.push(keys.length), store.getMany(keys)),
    putMany: (entries) => (calls.putMany.push(entries.length), store.putMany(entries)),
    put: (k, v) => (calls.put++, store.put(k, v)),
    close: () => store.close(),
  };
  return { store: wrapped, calls };
}

/** The source as a stream of small batches that counts what the planner pulled from it. */
function countingSource(list: TransferItem[], piece: number) {
  const seen = { pulled: 0 };
  async function* source() {
    for (let i = 0; i < list.length; i += piece) {
      seen.pulled += Math.min(piece, list.length - i);
      yield list.slice(i, i + piece);
    }
  }
  return { source: source(), seen };
}

beforeAll(async () => {
  for (let i = 0; i < N; i++) {
    const sub = path.join(dir, 'src', `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    const f = path.join(sub, `f${i}`);
    writeFileSync(f, `file ${i}`);
    items.push({ local: f, server: `/B${f}` });
  }
  // one missing file in the middle
  items.splice(1234, 0, { local: path.join(dir, 'src', 'gone.bin'), server: '/B/gone.bin' });
  const r = new Redis({ db: REDIS_DB });
  await r.flushdb();
  await r.quit();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const r = new Redis({ db: REDIS_DB });
  await r.flushdb();
  await r.quit();
});

describe.each(['sqlite', 'redis'] as const)('%s: planning in bounded batches', (kind) => {
  const open = () =>
    kind === 'sqlite' ? Promise.resolve(openSqliteRecords(path.join(dir, 'db', `${kind}.db`))) : openRedisRecords({ host: '127.0.0.1', port: 6379, password: '', tableIndex: REDIS_DB, timeoutMs: 2000 });

  it.each([100, 250, 1000])('batch size %i: holds at most two batches, one store call per batch, records written in batches', async (batchSize) => {
    const real = await open();
    try {
      const ctx = { platformId: '2', storageId: '1001', userId: `${kind}${batchSize}`, batchSize };
      // First plan: nothing recorded yet; every file is to send. Record them through the batched writer.
      const first = counting(real);
      const writer = new RecordWriter(first.store, { maxBatch: 200 });
      const { source, seen } = countingSource(items, 37);
      let consumed = 0;
      let maxHeldAhead = 0;
      let maxBuffered = 0;
      for await (const b of planBatches(source, { ...ctx, store: first.store })) {
        const size = b.send.length + b.skipped.length + b.missing.length;
        expect(size).toBeLessThanOrEqual(batchSize);
        consumed += size;
        // pulled but not yet handed out: the batch being stat'ed, plus one source piece at most
        maxHeldAhead = Math.max(maxHeldAhead, seen.pulled - consumed);
        for (const p of b.send) {
          writer.add(p.recordKey, p.recordValue);
          maxBuffered = Math.max(maxBuffered, writer.buffered);
        }
        if (b.missing.length) expect(b.missing.map((m) => m.server)).toEqual(['/B/gone.bin']);
      }
      await writer.flush();
      expect(consumed).toBe(N + 1);
      expect(maxHeldAhead).toBeLessThanOrEqual(batchSize + 37);
      expect(first.calls.getMany.length).toBe(Math.ceil((N + 1) / batchSize));
      expect(Math.max(...first.calls.getMany)).toBeLessThanOrEqual(batchSize);
      expect(first.calls.put).toBe(0);
      expect(first.calls.putMany.length).toBe(Math.ceil(N / 200));
      expect(maxBuffered).toBeLessThanOrEqual(200);

      // Second plan: every existing file is skipped, with the same number of store calls.
      const second = counting(real);
      let skipped = 0;
      for await (const b of planBatches(items, { ...ctx, store: second.store })) skipped += b.skipped.length;
      expect(skipped).toBe(N);
      expect(second.calls.getMany.length).toBe(Math.ceil((N + 1) / batchSize));
    } finally {
      await real.close();
    }
  });
});

describe('the send list between the plan and the send pass', () => {
  it('keeps a short list in memory, spills a long one to a private file read back in bounded chunks', async () => {
    const keyOf = (l: string, s: string) => `${l}|${s}`;
    const planned = items.slice(0, 1000).map((i, k) => ({ ...i, size: k, recordKey: keyOf(i.local, i.server), recordValue: `v${k}` }));
    const short = new SendList(keyOf, 2000);
    await short.add(planned);
    expect(short.spillFile).toBeUndefined();
    short.close();

    const long = new SendList(keyOf, 300);
    for (let i = 0; i < planned.length; i += 128) await long.add(planned.slice(i, i + 128));
    expect(long.spillFile).toBeDefined();
    expect(long.files).toBe(1000);
    expect(long.bytes).toBe((999 * 1000) / 2);
    const back: typeof planned = [];
    for await (const c of long.chunks(256)) {
      expect(c.length).toBeLessThanOrEqual(256);
      back.push(...c);
    }
    expect(back).toEqual(planned);
    const file = long.spillFile!;
    long.close();
    expect(() => writeFileSync(path.join(path.dirname(file), 'x'), '')).toThrow();
  });
});
