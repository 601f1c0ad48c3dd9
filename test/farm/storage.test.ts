// The HTTP storage protocol (docs/storage-protocol.md): resumable verified upload, restart, range, listing, refusals.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFarm, type Farm } from '../../sidecar/src/farm';
import http from 'node:http';
import { eventually, rawRequest, storageAuth } from '../helpers/farm-raw';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const json = { 'Content-Type': 'application/json' };

let dir: string;
let farm: Farm;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farm-storage-'));
  farm = await startFarm({ dir });
});
afterAll(async () => {
  await farm.close();
  await rm(dir, { recursive: true, force: true });
});

const url = (bid: string, p: string, q = ''): string => `/storage/${bid}${p.split('/').map(encodeURIComponent).join('/')}${q}`;

async function init(f: Farm, p: string, data: Buffer): Promise<any> {
  const r = await rawRequest(f, 'POST', url(f.account.inputBid, p, '?op=init'), { ...storageAuth(f), ...json }, JSON.stringify({ size: data.length, sha256: sha(data) }));
  expect(r.status).toBe(200);
  return r.json();
}
const chunk = (f: Farm, p: string, offset: number, data: Buffer) =>
  rawRequest(f, 'PUT', url(f.account.inputBid, p, `?op=chunk&offset=${offset}`), { ...storageAuth(f), 'Content-Type': 'application/octet-stream' }, data);
const commit = (f: Farm, p: string) => rawRequest(f, 'POST', url(f.account.inputBid, p, '?op=commit'), storageAuth(f));

describe('storage upload', () => {
  it('uploads in chunks, verifies the hash at commit and serves the file back with X-Sha256', async () => {
    const data = randomBytes(300_000);
    const p = '/D/proj tex/a ü.png';
    expect(await init(farm, p, data)).toEqual({ received: 0 });
    expect((await chunk(farm, p, 0, data.subarray(0, 100_000))).json()).toEqual({ received: 100_000 });
    expect((await chunk(farm, p, 100_000, data.subarray(100_000))).json()).toEqual({ received: 300_000 });
    const c = await commit(farm, p);
    expect(c.status).toBe(200);
    expect(c.json()).toEqual({ size: 300_000, sha256: sha(data) });
    const onDisk = await readFile(path.join(farm.storageDir, farm.account.inputBid, 'D', 'proj tex', 'a ü.png'));
    expect(onDisk.equals(data)).toBe(true);
    const get = await rawRequest(farm, 'GET', url(farm.account.inputBid, p), storageAuth(farm));
    expect(get.status).toBe(200);
    expect(get.body.equals(data)).toBe(true);
    expect(get.headers['x-sha256']).toBe(sha(data));
    expect(get.headers['content-length']).toBe('300000');
    expect(get.headers['last-modified']).toBeTruthy();
    // Announcing the same file again says it is complete.
    expect(await init(farm, p, data)).toEqual({ received: 300_000, complete: true });
  });

  it('answers 409 with the held count for a wrong offset', async () => {
    const data = randomBytes(1000);
    await init(farm, '/off.bin', data);
    await chunk(farm, '/off.bin', 0, data.subarray(0, 400));
    const r = await chunk(farm, '/off.bin', 0, data.subarray(0, 400));
    expect(r.status).toBe(409);
    expect(r.json()).toMatchObject({ error: 'OFFSET_MISMATCH', received: 400 });
  });

  it('refuses a commit whose bytes do not match the announced sha256 with 422 and drops the partial', async () => {
    const data = randomBytes(2000);
    await init(farm, '/bad.bin', data);
    const wrong = Buffer.from(data);
    wrong[10] ^= 0xff;
    await chunk(farm, '/bad.bin', 0, wrong);
    const c = await commit(farm, '/bad.bin');
    expect(c.status).toBe(422);
    expect(c.json().error).toBe('HASH_MISMATCH');
    expect(await init(farm, '/bad.bin', data)).toEqual({ received: 0 });
  });

  it('keeps a pending upload across a farm restart and resumes it', async () => {
    const data = randomBytes(50_000);
    await init(farm, '/resume/big.bin', data);
    await chunk(farm, '/resume/big.bin', 0, data.subarray(0, 20_000));
    await farm.close();
    farm = await startFarm({ dir });
    expect(await init(farm, '/resume/big.bin', data)).toEqual({ received: 20_000 });
    await chunk(farm, '/resume/big.bin', 20_000, data.subarray(20_000));
    expect((await commit(farm, '/resume/big.bin')).json()).toEqual({ size: 50_000, sha256: sha(data) });
  });

  it('refuses a commit before every byte arrived with 409 and keeps the partial', async () => {
    const data = randomBytes(1000);
    await init(farm, '/half.bin', data);
    await chunk(farm, '/half.bin', 0, data.subarray(0, 500));
    const c = await commit(farm, '/half.bin');
    expect(c.status).toBe(409);
    expect(c.json()).toMatchObject({ error: 'INCOMPLETE', received: 500 });
    expect(await init(farm, '/half.bin', data)).toEqual({ received: 500 });
  });

  it('refuses a chunk announced over 64 MiB with 413 and one running past the size with 400', async () => {
    const data = randomBytes(100);
    await init(farm, '/limits.bin', data);
    const big = await rawRequest(farm, 'PUT', url(farm.account.inputBid, '/limits.bin', '?op=chunk&offset=0'),
      { ...storageAuth(farm), 'Content-Length': 65 * 1024 * 1024 }).catch((e: Error) => e);
    // The server answers before the body arrives; the socket may also be reset. Either way nothing was stored.
    if (!(big instanceof Error)) expect(big.status).toBe(413);
    expect((await chunk(farm, '/limits.bin', 0, randomBytes(101))).status).toBe(400);
    expect(await init(farm, '/limits.bin', data)).toEqual({ received: 0 });
  });
});

