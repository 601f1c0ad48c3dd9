import type { FrameRange, RenderNode, SceneFacts } from '../../../../protocol/src/scene';
import { geoNodeRanks } from './rop-order';

/** "start-end[step]" as task.json writes frame ranges. */
export function formatFrames(range: FrameRange | undefined): string {
  if (!range) return '';
  const step = range.step && range.step > 0 ? range.step : 1;
  return `${range.start}-${range.end}[${step}]`;
}

const flag = (b: boolean): string => (b ? '1' : '0');

function dims(node: RenderNode): Record<string, string> {
  const out: Record<string, string> = {};
  if (node.width) out.width = String(node.width);
  if (node.height) out.height = String(node.height);
  return out;
}

function houdiniItem(node: RenderNode, option: string, facts: SceneFacts, rank?: string): Record<string, string> {
  return {
    ...(node.settings ?? {}),
    node: node.node,
    frames: formatFrames(node.frames ?? facts.frameRange),
    option,
    // A geo node a render depends on runs when that render runs, as in Houdini.
    render: flag(node.renderable || rank !== undefined),
    ...dims(node),
    ...(node.dependsOn?.length ? { depends_on: node.dependsOn.join(',') } : {}),
    ...(rank !== undefined ? { geoDependencySort: rank } : {}),
  };
}

/**
 * Houdini scene_info: rop_node / geo_node / distributedsim_node lists (spec/analysis.md §5.1). The ROP
 * graph adds `depends_on` (the render nodes that run first, comma-separated) and, on the geo nodes a
 * render needs, `geoDependencySort` ranks in run order.
 */
function houdiniSceneInfo(facts: SceneFacts): Record<string, unknown> {
  const of = (category: string): RenderNode[] => facts.renderNodes.filter((n) => n.category === category);
  const ranks = geoNodeRanks(facts);
  return {
    rop_node: of('rop_node').map((n) => houdiniItem(n, '-1', facts)),
    geo_node: of('geo_node').map((n) => houdiniItem(n, '0', facts, ranks.get(n.node))),
    distributedsim_node: of('distributedsim_node').map((n) => houdiniItem(n, '1', facts)),
  };
}

/** task_info flags of geo-node ordering (as setGeoNodeOrder sets them) when the graph ranks geo nodes. */
export function houdiniTaskFlags(facts: SceneFacts): Record<string, string> {
  return geoNodeRanks(facts).size ? { multi_node: '0', geo_node_dependency: '1' } : {};
}

/** Maya scene_info: one object per render layer (spec/analysis.md §5.2). */
function mayaSceneInfo(facts: SceneFacts): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  const allCameras = facts.cameras.map((c) => c.node);
  for (const layer of facts.renderNodes.filter((n) => n.category === 'layer')) {
    const s = layer.settings ?? {};
    const frames = layer.frames ?? facts.frameRange;
    const renderCameras = layer.cameras ?? facts.cameras.filter((c) => c.renderable).map((c) => c.node);
    info[layer.node] = {
      renderable: flag(layer.renderable),
      is_default_camera: s.is_default_camera ?? (renderCameras.some((c) => /^persp(Shape)?$/.test(c)) ? '1' : '0'),
      option: s.option ?? '',
      env: {},
      common: {
        renderer: layer.renderer ?? s.renderer ?? '',
        image_file_prefix: s.image_file_prefix ?? layer.output ?? '',
        start: frames ? String(frames.start) : '',
        end: frames ? String(frames.end) : '',
        by_frame: frames ? String(frames.step ?? 1) : '',
        frames: formatFrames(frames),
        all_camera: allCameras,
        render_camera: renderCameras,
        renumber_frames: s.renumber_frames ?? 'False',
        width: layer.width ? String(layer.width) : (s.width ?? ''),
        height: layer.height ? String(layer.height) : (s.height ?? ''),
        image_format: s.image_format ?? '',
        animation: s.animation ?? 'False',
      },
    };
  }
  return info;
}

function clarisseLayer(node: RenderNode, parent: RenderNode, facts: SceneFacts): Record<string, string> {
  const s = node.settings ?? {};
  return {
    name: node.node,
    frames: formatFrames(node.frames ?? parent.frames ?? facts.frameRange),
    renderable: flag(node.renderable),
    output: node.output ?? s.output ?? '',
    format: s.format ?? '',
    enable_deep_output: s.enable_deep_output ?? '0',
    enable_deep_output_path: s.enable_deep_output_path ?? '',
    save_to_disk: s.save_to_disk ?? '1',
  };
}

/** Clarisse scene_info: image_node list with their layers (spec/analysis.md §5.3). */
function clarisseSceneInfo(facts: SceneFacts): Record<string, unknown> {
  return {
    image_node: facts.renderNodes
      .filter((n) => n.category === 'image')
      .map((image) => {
        const s = image.settings ?? {};
        return {
          name: image.node,
          frames: formatFrames(image.frames ?? facts.frameRange),
          // Platform convention: images themselves are "0"; their layers carry the flag.
          renderable: '0',
          output: image.output ?? s.output ?? '',
          format: s.format ?? '',
          LUT: s.LUT ?? '',
          save_to_disk: s.save_to_disk ?? '1',
          layers: (image.children ?? []).map((layer) => clarisseLayer(layer, image, facts)),
        };
      }),
  };
}

/** scene_info (and scene_info_render: the same at analysis time) for the facts' host. */
export function buildSceneInfo(facts: SceneFacts): Record<string, unknown> {
  switch (facts.host) {
    case 'houdini':
      return houdiniSceneInfo(facts);
    case 'maya':
      return mayaSceneInfo(facts);
    case 'clarisse':
      return clarisseSceneInfo(facts);
  }
}
