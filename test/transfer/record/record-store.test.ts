import { mkdtempSync, rmSync, writeFileSync, utimesSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRedisRecords } from '../../../sidecar/src/transfer/record/redis-record';
import { openSqliteRecords } from '../../../sidecar/src/transfer/record/sqlite-record';
import { recordKey, recordValue } from '../../../sidecar/src/transfer/record/record-key';
import { planUpload } from '../../../sidecar/src/transfer/record/plan-upload';
import { RecordDbUnavailableError } from '../../../sidecar/src/transfer/errors';
import type { RecordStore } from '../../../sidecar/src/transfer/record/record-store';

const REDIS_DB = 11;

describe('record key and value (transmitter shapes, §3.3)', () => {
  it('builds the compact JSON key in the transmitter field order, ints as ints', () => {
    expect(recordKey({ platformId: '2', storageId: '30201', userId: 100001, local: 'D:\\a\\b.png', remote: '/D/a/b.png' })).toBe(
      '{"platform_id":2,"storage_id":30201,"user_id":100001,"local_filename":"D:/a/b.png","remote_filename":"/D/a/b.png"}',
    );
    expect(recordValue(12, 1_600_000_000_999)).toBe('{"filesize":12,"filetime":1600000000}');
  });
});

describe.each(['sqlite', 'redis'] as const)('%s record store', (kind) => {
  let dir: string;
  let store: RecordStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rec-'));
    if (kind === 'redis') {
      const r = new Redis({ db: REDIS_DB, lazyConnect: true });
      await r.connect();
      await r.flushdb();
      await r.quit();
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'redis') {
      const r = new Redis({ db: REDIS_DB });
      await r.flushdb();
      await r.quit();
    }
  });
  afterEach(async () => store?.close());

  const open = async () =>
    kind === 'sqlite'
      ? openSqliteRecords(path.join(dir, 'db', 'ws1.db'))
      : openRedisRecords({ host: '127.0.0.1', port: 6379, password: '', tableIndex: REDIS_DB, timeoutMs: 2000 });

  it('skips a file whose size and mtime are unchanged, sends it again when either changes', async () => {
    store = await open();
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'hello');
    utimesSync(file, 1_600_000_000, 1_600_000_000);
    const items = [{ local: file, server: '/x/a.txt' }, { local: path.join(dir, 'missing.txt'), server: '/x/m.txt' }];
    const ctx = { platformId: '2', storageId: '1001', userId: '7', store };
    const first = await planUpload(items, ctx);
    expect(first.send.map((p) => p.local)).toEqual([file]);
    expect(first.missing.map((p) => p.local)).toEqual([path.join(dir, 'missing.txt')]);
    await store.put(first.send[0]!.recordKey, first.send[0]!.recordValue);
    // Survives reopening (the DB is the record, not memory).
    await store.close();
    store = await open();
    const second = await planUpload(items, { ...ctx, store });
    expect(second.send).toEqual([]);
    expect(second.skipped.map((p) => p.local)).toEqual([file]);
    utimesSync(file, 1_600_000_100, 1_600_000_100);
    expect((await planUpload(items, { ...ctx, store })).send.map((p) => p.local)).toEqual([file]);
    // A different storage or user is a different record.
    expect((await planUpload(items, { ...ctx, store, storageId: '1002' })).send).toHaveLength(1);
  });

  it('matches a record written with other JSON spacing (an existing transmitter cache)', async () => {
    store = await open();
    const file = path.join(dir, 'b.txt');
    writeFileSync(file, 'abc');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const key = recordKey({ platformId: 2, storageId: 1001, userId: 7, local: file, remote: '/x/b.txt' });
    await store.put(key, '{"filesize": 3, "filetime": 1700000000}');
    const plan = await planUpload([{ local: file, server: '/x/b.txt' }], { platformId: '2', storageId: '1001', userId: '7', store });
    expect(plan.skipped).toHaveLength(1);
  });
});

describe('sqlite file layout', () => {
  it('creates the transmitter table record(r_key, r_val, r_time) in WAL mode, and discard() deletes the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rec-'));
    const file = path.join(dir, 'db', 't.db');
    const store = openSqliteRecords(file);
    await store.put('k', 'v');
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const cols = (db.prepare("PRAGMA table_info('record')").all() as { name: string; pk: number; notnull: number }[]).map((c) => [c.name, c.pk, c.notnull]);
    expect(cols).toEqual([['r_key', 1, 1], ['r_val', 0, 1], ['r_time', 0, 1]]);
    expect(db.prepare('SELECT r_time FROM record').get()).toMatchObject({ r_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
    db.close();
    const again = openSqliteRecords(file);
    await again.discard!();
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('redis unreachable', () => {
  it('fails with a typed error within the configured timeout, without the password in it', async () => {
    // A port that was just free and is now closed: connection refused.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const err = await openRedisRecords({ host: '127.0.0.1', port, password: 'hunter2-secret', tableIndex: 12, timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordDbUnavailableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect(JSON.stringify(err) + (err as Error).message + String((err as Error).stack)).not.toContain('hunter2');
  });

  it('a server that accepts but never answers is bounded by the connect timeout (no hang)', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const err = await openRedisRecords({ host: '127.0.0.1', port, password: '', tableIndex: 12, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordDbUnavailableError);
    sockets.forEach((s) => s.destroy());
    silent.close();
  });
});
