// A minimal Houdini task.json (spec/api.md §7.5) the local farm can plan and render.
export function houdiniTaskJson(taskId: number, frames = '1-10[1]'): Record<string, unknown> {
  return {
    task_info: {
      task_id: String(taskId), user_id: '', project_id: '0', project_name: '', cg_id: '2004', platform: '2', channel: '4',
      input_cg_file: 'D:/proj/sphere.hip', input_project_path: '', os_name: '1', ram: '64', hardwareConfigId: '496',
      graphics_cards_num: '2', enable_layered: '0', is_layer_rendering: '1', render_layer_type: '0', is_picture: '0',
      frames_per_task: '1', pre_frames: '000', stop_after_test: '2', job_stop_time: '259200', task_stop_time: '0',
      time_out: '43200', tiles_type: 'block', tiles: '1', is_distribute_render: '0', distribute_render_node: '3',
    },
    software_config: { cg_name: 'Houdini', cg_version: '17.5.293', plugins: {} },
    scene_info: {},
    scene_info_render: { rop_node: [{ node: '/out/mantra1', frames, option: '-1', render: '1', width: '320', height: '240' }], geo_node: [] },
  };
}

/** Polls `check` until it returns a value, yielding between tries (no wall-clock assertion). */
export async function until<T>(check: () => Promise<T | undefined>, tries = 400, pauseMs = 25): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error('condition never held');
}
