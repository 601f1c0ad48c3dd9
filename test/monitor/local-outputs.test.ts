// LocalOutputs remembers the frames of the tasks that landed a file last, not of every task the
// sidecar ever downloaded (the soak's per-job heap growth, issue 13).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalOutputs } from '../../sidecar/src/monitor/index';

describe('LocalOutputs', () => {
  it('keeps at most maxTasks tasks, forgetting the one that landed a file longest ago', () => {
    const outputs = new LocalOutputs(() => {}, 3);
    const file = (task: number, n: number) => path.join('/frames', `t${task}`, `f${n}.exr`);
    for (const t of [1, 2, 3]) outputs.record(t, file(t, 1));
    outputs.record(1, file(1, 2)); // task 1 used again: now the newest
    outputs.record(4, file(4, 1)); // evicts task 2
    expect(outputs.size).toBe(3);
    expect(outputs.folderOf(2)).toBeUndefined();
    expect(outputs.folderOf(1)).toBe(path.join('/frames', 't1'));
    expect(outputs.list().map((o) => [o.taskId, o.files])).toEqual([[3, 1], [1, 2], [4, 1]]);
    for (let t = 10; t < 1000; t++) outputs.record(t, file(t, 1));
    expect(outputs.size).toBe(3);
  });

  it('defaults to the monitor page\'s 200 tasks', () => {
    const outputs = new LocalOutputs();
    for (let t = 0; t < 500; t++) outputs.record(t, `/frames/t${t}/a.exr`);
    expect(outputs.size).toBe(200);
    expect(outputs.folderOf(499)).toBe(path.normalize('/frames/t499'));
  });
});
