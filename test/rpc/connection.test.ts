// The RPC layer without a socket (house style 3): two cross-wired in-memory ends, the sidecar's
// connection on one, the TypeScript SidecarClient on the other, with a fixture job handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { createMemoryPair, RpcException, SidecarClient, type Sidecar } from '../../sidecar/src/rpc/index';
import { withSidecar, type TestSidecar } from './helpers/sidecar';

let t: TestSidecar;
let client: SidecarClient;

beforeAll(async () => {
  t = await withSidecar({
    progressIntervalMs: 1000,
    maxMessageBytes: 4096,
    handlers: {
      // Fixture: a "download" that reports 500 steps and lands 3 files, or fails on demand.
      'download/start': (p, { sidecar, conn }) => ({
        jobId: sidecar.jobs.start('download/start', conn, async ({ onProgress, notify }) => {
          if (p.localPath === 'fail') throw new RpcException(ErrorCodes.SdkError, 'fixture failure', { code: 'ERR_FIXTURE' });
          for (let i = 0; i <= 500; i++) onProgress({ kind: 'report', files: { transferred: i, total: 500 } });
          for (let f = 1; f <= 3; f++) notify('download/frame', { taskId: 1, frame: f, localPath: `/tmp/f${f}.png` });
          return { files: 3, bytes: 30, localPath: '/tmp', paths: ['/tmp/f1.png', '/tmp/f2.png', '/tmp/f3.png'] };
        }),
      }),
    },
  });
  const [server, clientEnd] = createMemoryPair();
  (t.sidecar as Sidecar).attach(server.reader, server.writer);
  client = new SidecarClient(clientEnd.reader, clientEnd.writer);
  await client.initialize('memory-test');
  // The fixture needs a login only because the real method does: log in to a local farm.
  await client.call('session/login', { farm: 'local' });
});
afterAll(async () => {
  client.close();
  await t.close();
});

describe('in-memory connection', () => {
  it('runs a job to its result: throttled progress, one begin and one end, frames in order', async () => {
    const notes: { method: string; params: any }[] = [];
    const result = await client.runJob('download/start', { taskIds: [1], localPath: '/tmp' }, (n) => notes.push(n));
    expect(result.files).toBe(3);
    const progress = notes.filter((n) => n.method === 'job/progress').map((n) => n.params.progress);
    expect(progress.length).toBeLessThanOrEqual(3); // 501 reports within one interval: begin, then the final end
    expect(progress[0].kind).toBe('begin');
    expect(progress.at(-1)).toMatchObject({ kind: 'end', files: { transferred: 500, total: 500 } });
    expect(notes.filter((n) => n.method === 'download/frame').map((n) => n.params.frame)).toEqual([1, 2, 3]);
  });

  it('rejects runJob with the job’s error code and data', async () => {
    const err = await client.runJob('download/start', { taskIds: [1], localPath: 'fail' }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcException);
    expect(err.code).toBe(ErrorCodes.SdkError);
    expect(err.data).toEqual({ code: 'ERR_FIXTURE' });
  });

  it('answers an oversized message with MessageTooLarge and closes only that connection', async () => {
    const [server, end] = createMemoryPair();
    (t.sidecar as Sidecar).attach(server.reader, server.writer);
    const got: string[] = [];
    end.reader.onMessage((m) => got.push(m));
    let closed = false;
    end.reader.onClose(() => (closed = true));
    end.writer.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session/status', params: { pad: 'x'.repeat(5000) } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(got[0]!).error.code).toBe(ErrorCodes.MessageTooLarge);
    expect(closed).toBe(true);
    expect((await client.call('session/status', {})).loggedIn).toBe(true);
  });
});
