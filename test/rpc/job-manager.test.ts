// The job mechanism on its own: an id at once, throttled progress whose last value always arrives
// before exactly one end, cancel through the AbortSignal, replay for late subscribers.
import { describe, expect, it } from 'vitest';
import { ErrorCodes, type Progress } from '../../protocol/src/index';
import { JobManager, type Subscriber } from '../../sidecar/src/rpc/job-manager';
import { ProgressThrottle } from '../../sidecar/src/rpc/throttle';

function recorder(id = 's1'): Subscriber & { got: { method: string; params: any }[] } {
  const got: { method: string; params: any }[] = [];
  return { id, got, notify: (method, params) => got.push({ method, params }) };
}
const report = (n: number): Progress => ({ kind: 'report', files: { transferred: n, total: 1000 } });

describe('ProgressThrottle', () => {
  it('sends at most one per interval, the newest wins, flush sends the pending one', () => {
    let now = 0;
    const sent: number[] = [];
    const t = new ProgressThrottle<number>((v) => sent.push(v), 250, () => now);
    t.push(1); // sent at once
    for (let i = 2; i <= 50; i++) t.push(i); // all pending, newest wins
    expect(sent).toEqual([1]);
    t.flush();
    expect(sent).toEqual([1, 50]);
    t.dispose();
  });

  it('never coalesces an urgent value away: the pending one goes first, then it', () => {
    const now = 0;
    const sent: string[] = [];
    // Urgent = a new stage (the first letter), as the job manager marks stage changes.
    const t = new ProgressThrottle<string>((v) => sent.push(v), 250, () => now, (prev, next) => prev?.[0] !== next[0]);
    t.push('a1'); // first value: urgent, sent
    t.push('a2');
    t.push('a3'); // pending, newest wins
    t.push('b1'); // a new stage: a3 is flushed, then b1
    t.push('b2'); // pending
    t.push('c1'); // b2 flushed, then c1
    expect(sent).toEqual(['a1', 'a3', 'b1', 'b2', 'c1']);
    t.dispose();
  });
});

