// A logout while jobs run refuses (SessionBusy) unless forced, then cancels them with a clear reason;
// a re-login never closes the client under a running job; api/call gets the session's signal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../../protocol/src/index';
import { downloadingJob, localSession } from './helpers/local-job';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function runningJob(frameDurationMs: number) {
  const session = await localSession(frameDurationMs, cleanup);
  return { ...session, jobId: await downloadingJob(session) };
}

describe('session/logout with running jobs', () => {
  it('is refused with SessionBusy naming the jobs; the job goes on', async () => {
    const { c, jobId } = await runningJob(600_000);
    const r = await c.request('session/logout', {});
    expect(r.error?.code).toBe(ErrorCodes.SessionBusy);
    expect(r.error?.message).toContain('force: true');
    expect(r.error?.data).toEqual({ jobIds: [jobId] });
    expect(await c.call('session/status', {})).toMatchObject({ loggedIn: true, runningJobs: 1 });
    expect((await c.request('session/logout', { force: 'yes' })).error?.code).toBe(ErrorCodes.InvalidParams);
    expect(c.contractErrors).toEqual([]);
  });

  it('with force cancels them first: each ends Aborted saying why, then the session is gone', async () => {
    const { t, c, jobId } = await runningJob(600_000);
    expect(await c.call('session/logout', { force: true })).toEqual({ ok: true });
    const end = await c.jobEnd(jobId);
    expect(end.ok).toBe(false);
    expect(end.error.code).toBe(ErrorCodes.Aborted);
    expect(end.error.message).toContain('logged out');
    expect(await c.call('session/status', {})).toMatchObject({ loggedIn: false, runningJobs: 0 });
    expect(t.sidecar.services.session.localFarm).toBeUndefined();
    expect(c.contractErrors).toEqual([]);
  });

  it('a re-login while a job runs leaves the job its client: it still ends with every frame', async () => {
    const { t, c, jobId } = await runningJob(150);
    const previous = t.sidecar.services.session.api!;
    const close = vi.spyOn(previous, 'close');
    await c.call('session/login', { farm: 'local' });
    expect(t.sidecar.services.session.api).not.toBe(previous);
    expect(close).not.toHaveBeenCalled(); // the job still holds it
    const end = await c.jobEnd(jobId);
    expect(end.ok, JSON.stringify(end.error)).toBe(true);
    expect(end.result.paths.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1)); // released once the job ended
  });
});

describe('api/call arguments', () => {
  it('pads missing arguments before the options and refuses too many', async () => {
    const { c, jobId } = await runningJob(10);
    await c.jobEnd(jobId);
    // getTaskList(pageNum, pageSize, …, opts): one argument given, the signal still lands in the options slot.
    const page = await c.call('api/call', { group: 'query', method: 'getTaskList', args: [1] });
    expect(page.result.items.length).toBeGreaterThan(0);
    const tooMany = await c.request('api/call', { group: 'user', method: 'queryUserProfile', args: [1, 2, 3] });
    expect(tooMany.error?.code).toBe(ErrorCodes.InvalidParams);
    expect(tooMany.error?.message).toContain('api.user.queryUserProfile takes at most 0 argument(s)');
  });
});
