/**
 * Task helpers for tests against a local farm: minimal task.json documents per host, submit a task
 * the way the SDK does (createTask → task.json in config storage → submit), and drive the render.
 */
import type { RayvisionAPI } from '../../sidecar/src/api';
import type { Farm } from '../../sidecar/src/farm';

const TASK_INFO = {
  task_id: '', user_id: '', project_id: '0', project_name: '', platform: '2', channel: '4', os_name: '1', ram: '64',
  hardwareConfigId: '496', graphics_cards_num: '2', enable_layered: '0', is_layer_rendering: '1', render_layer_type: '0',
  is_picture: '0', frames_per_task: '1', pre_frames: '000', stop_after_test: '2', job_stop_time: '259200',
  task_stop_time: '0', time_out: '43200', tiles_type: 'block', tiles: '1', is_distribute_render: '0', distribute_render_node: '3',
};

/** A Houdini task.json with the given ROPs (`{node, frames}`). */
export function houdiniTask(rops: { node: string; frames: string }[], info: Record<string, string> = {}): Record<string, unknown> {
  return {
    task_info: { ...TASK_INFO, cg_id: '2004', input_cg_file: 'D:/proj/sphere.hip', ...info },
    software_config: { cg_name: 'Houdini', cg_version: '17.0.352', plugins: {} },
    scene_info: {},
    scene_info_render: { rop_node: rops.map((r) => ({ ...r, option: '-1', render: '1', width: '1280', height: '720' })), geo_node: [] },
  };
}

/** A Maya task.json with render layers (`{name, frames, renderable?, prefix?}`). */
export function mayaTask(layers: { name: string; frames: string; renderable?: string; prefix?: string }[], info: Record<string, string> = {}): Record<string, unknown> {
  return {
    task_info: { ...TASK_INFO, cg_id: '2000', input_cg_file: 'D:/proj/demo_scenc.ma', input_project_path: 'D:/proj', ...info },
    software_config: { cg_name: 'Maya', cg_version: '2018', plugins: { mtoa: '2.0.1' } },
    scene_info_render: Object.fromEntries(layers.map((l) => [l.name, {
      renderable: l.renderable ?? '1', is_default_camera: '1', option: '', env: {},
      common: { renderer: 'arnold', frames: l.frames, image_format: 'exr', image_file_prefix: l.prefix ?? '',
        all_camera: ['perspShape', 'cameraShape1'], render_camera: ['cameraShape1'], animation: 'True', renumber_frames: 'False' },
    }])),
  };
}

/** A Clarisse task.json with one image and its layers. */
export function clarisseTask(): Record<string, unknown> {
  return {
    task_info: { ...TASK_INFO, cg_id: '2013', input_cg_file: 'E:/proj/shot.project' },
    software_config: { cg_name: 'Clarisse', cg_version: 'clarisse_ifx_4.0_sp3', plugins: {} },
    scene_info_render: { image_node: [{ name: 'project://scene/cam02', frames: '0-2[1]', renderable: '1', output: 'D:\\temp\\cam02', format: 'exr16',
      layers: [{ name: 'project://scene/cam02.cam02_layer02', frames: '0-1[1]', renderable: '1', output: 'D:\\temp\\cam02_layer02', format: 'exr16' },
        { name: 'project://scene/cam02.off', frames: '0-1[1]', renderable: '0' }] }] },
  };
}

/** createTask, upload task.json (taskJsonFile) unless `task` is null, submit; returns the task id. */
export async function submitTask(api: RayvisionAPI, task: Record<string, unknown> | null): Promise<number> {
  const created = await api.task.createTask();
  const taskId = created.taskIdList[0]!;
  if (task) await api.transmit.uploadJsonContent(taskId, JSON.stringify(task), 'task.json');
  await api.submit(taskId);
  return taskId;
}

/** Ticks the farm until `done(info)` holds for the task's TaskInfo; returns that info. */
export async function renderUntil(farm: Farm, api: RayvisionAPI, taskId: number, done: (info: any) => boolean, maxTicks = 500): Promise<any> {
  for (let i = 0; i < maxTicks; i += 1) {
    const info = (await api.query.taskInfo([taskId])).items[0];
    if (done(info)) return info;
    await farm.tick();
  }
  throw new Error(`task ${taskId} did not reach the expected state in ${maxTicks} render steps`);
}