describe('storage upload under interruptions', () => {
  /** Starts a chunk PUT that sends `first` bytes of a `total`-byte body and then waits. */
  function openChunk(p: string, offset: number, total: number, first: Buffer): http.ClientRequest {
    const req = http.request({ host: farm.host, port: farm.port, method: 'PUT', agent: false,
      path: url(farm.account.inputBid, p, `?op=chunk&offset=${offset}`), headers: { ...storageAuth(farm), 'Content-Length': total } });
    req.on('error', () => undefined);
    req.write(first);
    return req;
  }

  it('keeps the bytes of a chunk cut off by a dropped connection, and resumes from them', async () => {
    const data = randomBytes(4000);
    await init(farm, '/cut.bin', data);
    const req = openChunk('/cut.bin', 0, 4000, data.subarray(0, 1500));
    await eventually(async () => (await init(farm, '/cut.bin', data)).received === 1500 || undefined);
    req.destroy();
    const held = await eventually(async () => {
      const r = (await init(farm, '/cut.bin', data)).received;
      // Once the server saw the drop, the chunk lock is gone and a new chunk at the held count is accepted.
      const next = await chunk(farm, '/cut.bin', r, data.subarray(r));
      return next.status === 200 ? r : undefined;
    });
    expect(held).toBe(1500);
    expect((await commit(farm, '/cut.bin')).json()).toEqual({ size: 4000, sha256: sha(data) });
  });

  it('answers a second writer on the same path with 409 BUSY and the held count', async () => {
    const data = randomBytes(3000);
    await init(farm, '/busy.bin', data);
    const first = openChunk('/busy.bin', 0, 3000, data.subarray(0, 1000));
    const done = new Promise<number>((resolve) => first.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); }));
    await eventually(async () => (await init(farm, '/busy.bin', data)).received === 1000 || undefined);
    const second = await chunk(farm, '/busy.bin', 1000, data.subarray(1000));
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ error: 'BUSY', received: 1000 });
    first.end(data.subarray(1000));
    expect(await done).toBe(200);
    expect((await commit(farm, '/busy.bin')).status).toBe(200);
  });
});

