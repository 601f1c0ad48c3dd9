/**
 * The submit dialog's / CLI's choices written into task.json where the farm reads them: frames and
 * on/off per ROP (Houdini `rop_node`/`geo_node`), render layer (Maya) or image/layer (Clarisse
 * `image_node`), the camera, frames per task, scout frames (`pre_frames`, `stop_after_test`) and the
 * per-frame timeout (`time_out`) and over-time stop (`job_stop_time`). Pure: task in, task out.
 */
import { farmFrames, parseFrameSpec } from '../../../protocol/src/frame-spec';
import type { SubmitSettings } from '../../../protocol/src/submit';
import { appendToUpload } from './append-upload';
import { JobFileError, JOBFILE_CODES } from './errors';
import { readTaskJson } from './read';
import { removeFromUpload } from './remove-upload';
import type { TaskJson } from './types';
import { writeTaskJson } from './write';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A bad setting: names the field (e.g. `frames./out/ropC`) and says what the scene has instead. */
export function settingError(field: string, message: string): JobFileError {
  // details.field is the param (frames, camera …) so each interface can say it in its own words.
  const param = field.split(/[.[]/)[0]!;
  return new JobFileError('ERR_SUBMIT_SETTING', `${field}: ${message}`, { farmCode: JOBFILE_CODES.badArgument, details: { field: param, fieldPhrase: field, path: field } });
}

/** One renderable thing of scene_info_render, whatever the host. */
interface Unit {
  name: string;
  /** Sets the frames (farm form, e.g. "1-99[2],120"). */
  setFrames(frames: string): void;
  setOn(on: boolean): void;
  isOn(): boolean;
  setCamera(camera: string): void;
  /** Cameras this unit may render (empty = unknown, anything goes). */
  cameras: string[];
  /** A Clarisse image's layers follow the image. */
  children: Unit[];
  /** Houdini: the units this one needs run first (the ROP graph's `depends_on`). */
  needs?: string[];
}

function houdiniUnits(sir: Obj): Unit[] {
  const items = ['rop_node', 'geo_node', 'distributedsim_node'].flatMap((k) => (Array.isArray(sir[k]) ? (sir[k] as unknown[]).filter(isObj) : []));
  return items.map((item) => ({
    name: String(item.node ?? ''),
    setFrames: (f) => { item.frames = f; },
    setOn: (on) => { item.render = on ? '1' : '0'; },
    isOn: () => String(item.render) !== '0',
    setCamera: (c) => { item.camera = c; },
    cameras: [],
    children: [],
    needs: String(item.depends_on ?? '').split(',').filter(Boolean),
  }));
}

function mayaUnits(sir: Obj): Unit[] {
  return Object.entries(sir).filter(([, v]) => isObj(v) && isObj(v.common)).map(([layer, v]) => {
    const value = v as Obj;
    const common = value.common as Obj;
    return {
      name: layer,
      setFrames: (f: string) => {
        const items = parseFrameSpec(f);
        common.frames = f;
        // start/end/by_frame describe the span; the farm renders `frames`.
        common.start = String(Math.min(...items.map((i) => i.start)));
        common.end = String(Math.max(...items.map((i) => i.end)));
        common.by_frame = items.length === 1 ? String(items[0]!.step) : '1';
      },
      setOn: (on: boolean) => { value.renderable = on ? '1' : '0'; },
      isOn: () => String(value.renderable) !== '0',
      setCamera: (c: string) => {
        common.render_camera = [c];
        value.is_default_camera = /^persp(Shape)?$/.test(c) ? '1' : '0';
      },
      cameras: Array.isArray(common.all_camera) ? common.all_camera.map(String) : [],
      children: [],
    };
  });
}

function clarisseUnits(sir: Obj): Unit[] {
  const images = Array.isArray(sir.image_node) ? (sir.image_node as unknown[]).filter(isObj) : [];
  const unit = (item: Obj, children: Unit[], own: boolean): Unit => ({
    name: String(item.name ?? ''),
    setFrames: (f) => { item.frames = f; for (const c of children) c.setFrames(f); },
    // An image's own flag stays as the analysis wrote it; its layers carry the choice (platform convention).
    setOn: (on) => { if (own) item.renderable = on ? '1' : '0'; for (const c of children) c.setOn(on); },
    isOn: () => (own ? String(item.renderable) === '1' : children.some((c) => c.isOn())),
    setCamera: (c) => { item.camera = c; for (const k of children) k.setCamera(c); },
    cameras: [],
    children,
  });
  return images.map((image) => {
    const layers = (Array.isArray(image.layers) ? (image.layers as unknown[]).filter(isObj) : []).map((l) => unit(l, [], true));
    return unit(image, layers, layers.length === 0);
  });
}

function unitsOf(task: TaskJson): Unit[] {
  const sir = task.scene_info_render;
  if ('rop_node' in sir || 'geo_node' in sir) return houdiniUnits(sir);
  if ('image_node' in sir) return clarisseUnits(sir);
  return mayaUnits(sir);
}

const lastPart = (name: string): string => name.split(/[/.]/).filter((s) => s !== '').pop() ?? name;

/** The unit a dialog or CLI key names: its full name, or its last name part when that is unique. */
function findUnit(all: Unit[], key: string, field: string): Unit {
  const exact = all.find((u) => u.name === key);
  if (exact) return exact;
  const byLast = all.filter((u) => lastPart(u.name) === key);
  if (byLast.length === 1) return byLast[0]!;
  const names = all.map((u) => u.name).join(', ') || 'none';
  if (byLast.length > 1) throw settingError(field, `"${key}" names several nodes (${byLast.map((u) => u.name).join(', ')}); use the full path.`);
  throw settingError(field, `no ROP, render layer or image is named "${key}"; the scene has: ${names}.`);
}

function flatten(units: Unit[]): Unit[] {
  return units.flatMap((u) => [u, ...flatten(u.children)]);
}

const sameCamera = (a: string, b: string): boolean => a === b || a.replace(/Shape\d*$/, '') === b.replace(/Shape\d*$/, '');

function applyCamera(unit: Unit, camera: string, field: string): void {
  if (unit.cameras.length > 0 && !unit.cameras.some((c) => sameCamera(c, camera))) {
    throw settingError(field, `"${camera}" is not a camera of ${unit.name}; choose one of: ${unit.cameras.join(', ')}.`);
  }
  unit.setCamera(unit.cameras.find((c) => sameCamera(c, camera)) ?? camera);
}

/** Names of the ROPs / layers / images (and Clarisse layers) task.json renders. */
export function renderingNodes(task: TaskJson): string[] {
  return flatten(unitsOf(task)).filter((u) => u.isOn()).map((u) => u.name);
}

const PRE_FRAMES: Record<string, string> = { none: '000', first: '100', 'first-middle-last': '111' };

/** Applies `settings` to a parsed task.json (in place) and returns it; throws JobFileError naming the field. */
export function applySubmitSettings(task: TaskJson, settings: SubmitSettings): TaskJson {
  const tops = unitsOf(task);
  const all = flatten(tops);
  if (settings.renderNodes) {
    const chosen = new Set(settings.renderNodes.map((key, i) => findUnit(all, key, `renderNodes[${i}]`)));
    // A chosen layer keeps its image on; an image chosen alone brings its layers.
    for (const top of tops) {
      if (chosen.has(top)) top.setOn(true);
      else if (top.children.length > 0) for (const c of top.children) c.setOn(chosen.has(c));
      else top.setOn(false);
    }
    // A chosen render brings the ROPs it depends on, as Houdini renders a ROP's inputs.
    const byName = new Map(all.map((u) => [u.name, u]));
    const work = all.filter((u) => u.isOn());
    while (work.length) {
      for (const name of work.pop()!.needs ?? []) {
        const dep = byName.get(name);
        if (dep && !dep.isOn()) {
          dep.setOn(true);
          work.push(dep);
        }
      }
    }
  }
  for (const [key, spec] of Object.entries(settings.frames ?? {})) {
    const field = `frames.${key}`;
    let frames: string;
    try {
      frames = farmFrames(spec);
    } catch (err) {
      throw settingError(field, `the frame spec "${spec}" ${(err as Error).message}.`);
    }
    const targets = key === '*' ? tops : [findUnit(all, key, field)];
    for (const unit of targets) unit.setFrames(frames);
  }
  const camera = settings.camera;
  if (typeof camera === 'string') for (const unit of tops) applyCamera(unit, camera, 'camera');
  else if (camera) for (const [key, cam] of Object.entries(camera)) applyCamera(findUnit(all, key, `camera.${key}`), cam, `camera.${key}`);
  const info = task.task_info;
  if (settings.chunk !== undefined) info.frames_per_task = String(settings.chunk);
  if (settings.scout) {
    const { mode, frames, stopAfter } = settings.scout;
    info.pre_frames = mode === 'custom' ? `000:${farmFrames(frames ?? '')}` : PRE_FRAMES[mode]!;
    info.stop_after_test = stopAfter && mode !== 'none' ? '1' : '2';
  }
  const timeout = settings.timeoutSeconds;
  const stop = settings.overTimeStopSeconds;
  if (timeout !== undefined && stop !== undefined && timeout > stop) {
    throw settingError('timeoutSeconds', `the warning after ${timeout} s comes after the stop at ${stop} s; make it shorter than overTimeStopSeconds.`);
  }
  if (timeout !== undefined) info.time_out = String(timeout);
  if (stop !== undefined) info.job_stop_time = String(stop);
  return task;
}

/**
 * Applies `settings` to an analysis' files: task.json (frames, nodes, camera, chunk, scouts, timeouts)
 * and upload.json (assets added and removed). task.json is checked whole before anything is written.
 */
export async function updateSubmitSettings(settings: SubmitSettings, files: { taskJsonPath: string; uploadJsonPath: string }): Promise<void> {
  const task = applySubmitSettings(await readTaskJson(files.taskJsonPath), settings);
  // Additions first, so a folder can be added and one of its subfolders left out.
  if (settings.assets?.add.length) await appendToUpload(settings.assets.add, files.uploadJsonPath);
  if (settings.assets?.remove.length) await removeFromUpload(settings.assets.remove, files.uploadJsonPath);
  await writeTaskJson(files.taskJsonPath, task);
}

/** The SubmitSettings keys of a params object (the rest is analysis / transfer options). */
export function pickSubmitSettings(p: SubmitSettings): SubmitSettings {
  const keys = ['frames', 'renderNodes', 'chunk', 'camera', 'scout', 'timeoutSeconds', 'overTimeStopSeconds', 'assets'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (p[k] !== undefined) out[k] = p[k];
  return out as SubmitSettings;
}
