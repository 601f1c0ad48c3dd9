/**
 * Clarisse images → RenderNode facts (category `image`, with their 3D layers as `children`), and
 * the cameras. Frames come from `first_frame`/`last_frame`/`frame_step` (a layer without its own
 * range renders the image's); outputs from `save_as`; settings keep format, LUT, save_to_disk and
 * deep output as task.json wants them (spec/analysis.md §3.3, §5.3).
 */
import type { Camera, FrameRange, RenderNode } from '../../../../../protocol/src/scene';
import { itemPath, resolveItem } from './item-paths';
import type { ClarisseObject, ProjectModel } from './project-model';
import type { ProjectToken } from './project-tokenizer';

const IMAGE_CLASSES = new Set(['Image']);

function first(o: ClarisseObject, ...names: string[]): ProjectToken | undefined {
  for (const n of names) {
    const v = o.attrs.get(n)?.[0];
    if (v) return v;
  }
  return undefined;
}

function num(o: ClarisseObject, name: string): number | undefined {
  const t = first(o, name);
  const n = t ? Number(t.text) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function bool(o: ClarisseObject, name: string): boolean | undefined {
  const t = first(o, name)?.text;
  if (t === undefined) return undefined;
  return /^(yes|true|1|on)$/i.test(t);
}

const flag = (b: boolean): string => (b ? '1' : '0');

function frames(o: ClarisseObject, fallback: FrameRange | undefined): FrameRange | undefined {
  const start = num(o, 'first_frame');
  const end = num(o, 'last_frame');
  if (start === undefined && end === undefined) return fallback;
  const s = start ?? fallback?.start ?? 0;
  const step = num(o, 'frame_step') ?? fallback?.step ?? 1;
  return { start: s, end: end ?? fallback?.end ?? s, step: step > 0 ? step : 1 };
}

function resolution(node: RenderNode, o: ClarisseObject): void {
  const r = o.attrs.get('resolution');
  const w = Number(r?.[0]?.text);
  const h = Number(r?.[1]?.text);
  if (Number.isInteger(w) && w > 0) node.width = w;
  if (Number.isInteger(h) && h > 0) node.height = h;
}

function outputSettings(o: ClarisseObject): Record<string, string> {
  const s: Record<string, string> = {};
  const format = first(o, 'format', 'save_as_format');
  if (format) s.format = format.text;
  const lut = first(o, 'LUT', 'lut', 'save_as_lut');
  if (lut) s.LUT = lut.text;
  const save = bool(o, 'save_to_disk');
  if (save !== undefined) s.save_to_disk = flag(save);
  return s;
}

function layerNode(layer: ClarisseObject, image: RenderNode, byPath: Map<string, ClarisseObject>): RenderNode {
  const node: RenderNode = {
    node: itemPath(layer),
    type: layer.cls,
    category: 'layer',
    renderable: bool(layer, 'renderable') ?? bool(layer, 'enabled') ?? bool(layer, 'visible') ?? true,
    settings: outputSettings(layer),
  };
  const f = frames(layer, image.frames);
  if (f) node.frames = f;
  const cam = first(layer, 'active_camera', 'camera');
  if (cam?.text) node.cameras = [resolveItem(cam.text, layer)];
  const renderer = first(layer, 'renderer');
  if (renderer?.text) {
    const path = resolveItem(renderer.text, layer);
    node.renderer = byPath.get(path)?.cls ?? renderer.text;
    node.settings!.renderer = path;
  }
  const out = first(layer, 'save_as');
  if (out?.text) node.output = out.text;
  const deep = bool(layer, 'enable_deep_output');
  if (deep !== undefined) node.settings!.enable_deep_output = flag(deep);
  const deepPath = first(layer, 'deep_output_path', 'save_deep_as', 'deep_save_as');
  if (deepPath?.text) node.settings!.enable_deep_output_path = deepPath.text;
  resolution(node, layer);
  return node;
}

/** The Image items with their layers. */
export function images(model: ProjectModel, fallback: FrameRange | undefined): RenderNode[] {
  const byPath = new Map(model.objects.map((o) => [itemPath(o), o]));
  const out: RenderNode[] = [];
  for (const o of model.objects) {
    if (!IMAGE_CLASSES.has(o.cls)) continue;
    const node: RenderNode = {
      node: itemPath(o),
      type: o.cls,
      category: 'image',
      renderable: bool(o, 'renderable') ?? bool(o, 'enabled') ?? true,
      settings: outputSettings(o),
    };
    const f = frames(o, fallback);
    if (f) node.frames = f;
    const out1 = first(o, 'save_as');
    if (out1?.text) node.output = out1.text;
    resolution(node, o);
    node.children = (o.attrs.get('layers') ?? [])
      .filter((t) => t.quoted && t.text !== '')
      .map((t) => byPath.get(resolveItem(t.text, o)))
      .filter((l): l is ClarisseObject => l !== undefined)
      .map((l) => layerNode(l, node, byPath));
    out.push(node);
  }
  return out;
}

/** Every camera item of the project. */
export function cameras(model: ProjectModel): Camera[] {
  return model.objects.filter((o) => /^Camera/.test(o.cls)).map((o) => ({ node: itemPath(o) }));
}