describe('storage transfers cut by fault injection', () => {
  /** GET that resolves with the bytes that arrived before the connection ended, and whether it was cut. */
  function partialGet(p: string, range?: string): Promise<{ bytes: Buffer; cut: boolean; status: number }> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const req = http.request({ host: farm.host, port: farm.port, path: url(farm.account.inputBid, p), agent: false,
        headers: { ...storageAuth(farm), ...(range ? { Range: range } : {}) } }, (res) => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ bytes: Buffer.concat(chunks), cut: false, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ bytes: Buffer.concat(chunks), cut: true, status: res.statusCode ?? 0 }));
        res.on('aborted', () => resolve({ bytes: Buffer.concat(chunks), cut: true, status: res.statusCode ?? 0 }));
      });
      req.on('error', () => resolve({ bytes: Buffer.concat(chunks), cut: true, status: 0 }));
      req.end();
    });
  }

  it('cuts downloads after N bytes; a ranged GET from there completes the file', async () => {
    const data = randomBytes(100_000);
    await init(farm, '/cutdl.bin', data);
    await chunk(farm, '/cutdl.bin', 0, data);
    await commit(farm, '/cutdl.bin');
    farm.setFaults({ cutDownloadsAfterBytes: 30_000, scope: 'storage' });
    const first = await partialGet('/cutdl.bin');
    expect(first.cut).toBe(true);
    expect(first.bytes.equals(data.subarray(0, first.bytes.length))).toBe(true);
    expect(first.bytes.length).toBeLessThanOrEqual(30_000);
    farm.setFaults({});
    const rest = await partialGet('/cutdl.bin', `bytes=${first.bytes.length}-`);
    expect(rest).toMatchObject({ cut: false, status: 206 });
    expect(Buffer.concat([first.bytes, rest.bytes]).equals(data)).toBe(true);
  });

  it('cuts chunk uploads after N bytes, keeps at most what arrived, and the upload resumes to a verified commit', async () => {
    const data = randomBytes(200_000);
    await init(farm, '/cutul.bin', data);
    farm.setFaults({ cutUploadsAfterBytes: 50_000, scope: 'storage' });
    const cut = await chunk(farm, '/cutul.bin', 0, data).catch((e: Error) => e);
    expect(cut).toBeInstanceOf(Error);
    farm.setFaults({});
    const held = await eventually(async () => {
      const r = (await init(farm, '/cutul.bin', data)).received;
      const next = await chunk(farm, '/cutul.bin', r, data.subarray(r));
      return next.status === 200 ? r : undefined;
    });
    expect(held).toBeLessThanOrEqual(50_000);
    expect((await commit(farm, '/cutul.bin')).json()).toEqual({ size: 200_000, sha256: sha(data) });
  });
});

