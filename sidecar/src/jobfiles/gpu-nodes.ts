/**
 * Which render nodes need a GPU machine: Redshift and Octane always do; Karma, Arnold and V-Ray do
 * when the scene sets them to their GPU device (the walks record `settings.render_device`: "gpu",
 * or Karma's "xpu"). Written to task.json `additional_info.gpu_nodes` (node → why) so the check and
 * the dialog say the same thing.
 */
import type { RenderNode, SceneFacts } from '../../../protocol/src/scene';

const ALWAYS: [RegExp, string][] = [[/redshift/i, 'Redshift'], [/octane/i, 'Octane']];
const ON_DEVICE: [RegExp, string][] = [[/karma/i, 'Karma XPU'], [/arnold|mtoa|htoa/i, 'Arnold GPU'], [/vray|v-ray/i, 'V-Ray GPU']];

/** Why `node` needs a GPU, or undefined. */
export function gpuReason(node: RenderNode): string | undefined {
  const what = `${node.type} ${node.renderer ?? ''}`;
  for (const [re, name] of ALWAYS) if (re.test(what)) return `${name} (${node.node}) renders on GPUs only`;
  const device = (node.settings?.render_device ?? '').toLowerCase();
  if (device !== 'gpu' && device !== 'xpu') return undefined;
  const name = ON_DEVICE.find(([re]) => re.test(what))?.[1] ?? `${node.renderer ?? node.type} on GPU`;
  return `${name} (${node.node}) is set to render on the GPU`;
}

/** node → why it needs a GPU, for the renderable nodes of the facts (Clarisse layers included). */
export function gpuNodes(facts: Pick<SceneFacts, 'renderNodes'>): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (nodes: RenderNode[]): void => {
    for (const n of nodes) {
      const reason = n.renderable && n.category !== 'geo_node' ? gpuReason(n) : undefined;
      if (reason) out[n.node] = reason;
      visit(n.children ?? []);
    }
  };
  visit(facts.renderNodes);
  return out;
}
