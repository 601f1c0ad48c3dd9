import type { TaskInfo, TaskJson } from './types';

/**
 * A fresh task_info with the documented defaults (spec/analysis.md §1.0). Each call returns a new
 * object: the old SDK mutated one shared module-level dict, leaking state between analyses.
 */
export function defaultTaskInfo(): TaskInfo {
  return {
    enable_layered: '0',
    cg_id: '',
    ram: '64',
    os_name: '1',
    render_layer_type: '0',
    is_distribute_render: '0',
    input_cg_file: '',
    job_stop_time: '259200',
    user_id: '',
    pre_frames: '000',
    platform: '',
    is_layer_rendering: '1',
    project_name: '',
    channel: '4',
    tiles_type: 'block',
    tiles: '1',
    project_id: '',
    distribute_render_node: '3',
    frames_per_task: '1',
    stop_after_test: '2',
    input_project_path: '',
    task_id: '',
    task_stop_time: '0',
    time_out: '43200',
    hardwareConfigId: '',
    graphics_cards_num: '2',
    is_picture: '0',
  };
}

/** A fresh, empty task.json (task_info defaults, empty software_config and scene info). */
export function defaultTaskJson(): TaskJson {
  return {
    task_info: defaultTaskInfo(),
    software_config: { cg_name: '', cg_version: '', plugins: {} },
    scene_info: {},
    scene_info_render: {},
  };
}