describe('storage download and listing', () => {
  const data = randomBytes(10_000);
  beforeAll(async () => {
    await init(farm, '/dl/x/one.bin', data);
    await chunk(farm, '/dl/x/one.bin', 0, data);
    await commit(farm, '/dl/x/one.bin');
    const two = Buffer.from('two');
    await init(farm, '/dl/two.txt', two);
    await chunk(farm, '/dl/two.txt', 0, two);
    await commit(farm, '/dl/two.txt');
  });

  it('honours Range bytes=k- and bytes=k-m with 206, and refuses a range past the end with 416', async () => {
    const r = await rawRequest(farm, 'GET', url(farm.account.inputBid, '/dl/x/one.bin'), { ...storageAuth(farm), Range: 'bytes=4000-' });
    expect(r.status).toBe(206);
    expect(r.body.equals(data.subarray(4000))).toBe(true);
    expect(r.headers['content-range']).toBe('bytes 4000-9999/10000');
    const mid = await rawRequest(farm, 'GET', url(farm.account.inputBid, '/dl/x/one.bin'), { ...storageAuth(farm), Range: 'bytes=10-19' });
    expect(mid.body.equals(data.subarray(10, 20))).toBe(true);
    const bad = await rawRequest(farm, 'GET', url(farm.account.inputBid, '/dl/x/one.bin'), { ...storageAuth(farm), Range: 'bytes=20000-' });
    expect(bad.status).toBe(416);
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await rawRequest(farm, 'HEAD', url(farm.account.inputBid, '/dl/x/one.bin'), storageAuth(farm));
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe('10000');
    expect(r.headers['x-sha256']).toBe(sha(data));
    expect(r.body.length).toBe(0);
  });

  it('lists a folder recursively with sizes, mtimes and hashes', async () => {
    const r = await rawRequest(farm, 'GET', url(farm.account.inputBid, '/dl', '?op=list'), storageAuth(farm));
    expect(r.status).toBe(200);
    const list = r.json();
    expect(list.map((e: { path: string }) => e.path)).toEqual(['/two.txt', '/x/one.bin']);
    expect(list[1]).toMatchObject({ size: 10_000, sha256: sha(data) });
    expect(typeof list[1].mtime).toBe('number');
  });

  it('lists an empty storage root as []', async () => {
    const r = await rawRequest(farm, 'GET', `/storage/${farm.account.outputBid}/?op=list`, storageAuth(farm));
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([]);
  });

  it('answers 404 for a missing file or folder', async () => {
    expect((await rawRequest(farm, 'GET', url(farm.account.inputBid, '/nope.bin'), storageAuth(farm))).status).toBe(404);
    expect((await rawRequest(farm, 'GET', url(farm.account.inputBid, '/nope', '?op=list'), storageAuth(farm))).status).toBe(404);
  });
});

describe('storage refusals', () => {
  const bid = () => farm.account.inputBid;
  it('refuses path traversal, encoded separators, NUL and empty segments with 400', async () => {
    for (const p of [`/storage/${bid()}/a/../../x`, `/storage/${bid()}/%2e%2e/x`, `/storage/${bid()}/a%2F..%2F..%2Fx`,
      `/storage/${bid()}/a%5C..%5Cx`, `/storage/${bid()}/a%00b`, `/storage/${bid()}/a//b`, `/storage/${bid()}/./a`, '/storage/../farm.sqlite']) {
      const r = await rawRequest(farm, 'GET', p, storageAuth(farm));
      expect(r.status, p).toBe(400);
      expect(r.json().error).toBe('BAD_PATH');
    }
  });

  it('refuses missing or wrong credentials with 401 and a foreign bid with 403', async () => {
    expect((await rawRequest(farm, 'GET', url(bid(), '/dl/two.txt'))).status).toBe(401);
    const wrong = { Authorization: `Basic ${Buffer.from(`${farm.account.storageName}:nope`).toString('base64')}` };
    expect((await rawRequest(farm, 'GET', url(bid(), '/dl/two.txt'), wrong)).status).toBe(401);
    expect((await rawRequest(farm, 'GET', url('99999999', '/dl/two.txt'), storageAuth(farm))).status).toBe(403);
  });

  it('serves the three storages of the account (config and output too)', async () => {
    const data = Buffer.from('{"task_info": {}}');
    const p = url(farm.account.configBid, '/77/cfg/task.json');
    await rawRequest(farm, 'POST', `${p}?op=init`, { ...storageAuth(farm), ...json }, JSON.stringify({ size: data.length, sha256: sha(data) }));
    await rawRequest(farm, 'PUT', `${p}?op=chunk&offset=0`, storageAuth(farm), data);
    expect((await rawRequest(farm, 'POST', `${p}?op=commit`, storageAuth(farm))).status).toBe(200);
    expect((await rawRequest(farm, 'GET', p, storageAuth(farm))).body.equals(data)).toBe(true);
  });
});
