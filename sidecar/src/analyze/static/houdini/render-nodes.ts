import type { Camera, FrameRange, RenderNode, SceneWarning } from '../../../../../protocol/src/scene';
import { inDriverContext, type HipModel, type HipNode } from './hip-model';
import { evalFrameExpr } from './hscript-expr';
import { resolveNodePath as nodePath } from './hscript/node-paths';
import { ropTypeOf } from './node-tables';
import { nodeUnderTake, ropTakeChain } from './take-view';

/** Text of one component of a parm (cached value for channel references). */
export function parmText(node: HipNode | undefined, name: string, index = 0): string | undefined {
  return node?.parms?.get(name)?.[index]?.text;
}

function componentNumber(model: HipModel, node: HipNode, parm: string, index: number): number | undefined {
  const v = node.parms?.get(parm)?.[index];
  if (!v) return undefined;
  const frameVars = {
    FSTART: model.start.fstart, FEND: model.start.fend, RFSTART: model.start.fstart, RFEND: model.start.fend,
    FPS: model.start.fps, NFRAMES: model.start.fend - model.start.fstart + 1, F: model.start.current,
  };
  if (v.channel) {
    const expr = node.channels?.get(v.channel)?.expr;
    const value = expr === undefined ? undefined : evalFrameExpr(expr, frameVars);
    if (value !== undefined) return value;
  }
  const n = Number(v.text);
  return Number.isFinite(n) ? n : evalFrameExpr(v.text, frameVars);
}

/** Frames of a ROP: `trange` off → the current frame only; else the `f` tuple (step 0 → 1). */
function ropFrames(model: HipModel, node: HipNode): FrameRange {
  const trange = parmText(node, 'trange');
  if (trange === 'off' || trange === '0') return { start: model.start.current, end: model.start.current, step: 1 };
  const start = componentNumber(model, node, 'f', 0) ?? model.start.fstart;
  const end = componentNumber(model, node, 'f', 1) ?? model.start.fend;
  const step = componentNumber(model, node, 'f', 2) ?? 1;
  return { start: Math.round(start), end: Math.round(end), step: step > 0 ? step : 1 };
}

const isOn = (v: string | undefined): boolean => v === 'on' || v === '1' || v === 'true';

/** Width/height of a ROP: the camera's `res`, unless the ROP overrides it. */
function ropResolution(node: HipNode, camera: HipNode | undefined): { width?: number; height?: number } {
  let w = Number(parmText(camera, 'res', 0));
  let h = Number(parmText(camera, 'res', 1));
  if (isOn(parmText(node, 'override_camerares'))) {
    const fraction = parmText(node, 'res_fraction');
    const f = Number(fraction);
    if (fraction === undefined || fraction === 'specific' || !Number.isFinite(f) || !(f > 0)) {
      w = Number(parmText(node, 'res_override', 0));
      h = Number(parmText(node, 'res_override', 1));
    } else {
      w = Math.round(w * f);
      h = Math.round(h * f);
    }
  } else if (isOn(parmText(node, 'RS_overrideCameraRes'))) {
    w = Number(parmText(node, 'RS_overrideRes1'));
    h = Number(parmText(node, 'RS_overrideRes2'));
  }
  const ok = (n: number): number | undefined => (Number.isInteger(n) && n > 0 ? n : undefined);
  return { width: ok(w), height: ok(h) };
}

/** The node a node-path parm value names: absolute, or relative to the node itself (`../cam1` a sibling). */
export function resolveNodePath(from: string, ref: string): string {
  return nodePath(from, ref) ?? ref;
}

const SLICE_TYPES: Record<string, string> = { '0': 'particle', '1': 'volume', '2': 'cluster', particle: 'particle', volume: 'volume', cluster: 'cluster' };

/**
 * Settings of an HQueue distributed simulation (spec/analysis.md §3.1): output driver and file,
 * slice type and count (particle: num_slices; volume: product of slicediv; cluster: the cluster
 * node's num_clusters), control node. Tips 50007 (slice type not supported) and 50008 (> 16 slices).
 */
