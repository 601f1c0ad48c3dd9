/**
 * Render layers → RenderNode facts: per layer renderable flag, frame range, renderable cameras,
 * renderer, image prefix, resolution and image format, from the render globals plus the layer's
 * overrides. Values a file does not store take Maya's defaults (only non-default values are saved).
 */
import type { Camera, FrameRange, RenderNode } from '../../../../../protocol/src/scene';
import { asBool, asNumber, asString, lookup, type Overrides } from './attr-lookup';
import { OverrideIndex } from './layer-overrides';
import type { MayaNode, MayaSceneModel } from './scene-model';

const RG = 'defaultRenderGlobals';
const RES = 'defaultResolution';
const CAMERA_TYPES = new Set(['camera', 'stereoRigCamera']);

/** Maya's `imageFormat` enum → extension, for renderers that use the Maya output settings. */
const IMAGE_FORMATS: Record<number, string> = {
  0: 'gif', 1: 'si', 2: 'rla', 3: 'tif', 4: 'tif', 5: 'sgi', 6: 'als', 7: 'iff', 8: 'jpg', 9: 'eps',
  10: 'iff', 11: 'cin', 12: 'yuv', 13: 'sgi', 19: 'tga', 20: 'bmp', 23: 'avi', 31: 'psd', 32: 'png',
  35: 'dds', 36: 'psd', 40: 'exr',
};
const REDSHIFT_FORMATS: Record<number, string> = { 0: 'iff', 1: 'exr', 2: 'png', 3: 'tga', 4: 'jpg', 5: 'tif' };

/** The scene's frame range from the render globals (Maya defaults 1-10 step 1). */
export function globalFrames(model: MayaSceneModel, overrides?: Overrides): FrameRange {
  const start = asNumber(lookup(model, RG, 'renderGlobals', 'startFrame', overrides), 1);
  const end = asNumber(lookup(model, RG, 'renderGlobals', 'endFrame', overrides), 10);
  const step = asNumber(lookup(model, RG, 'renderGlobals', 'byFrameStep', overrides), 1);
  return { start: round(start), end: round(end), step: step > 0 ? round(step) : 1 };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Every camera shape of the scene, with its renderable flag outside any layer override. */
export function cameras(model: MayaSceneModel): Camera[] {
  const out: Camera[] = [];
  for (const n of model.nodes.values()) {
    if (!CAMERA_TYPES.has(n.type)) continue;
    out.push({ node: n.name, renderable: asBool(lookup(model, n.name, 'camera', 'renderable'), true) });
  }
  return out;
}

/** The Maya version number as an integer (2018), for version-dependent defaults. */
function versionYear(version: string | undefined): number {
  const m = /(\d{4})/.exec(version ?? '');
  return m ? Number(m[1]) : 2018;
}

function imageFormat(model: MayaSceneModel, renderer: string, o: Overrides): string {
  if (renderer === 'arnold') return asString(lookup(model, 'defaultArnoldDriver', 'aiAOVDriver', 'aiTranslator', o)) ?? 'exr';
  if (renderer === 'vray') return asString(lookup(model, 'vraySettings', 'VRaySettingsNode', 'imageFormatStr', o)) ?? 'png';
  if (renderer === 'redshift') {
    return REDSHIFT_FORMATS[asNumber(lookup(model, 'redshiftOptions', 'RedshiftOptions', 'imageFormat', o), 1)] ?? 'exr';
  }
  const key = asString(lookup(model, RG, 'renderGlobals', 'imfPluginKey', o));
  if (key) return key;
  return IMAGE_FORMATS[asNumber(lookup(model, RG, 'renderGlobals', 'imageFormat', o), 7)] ?? 'iff';
}

function imagePrefix(model: MayaSceneModel, renderer: string, o: Overrides): string | undefined {
  if (renderer === 'vray') {
    const v = asString(lookup(model, 'vraySettings', 'VRaySettingsNode', 'fileNamePrefix', o));
    if (v) return v;
  }
  return asString(lookup(model, RG, 'renderGlobals', 'imageFilePrefix', o));
}

function layerNode(model: MayaSceneModel, index: OverrideIndex, all: string[], layer: MayaNode, version: string | undefined): RenderNode {
  const rsLayer = index.rsLayerOf.get(layer.name);
  const o = index.overridesOf(layer);
  const renderer = asString(lookup(model, RG, 'renderGlobals', 'currentRenderer', o)) || 'mayaSoftware';
  const modern = versionYear(version) >= 2016;
  const width = asNumber(lookup(model, RES, 'resolution', 'width', o), modern ? 960 : 640);
  const height = asNumber(lookup(model, RES, 'resolution', 'height', o), modern ? 540 : 480);
  const renderCams = all.filter((c) => asBool(lookup(model, c, 'camera', 'renderable', o), true));
  const frames = globalFrames(model, o);
  const renderable = asBool(lookup(model, layer.name, 'renderLayer', 'renderable'), true) &&
    (!rsLayer || asBool(lookup(model, rsLayer.name, 'renderSetupLayer', 'renderable'), true));
  const prefix = imagePrefix(model, renderer, o);
  const node: RenderNode = {
    node: layer.name,
    type: 'renderLayer',
    category: 'layer',
    renderable,
    frames,
    cameras: renderCams,
    renderer,
    settings: {
      image_format: imageFormat(model, renderer, o),
      renumber_frames: asBool(lookup(model, RG, 'renderGlobals', 'modifyExtension', o), false) ? 'True' : 'False',
      animation: asBool(lookup(model, RG, 'renderGlobals', 'animation', o), false) ? 'True' : 'False',
      all_camera: all.join(','),
      render_camera: renderCams.join(','),
      start: String(frames.start),
      end: String(frames.end),
      by_frame: String(frames.step),
      image_file_prefix: prefix ?? '',
    },
  };
  if (rsLayer) node.settings!.render_setup_layer = rsLayer.name;
  if (prefix) node.output = prefix;
  if (Number.isInteger(width) && width > 0) node.width = width;
  if (Number.isInteger(height) && height > 0) node.height = height;
  return node;
}

/** One RenderNode per renderLayer node (legacy and Render Setup `rs_*` layers alike). */
export function renderLayers(model: MayaSceneModel, version: string | undefined): RenderNode[] {
  const index = new OverrideIndex(model);
  const all = cameras(model).map((c) => c.node);
  const out: RenderNode[] = [];
  for (const n of model.nodes.values()) {
    if (n.type === 'renderLayer') out.push(layerNode(model, index, all, n, version));
  }
  // every Maya scene has the master layer; a file without it (hand-written, damaged) still renders one
  if (out.length === 0) out.push(layerNode(model, index, all, { name: 'defaultRenderLayer', type: 'renderLayer', attrs: new Map() }, version));
  return out;
}
