// One sidecar session serves many jobs with one client: each job's view has its own task id, so
// two submits at once never share (and overwrite) one task; within a view the id is reused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOwnTaskId } from '../../sidecar/src/api';
import { withFarm, type WithFarm } from '../helpers/with-farm';

let env: WithFarm;
beforeAll(async () => {
  env = await withFarm({ frameDurationMs: 5 });
});
afterAll(async () => env.close());

describe('withOwnTaskId', () => {
  it('gives concurrent views distinct task ids, reuses one within a view, leaves the client as it was', async () => {
    const views = Array.from({ length: 8 }, () => withOwnTaskId(env.api));
    const ids = await Promise.all(views.map((v) => v.task.getTaskId()));
    expect(new Set(ids).size).toBe(8);
    expect(await views[0]!.task.getTaskId()).toBe(ids[0]);
    expect(views[0]!.userInfo).toBe(env.api.userInfo); // everything else is the client's own
    const shared = await env.api.task.getTaskId();
    expect(ids).not.toContain(shared);
  });
});
