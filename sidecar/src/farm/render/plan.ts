/**
 * Reads an uploaded task.json the way the farm does and plans the render: the renderable units
 * (Houdini ROPs and simulation nodes, Maya render layers, Clarisse images and image layers), their
 * frames, the priority frames and where each output image goes (spec/api.md §7, transfer.md §4.6).
 */
import path from 'node:path';
import { parseFrameRange } from './frame-range';

export interface RenderUnit {
  /** Layer / ROP / image name as the scene names it. */
  label: string;
  /** Folder of the unit below the task's output folder (used when the task has several units). */
  folder: string;
  /** Base name of output images: `<base>.<frame:4>.png`. */
  base: string;
  /** Simulation units render first and write no image. */
  kind: 'render' | 'simulation';
  frames: number[];
}

export interface RenderPlan {
  sceneName: string;
  units: RenderUnit[];
  preFrames: string;
  stopAfterTest: boolean;
  framesPerTask: number;
  /** Seconds one frame may run (job_stop_time) and the whole task may run (task_stop_time); 0 = no limit. */
  jobStopTime: number;
  taskStopTime: number;
  cgId?: number;
  hardwareConfigId?: string;
  projectName?: string;
}

/** A task.json the farm cannot render; `code` is the analysis tip code shown to the user. */
export class PlanError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Folder-safe version of a scene name (keeps letters, digits, `.`, `_`, `-`). */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';
}

function frames(text: unknown, where: string): number[] {
  try {
    return parseFrameRange(str(text));
  } catch (err) {
    throw new PlanError('15002', `${where}: ${(err as Error).message}`);
  }
}

/** Geo nodes in the order they run: by `geoDependencySort` when task_info asks for it, unranked ones after. */
function geoOrder(geo: Obj[], ordered: boolean): Obj[] {
  if (!ordered) return geo;
  const rank = (n: Obj): number => {
    const r = Number.parseInt(str(n.geoDependencySort), 10);
    return Number.isFinite(r) ? r : Number.POSITIVE_INFINITY;
  };
  return geo.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map((x) => x.n);
}

function houdiniUnits(sir: Obj, scene: string, geoOrdered = false): RenderUnit[] {
  const units: RenderUnit[] = [];
  const nodes = (key: string): Obj[] => (Array.isArray(sir[key]) ? (sir[key] as unknown[]).filter(isObj) : []);
  for (const n of geoOrder(nodes('geo_node'), geoOrdered)) {
    if (str(n.render) === '0') continue;
    const name = str(n.node).split('/').pop() || 'geo';
    units.push({ label: str(n.node), folder: safeName(name), base: `${scene}.${safeName(name)}`, kind: 'simulation', frames: frames(n.frames, str(n.node)) });
  }
  for (const n of nodes('rop_node')) {
    if (str(n.render) === '0') continue;
    const name = str(n.node).split('/').pop() || 'rop';
    const kind = str(n.option) === '0' ? 'simulation' : 'render';
    units.push({ label: str(n.node), folder: safeName(name), base: `${scene}.${safeName(name)}`, kind, frames: frames(n.frames, str(n.node)) });
  }
  return units;
}

function mayaUnits(sir: Obj, scene: string): RenderUnit[] {
  const units: RenderUnit[] = [];
  for (const [layer, value] of Object.entries(sir)) {
    if (!isObj(value) || !isObj(value.common) || str(value.renderable) === '0') continue;
    const common = value.common;
    const camera = Array.isArray(common.render_camera) ? str(common.render_camera[0]) : '';
    const prefix = str(common.image_file_prefix)
      .replace(/<Scene>/gi, scene).replace(/<(RenderLayer|Layer)>/gi, layer).replace(/<Camera>/gi, camera).replace(/<[^>]*>/g, '');
    const base = safeName(prefix.split(/[\\/]/).filter((s) => s !== '').pop() ?? '') ;
    units.push({ label: layer, folder: safeName(layer), base: base === '_' ? scene : base, kind: 'render', frames: frames(common.frames, layer) });
  }
  return units;
}