describe('JobManager', () => {
  it('cancelAll ends with the reason; with a grace it does not wait on a job that ignores its signal', async () => {
    const jobs = new JobManager({ progressIntervalMs: 10 });
    const sub = recorder();
    const polite = jobs.start('test/polite', sub, (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))));
    let release!: () => void;
    const stuck = jobs.start('test/stuck', sub, () => new Promise<void>((r) => (release = r))); // ignores the signal
    await new Promise((r) => setImmediate(r));
    await jobs.cancelAll('The job was cancelled: testing.', 20);
    const end = sub.got.find((g) => g.method === 'job/end' && g.params.jobId === polite)!.params;
    expect(end.error).toMatchObject({ code: ErrorCodes.Aborted, message: 'The job was cancelled: testing.' });
    expect(jobs.list().find((j) => j.jobId === stuck)!.state).toBe('running');
    release();
    expect((await jobs.wait(stuck)).state).toBe('succeeded'); // it finished its work after all
  });

  it('throttles a burst of progress and always sends the last one before job/end', async () => {
    const jobs = new JobManager({ progressIntervalMs: 250 });
    const sub = recorder();
    const id = jobs.start('test/burst', sub, async (ctx) => {
      ctx.onProgress({ kind: 'begin', title: 'burst', files: { transferred: 0, total: 1000 } });
      for (let i = 1; i <= 1000; i++) ctx.onProgress(report(i));
      ctx.onProgress({ kind: 'end', files: { transferred: 1000, total: 1000 } });
      return { done: 1000 };
    });
    const info = await jobs.wait(id);
    expect(info.state).toBe('succeeded');
    const progress = sub.got.filter((g) => g.method === 'job/progress');
    const ends = sub.got.filter((g) => g.method === 'job/end');
    expect(progress.length).toBeLessThan(10);
    expect(progress.at(-1)!.params.progress.kind).toBe('end');
    expect(ends).toHaveLength(1);
    expect(sub.got.at(-1)!.method).toBe('job/end');
    expect(ends[0]!.params).toEqual({ jobId: id, ok: true, result: { done: 1000 } });
    const counts = progress.map((p) => p.params.progress.files.transferred);
    expect([...counts].sort((x, y) => x - y)).toEqual(counts); // never falls
  });

  it('cancels through the AbortSignal and ends with Aborted', async () => {
    const jobs = new JobManager();
    const sub = recorder();
    const id = jobs.start('test/wait', sub, (ctx) =>
      new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(Object.assign(new Error('stopped'), { name: 'AbortError' })))),
    );
    await new Promise((r) => setImmediate(r));
    expect(jobs.cancel(id)).toBe(true);
    const info = await jobs.wait(id);
    expect(info.state).toBe('cancelled');
    const end = sub.got.find((g) => g.method === 'job/end')!.params;
    expect(end.ok).toBe(false);
    expect(end.error.code).toBe(ErrorCodes.Aborted);
    expect(jobs.cancel(id)).toBe(false);
  });

  it('replays the latest progress and the end to a late subscriber', async () => {
    const jobs = new JobManager();
    const id = jobs.start('test/quick', undefined, async (ctx) => {
      ctx.onProgress(report(7));
      return 'r';
    });
    await jobs.wait(id);
    const late = recorder('late');
    const info = jobs.subscribe(id, late);
    expect(info.state).toBe('succeeded');
    await new Promise((r) => setImmediate(r));
    expect(late.got.map((g) => g.method)).toEqual(['job/progress', 'job/end']);
    expect(late.got[0]!.params.progress.files.transferred).toBe(7);
  });

  it('keeps a job running when its subscriber goes away, and reports failures as errors', async () => {
    const jobs = new JobManager();
    const sub = recorder();
    let release!: () => void;
    const id = jobs.start('test/orphan', sub, () => new Promise<void>((r) => (release = r)).then(() => { throw new Error('boom'); }));
    await new Promise((r) => setImmediate(r));
    jobs.dropSubscriber(sub.id);
    expect(jobs.runningCount()).toBe(1);
    release();
    const info = await jobs.wait(id);
    expect(info.state).toBe('failed');
    expect(sub.got.filter((g) => g.method === 'job/end')).toHaveLength(0);
    expect(() => jobs.subscribe('nope', sub)).toThrow(/No job/);
  });
});

// The soak's per-job heap growth (issue 13): every ended job kept for replays held its body's whole
// graph through its progress throttle and abort controller. Checked by what the manager holds.
describe('JobManager retention', () => {
  it('after many jobs it holds only the bounded ended jobs, none with its body, no watcher or subscriber left', async () => {
    const jobs = new JobManager({ progressIntervalMs: 0, keepEnded: 5 });
    const base = jobs.holdings();
    const sub = recorder();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const big = new Array(1000).fill(i); // what a real body holds: SDK objects, lists of files
      ids.push(
        jobs.start('test/job', sub, async (ctx) => {
          ctx.signal.addEventListener('abort', () => big.length);
          ctx.onProgress(report(i));
          if (i % 3 === 0) throw new Error('fails');
          return { n: big.length };
        }),
      );
    }
    await Promise.all(ids.map((id) => jobs.wait(id).catch(() => {})));
    await jobs.idle();
    jobs.dropSubscriber(sub.id);
    expect(jobs.holdings()).toEqual({ jobs: 5, running: 0, endedHoldingBody: 0, watchers: base.watchers });
    // what is kept still replays: the last progress and the end
    const late = recorder('late');
    jobs.subscribe(ids.at(-1)!, late);
    await new Promise((r) => queueMicrotask(() => r(undefined)));
    expect(late.got.map((g) => g.method)).toEqual(['job/progress', 'job/end']);
    // a cancel of an ended job is refused without touching what it let go of
    expect(jobs.cancel(ids.at(-1)!)).toBe(false);
  });
});
