/**
 * Test helpers for downloads against the local farm: submit a Maya-like task whose frames the farm
 * renders over time, list what the farm wrote, and make temp folders that are cleaned up.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { RayvisionAPI } from '../../../sidecar/src/api';
import type { StartFarmOptions } from '../../../sidecar/src/farm';
import { withFarm, type WithFarm } from '../../helpers/with-farm';

export interface TaskSpec {
  frames?: string;
  scene?: string;
  /** Render layers (several → a layered task with one sub-task per layer). */
  layers?: string[];
  stopAfterTest?: boolean;
}

/** Creates, configures and submits a task; resolves with its id. */
export async function submitTask(api: RayvisionAPI, spec: TaskSpec = {}): Promise<number> {
  const created = (await api.task.createTask(1)) as { taskIdList: number[] };
  const taskId = created.taskIdList[0]!;
  const layers = spec.layers ?? ['masterLayer'];
  const sceneInfo = Object.fromEntries(
    layers.map((layer) => [layer, { renderable: '1', common: { frames: spec.frames ?? '1-10[1]', image_file_prefix: '<Scene>', render_camera: ['persp'] } }]),
  );
  const task = {
    task_info: { input_cg_file: `/D/proj/${spec.scene ?? 'shot'}.ma`, frames_per_task: '1', pre_frames: spec.stopAfterTest ? '100' : '000', stop_after_test: spec.stopAfterTest ? '1' : '2', cg_id: '2000' },
    scene_info_render: sceneInfo,
  };
  await api.transmit.uploadJsonContent(taskId, JSON.stringify(task), 'task.json');
  await api.submit(taskId);
  return taskId;
}

/** Every file below `root`, as sorted relative paths with forward slashes. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/** A fresh temp folder and its remover. */
export async function tempDir(prefix = 'rv-dl-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls queryTaskInfo until the task's status is one of `codes` (default: done). */
export async function waitForStatus(api: RayvisionAPI, taskId: number, codes: number[] = [25]): Promise<void> {
  for (;;) {
    const page = (await api.query.taskInfo([taskId])) as { items: { taskStatus: number }[] };
    if (codes.includes(Number(page.items[0]?.taskStatus))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Per-test resources released after each test, last first: the farm (`scope.farm()`), temp folders
 * (`scope.temp()`) and anything else (`scope.defer()`). Call once at the top of a test file.
 */
export function perTest() {
  let env: WithFarm | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await env?.close();
    env = undefined;
    while (cleanups.length) await cleanups.pop()!();
  });
  return {
    async farm(options: StartFarmOptions = {}): Promise<WithFarm> {
      if (env) throw new Error('one farm per test: scope.farm() was already called');
      env = await withFarm(options);
      return env;
    },
    /** The farm of the running test. */
    get env(): WithFarm {
      if (!env) throw new Error('scope.farm() was not called in this test');
      return env;
    },
    async temp(prefix?: string): Promise<{ dir: string; remove(): Promise<void> }> {
      const t = await tempDir(prefix);
      cleanups.push(t.remove);
      return t;
    },
    defer(cleanup: () => Promise<void>): void {
      cleanups.push(cleanup);
    },
  };
}