function clarisseUnits(sir: Obj): RenderUnit[] {
  const units: RenderUnit[] = [];
  const images = Array.isArray(sir.image_node) ? (sir.image_node as unknown[]).filter(isObj) : [];
  const add = (n: Obj): void => {
    const name = str(n.name).split('/').pop() ?? 'image';
    units.push({ label: str(n.name), folder: safeName(name), base: safeName(name), kind: 'render', frames: frames(n.frames, str(n.name)) });
  };
  for (const image of images) {
    if (str(image.renderable) === '1') add(image);
    for (const layer of Array.isArray(image.layers) ? (image.layers as unknown[]).filter(isObj) : []) {
      if (str(layer.renderable) === '1') add(layer);
    }
  }
  return units;
}

/** Two units with one folder name (e.g. /obj/RENDER/mantra1 and /out/mantra1) get their full path as name. */
function uniqueFolders(units: RenderUnit[]): RenderUnit[] {
  const count = new Map<string, number>();
  for (const u of units) count.set(u.folder, (count.get(u.folder) ?? 0) + 1);
  const seen = new Set<string>();
  return units.map((u) => {
    let folder = u.folder;
    let base = u.base;
    if ((count.get(u.folder) ?? 0) > 1) {
      folder = safeName(u.label.replace(/^[a-z]+:\/\//i, '').replace(/^\/+/, '').replace(/[\\/]+/g, '_'));
      base = u.base.endsWith(u.folder) ? `${u.base.slice(0, -u.folder.length)}${folder}` : `${u.base}_${folder}`;
    }
    for (let n = 2; seen.has(folder); n += 1) {
      folder = `${folder}_${n}`;
      base = `${base}_${n}`;
    }
    seen.add(folder);
    return { ...u, folder, base };
  });
}

function seconds(v: unknown): number {
  const n = Number.parseInt(str(v), 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Plans the render of a parsed task.json; throws PlanError when there is nothing renderable. */
export function planRender(task: unknown): RenderPlan {
  if (!isObj(task) || !isObj(task.task_info)) throw new PlanError('15031', 'task.json has no task_info object.');
  const info = task.task_info;
  const sir = isObj(task.scene_info_render) && Object.keys(task.scene_info_render).length > 0 ? task.scene_info_render
    : isObj(task.scene_info) ? task.scene_info : undefined;
  if (!sir) throw new PlanError('15002', 'task.json has neither scene_info_render nor scene_info.');
  const cgFile = str(info.input_cg_file).replace(/\\/g, '/');
  const sceneName = safeName(path.posix.basename(cgFile).replace(/\.[^.]*$/, '')) ;
  const units = 'rop_node' in sir || 'geo_node' in sir ? houdiniUnits(sir, sceneName, str(info.geo_node_dependency) === '1')
    : 'image_node' in sir ? clarisseUnits(sir)
    : mayaUnits(sir, sceneName);
  const withFrames = uniqueFolders(units.filter((u) => u.frames.length > 0));
  if (!withFrames.some((u) => u.kind === 'render')) {
    throw new PlanError('15002', 'scene_info_render lists no renderable layer, ROP or image with frames.');
  }
  const perTask = Number.parseInt(str(info.frames_per_task), 10);
  const cgId = Number.parseInt(str(info.cg_id), 10);
  return {
    sceneName, units: withFrames,
    preFrames: str(info.pre_frames) || '000',
    stopAfterTest: str(info.stop_after_test) === '1',
    framesPerTask: Number.isFinite(perTask) && perTask > 0 ? perTask : 1,
    jobStopTime: seconds(info.job_stop_time),
    taskStopTime: seconds(info.task_stop_time),
    cgId: Number.isFinite(cgId) ? cgId : undefined,
    hardwareConfigId: str(info.hardwareConfigId) || undefined,
    projectName: str(info.project_name) || undefined,
  };
}
