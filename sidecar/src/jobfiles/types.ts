/**
 * The four job files (spec/api.md §7, analysis.md §1.0): task.json, asset.json, tips.json, upload.json.
 * Field names stay as the farm reads them (snake_case); every scalar setting is a string.
 */

/** task.json `task_info`: known keys plus any extra the farm accepts (edit_name, multi_node …). */
export interface TaskInfo {
  task_id: string;
  user_id: string;
  project_id: string;
  project_name: string;
  cg_id: string;
  platform: string;
  channel: string;
  input_cg_file: string;
  input_project_path: string;
  os_name: string;
  ram: string;
  hardwareConfigId: string;
  graphics_cards_num: string;
  enable_layered: string;
  is_layer_rendering: string;
  render_layer_type: string;
  is_picture: string;
  frames_per_task: string;
  pre_frames: string;
  stop_after_test: string;
  job_stop_time: string;
  task_stop_time: string;
  time_out: string;
  tiles_type: string;
  tiles: string;
  is_distribute_render: string;
  distribute_render_node: string;
  [extra: string]: unknown;
}

export interface SoftwareConfig {
  cg_name: string;
  cg_version: string;
  plugins: Record<string, string>;
  [extra: string]: unknown;
}

export interface TaskJson {
  task_info: TaskInfo;
  software_config: SoftwareConfig;
  scene_info: Record<string, unknown>;
  scene_info_render: Record<string, unknown>;
  additional_info?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface UploadSceneEntry {
  local: string;
  server: string;
  hash: string;
}

export interface UploadAssetEntry {
  local: string;
  server: string;
}

export interface UploadJson {
  scene?: UploadSceneEntry[];
  asset: UploadAssetEntry[];
  [extra: string]: unknown;
}

/** A scene node and the parameter/attribute of it that names a file. */
export interface AssetUser {
  node: string;
  parm: string;
}

/**
 * asset.json: `asset` entries are "<path>  (mtime <time>) size <bytes>"; `missing` lists unresolved raw
 * paths; `needed_by` (ours) maps each asset path to the nodes and parameters that need it, so the check
 * can say which node to fix when a file went missing or changed after the analysis.
 */
export interface AssetJson {
  asset: string[];
  missing?: string[];
  needed_by?: Record<string, AssetUser[]>;
  [extra: string]: unknown;
}

/** tips.json: tip code → messages. */
export type TipsJson = Record<string, string[]>;

/** Software ids per DCC name (rayvision_utils CG_SETTING); keys are capitalised names. */
export const CG_IDS: Readonly<Record<string, string>> = {
  Maya: '2000',
  '3ds Max': '2001',
  Houdini: '2004',
  C4d: '2005',
  Blender: '2007',
  Clarisse: '2013',
  Katana: '2016',
};
