// prepareTask against a user operation that lands while task.json is being read: the operation wins.
// Deterministic: prepareTask runs synchronously up to its first await (the task.json read), so an
// operation called right after prepareTask() returns always lands inside that read.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, type Account } from '../../sidecar/src/farm/accounts';
import { seedCatalog } from '../../sidecar/src/farm/catalog';
import type { FarmContext } from '../../sidecar/src/farm/context';
import { openFarmDb } from '../../sidecar/src/farm/db';
import { FaultGate } from '../../sidecar/src/farm/faults';
import { prepareTask } from '../../sidecar/src/farm/render/prepare';
import { abandonTasks, deleteTasks, stopTasks } from '../../sidecar/src/farm/task-ops';
import { framesOf, getTask, insertTask, TaskStatus, type TaskRow } from '../../sidecar/src/farm/tasks-store';
import { houdiniTask, mayaTask } from '../helpers/farm-tasks';

let dir: string;
let ctx: FarmContext;
let account: Account;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farm-prepare-'));
  const db = openFarmDb(path.join(dir, 'farm.sqlite'));
  seedCatalog(db);
  account = createAccount(db);
  ctx = {
    db, dir, storageDir: path.join(dir, 'storage'), host: '127.0.0.1', port: 0, requests: [], storageStats: { commits: new Map(), bytesIn: 0 }, faults: new FaultGate(),
    signatureWindowSec: 300, frameDurationMs: 0, parallelFrames: 1, requestTimeoutMs: 60_000, log: () => {}, now: () => 1_700_000_000_000,
  };
});
afterEach(async () => {
  ctx.db.close();
  await rm(dir, { recursive: true, force: true });
});

/** A submitted task waiting for preparation, with `taskJson` in config storage (none when null). */
async function waitingTask(taskJson: Record<string, unknown> | null): Promise<TaskRow> {
  const id = insertTask(ctx.db, { user_id: account.userId, platform: 2, status: TaskStatus.WAITING, submitted: 1, submit_date: ctx.now() });
  const cfg = path.join(ctx.storageDir, account.configBid, String(id), 'cfg');
  await mkdir(cfg, { recursive: true });
  if (taskJson) await writeFile(path.join(cfg, 'task.json'), JSON.stringify(taskJson));
  return getTask(ctx.db, id)!;
}

const subTasks = (id: number) => ctx.db.prepare('SELECT id FROM tasks WHERE parent_id = ?').all(id);

describe('prepareTask races a user operation during the task.json read', () => {
  it('without an operation it prepares: frames, scene name, PRE_RENDERING (the control case)', async () => {
    const task = await waitingTask(houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
    await prepareTask(ctx, task);
    expect(getTask(ctx.db, task.id)).toMatchObject({ status: TaskStatus.PRE_RENDERING, scene_name: 'sphere', output_file_name: `${task.id}_sphere` });
    expect(framesOf(ctx.db, [task.id]).map((f) => f.frame_number)).toEqual([1, 2, 3]);
  });

  it('a stop wins: the task stays STOP with no frames and no sub-tasks', async () => {
    const task = await waitingTask(mayaTask([{ name: 'a', frames: '1-2[1]' }, { name: 'b', frames: '1-2[1]' }]));
    const preparing = prepareTask(ctx, task);
    stopTasks(ctx, account, [task.id]);
    await preparing;
    expect(getTask(ctx.db, task.id)!.status).toBe(TaskStatus.STOP);
    expect(framesOf(ctx.db, [task.id])).toEqual([]);
    expect(subTasks(task.id)).toEqual([]);
  });

  it('an abandon wins: ABANDON, nothing prepared', async () => {
    const task = await waitingTask(houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
    const preparing = prepareTask(ctx, task);
    abandonTasks(ctx, account, [task.id]);
    await preparing;
    expect(getTask(ctx.db, task.id)!.status).toBe(TaskStatus.ABANDON);
    expect(framesOf(ctx.db, [task.id])).toEqual([]);
  });

  it('a delete wins: the task stays in the recycle bin, still WAITING, nothing prepared', async () => {
    const task = await waitingTask(houdiniTask([{ node: '/out/mantra1', frames: '1-3[1]' }]));
    const preparing = prepareTask(ctx, task);
    deleteTasks(ctx, account, [task.id]);
    await preparing;
    expect(getTask(ctx.db, task.id)).toMatchObject({ is_delete: 0, status: TaskStatus.WAITING });
    expect(framesOf(ctx.db, [task.id])).toEqual([]);
  });

  it('a stop also wins over a failed preparation: a missing task.json does not turn STOP into FAILED', async () => {
    const task = await waitingTask(null);
    const preparing = prepareTask(ctx, task);
    stopTasks(ctx, account, [task.id]);
    await preparing;
    expect(getTask(ctx.db, task.id)).toMatchObject({ status: TaskStatus.STOP, error_code: null });
  });
});