function distributedSim(model: HipModel, node: HipNode, item: RenderNode, warnings: SceneWarning[]): void {
  const driver = parmText(node, 'hq_driver') ?? '';
  const driverNode = driver ? model.nodes.get(resolveNodePath(node.path, driver)) : undefined;
  const sliceType = SLICE_TYPES[parmText(node, 'slice_type') ?? parmText(node, 'sliceType') ?? '0'] ?? 'unknown';
  let slices = Number(parmText(node, 'num_slices') ?? 0);
  if (sliceType === 'volume') slices = [0, 1, 2].map((i) => Number(parmText(node, 'slicediv', i) ?? 1)).reduce((a, b) => a * (b || 1), 1);
  if (sliceType === 'cluster') {
    const cluster = parmText(node, 'hq_cluster_node');
    slices = Number(parmText(cluster ? model.nodes.get(resolveNodePath(node.path, cluster)) : undefined, 'num_clusters') ?? 0);
  }
  item.settings = {
    output_driver: driver,
    output_file: parmText(driverNode, 'sopoutput') ?? '',
    sliceType,
    num_slices: Number.isFinite(slices) && slices > 0 ? String(slices) : '',
    simControlName: parmText(node, 'hq_sim_controls') ?? '',
  };
  if (driverNode) item.frames = ropFrames(model, driverNode);
  if (sliceType !== 'particle' && sliceType !== 'volume') {
    warnings.push({ code: '50007', message: `The distributed simulation ${node.path} uses slice type "${sliceType}", which the farm does not support; use particle or volume slices.`, node: node.path, parm: 'slice_type' });
  }
  if (slices > 16) {
    warnings.push({ code: '50008', message: `The distributed simulation ${node.path} has ${slices} slices; the farm allows at most 16.`, node: node.path, parm: 'num_slices' });
  }
}

/** ROPs, caches and distributed sims of the scene (spec/analysis.md §3.1), plus camera warnings. */
export function collectRenderNodes(model: HipModel, warnings: SceneWarning[]): RenderNode[] {
  const out: RenderNode[] = [];
  for (const stored of model.nodes.values()) {
    const rop = stored.type ? ropTypeOf(stored.type, inDriverContext(model, stored.path)) : undefined;
    if (!rop || !stored.type) continue;
    // Frames, output, camera and resolution as the take the ROP renders with sets them.
    const take = ropTakeChain(model, stored, warnings);
    const node = nodeUnderTake(stored, take.chain)!;
    const item: RenderNode = {
      node: node.path,
      type: stored.type,
      category: rop.category,
      renderable: rop.category === 'rop_node' ? !node.bypass : false,
      frames: ropFrames(model, node),
    };
    if (rop.renderer) item.renderer = rop.renderer;
    const output = rop.output?.map((p) => parmText(node, p)).find((v) => v !== undefined && v !== '');
    if (output) item.output = output;
    if (rop.category === 'rop_node') {
      const camParm = rop.camera?.map((p) => parmText(node, p)).find((v) => v);
      if (camParm) {
        const camPath = resolveNodePath(node.path, camParm);
        const camera = nodeUnderTake(model.nodes.get(camPath), take.chain);
        item.cameras = [camPath];
        if (!camera?.type) {
          warnings.push({ code: '50002', message: `The camera ${camPath} of ${node.path} does not exist in the scene; set an existing camera.`, node: node.path, parm: 'camera' });
        }
        Object.assign(item, ropResolution(node, camera));
      }
    }
    if (rop.category === 'distributedsim_node') distributedSim(model, node, item, warnings);
    if (take.chain.length && take.name !== 'Main') item.take = take.name;
    for (const k of Object.keys(item) as Array<keyof RenderNode>) if (item[k] === undefined) delete item[k];
    out.push(item);
  }
  return out.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Camera objects with their resolution. */
export function collectCameras(model: HipModel): Camera[] {
  const out: Camera[] = [];
  for (const node of model.nodes.values()) {
    if (node.type !== 'cam' && node.type !== 'stereocam') continue;
    const cam: Camera = { node: node.path };
    const w = Number(parmText(node, 'res', 0));
    const h = Number(parmText(node, 'res', 1));
    if (Number.isInteger(w) && w > 0) cam.width = w;
    if (Number.isInteger(h) && h > 0) cam.height = h;
    out.push(cam);
  }
  return out.sort((a, b) => (a.node < b.node ? -1 : 1));
}
